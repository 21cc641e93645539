/**
 * For runtimes (the simulator, the network runtime, a runtime of your own): the one node host,
 * {@link io.github.bgp.runtime.NodeDriver}, which takes events and returns effects in the order
 * they must happen ({@link io.github.bgp.runtime.Effects}); what crosses between nodes
 * ({@link io.github.bgp.runtime.Frame}, {@link io.github.bgp.runtime.Transport}); durable logs
 * ({@link io.github.bgp.runtime.DurableLog}); and what a node reports
 * ({@link io.github.bgp.runtime.NodeReport}, {@link io.github.bgp.runtime.Outcomes}).
 */
package io.github.bgp.runtime;
