/**
 * The network runtime: every protocol of the library across processes and machines.
 *
 * <p>{@link io.github.bgp.net.NettyTransport} carries frames over TCP with mutual TLS 1.3 (Netty);
 * {@link io.github.bgp.net.LiveNode} drives protocol instances over any transport on the wall
 * clock, with durable logs and group commit; {@link io.github.bgp.net.ClusterConfig} and
 * {@link io.github.bgp.net.Certificates} describe a cluster and make its keys;
 * {@link io.github.bgp.net.NodeMetrics} counts what a node does, and
 * {@link io.github.bgp.net.MetricsServer} serves it. {@link io.github.bgp.net.LocalNetwork} runs
 * live nodes in one process without sockets. {@link io.github.bgp.net.AgreementNode} is what an
 * application drives: the commander proposes, lieutenants join, each gets its decision as a
 * future, in a {@link io.github.bgp.net.Slot} of the schedule; and interactive consistency.
 */
package io.github.bgp.net;
