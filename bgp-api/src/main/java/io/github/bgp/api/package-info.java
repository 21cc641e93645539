/**
 * The bgp API: what generals agree on and how a protocol plugs in.
 *
 * <ul>
 *   <li>Values and identities: {@link io.github.bgp.api.Value}, {@link io.github.bgp.api.NodeId},
 *       {@link io.github.bgp.api.InstanceId}.
 *   <li>The problem: {@link io.github.bgp.api.Scenario} (generals, m, traitors and their
 *       {@link io.github.bgp.api.Strategy}, order, seed, {@link io.github.bgp.api.Majority}) and
 *       its {@link io.github.bgp.api.Outcome}, which checks IC1 and IC2.
 *   <li>The SPI: a protocol is a {@link io.github.bgp.api.Protocol} found by name through
 *       {@link io.github.bgp.api.Protocols}; for one run it yields an
 *       {@link io.github.bgp.api.Agreement}, whose {@link io.github.bgp.api.Node}s are pure state
 *       machines. A runtime drives them over a {@link io.github.bgp.api.Transport};
 *       {@link io.github.bgp.api.Rounds} turns a {@link io.github.bgp.api.RoundNode} into a node
 *       with synchronous rounds and deadlines.
 * </ul>
 *
 * <p>This package depends on nothing but the JDK. Nothing in it returns null.
 */
package io.github.bgp.api;
