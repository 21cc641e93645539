/**
 * OM(m), the oral-messages algorithm ({@code om}), with its closed-form evaluator, and Phase King
 * ({@code phase-king}); both are provided to {@link io.github.bgp.api.Protocols}.
 *
 * @since 0.1.0
 */
module io.github.bgp.om {
  requires transitive io.github.bgp.api;

  exports io.github.bgp.om;
  exports io.github.bgp.phaseking;

  provides io.github.bgp.api.Protocol with io.github.bgp.om.OralMessages, io.github.bgp.phaseking.PhaseKing;
}
