/**
 * The bgp API: what applications and simulations see.
 *
 * <ul>
 *   <li>Values and identities: {@link io.github.bgp.api.Value} (orders, numbers, an application's
 *       bytes through a {@link io.github.bgp.api.ValueCodec}), {@link io.github.bgp.api.NodeId},
 *       {@link io.github.bgp.api.InstanceId}.
 *   <li>Protocols by name: {@link io.github.bgp.api.Protocols} finds a
 *       {@link io.github.bgp.api.Protocol} of a family: {@link io.github.bgp.api.AgreementProtocol}
 *       or {@link io.github.bgp.api.CommitProtocol}.
 *   <li>Agreement: an instance's {@link io.github.bgp.api.AgreementSpec}; a simulated
 *       {@link io.github.bgp.api.Scenario} (traitors, {@link io.github.bgp.api.Strategy}, seed) and
 *       its {@link io.github.bgp.api.Outcome}, which checks IC1 and IC2;
 *       {@link io.github.bgp.api.Majority} functions.
 *   <li>Commit: {@link io.github.bgp.api.CommitSpec}, {@link io.github.bgp.api.Transaction}, the
 *       application's {@link io.github.bgp.api.Resource}, a simulated
 *       {@link io.github.bgp.api.CommitScenario} and its {@link io.github.bgp.api.CommitOutcome}.
 * </ul>
 *
 * <p>Writing a protocol: {@code io.github.bgp.spi}. Writing a runtime: {@code io.github.bgp.runtime}.
 * This module depends on nothing but the JDK. Nothing in it returns null.
 */
package io.github.bgp.api;
