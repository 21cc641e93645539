/**
 * The embedded runtime: a deterministic simulation of n nodes in virtual time, its faults and
 * traces, and the teaching model of a traced run ({@code io.github.bgp.sim.teaching}).
 *
 * @since 0.1.0
 */
module io.github.bgp.sim {
  requires transitive io.github.bgp.api;

  exports io.github.bgp.sim;
  exports io.github.bgp.sim.teaching;
}
