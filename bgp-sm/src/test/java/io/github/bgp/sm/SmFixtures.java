package io.github.bgp.sm;

import io.github.bgp.api.AgreementProtocol;
import io.github.bgp.api.Outcome;
import io.github.bgp.api.Protocols;
import io.github.bgp.api.Scenario;
import io.github.bgp.sim.Simulation;

/** Shared helpers for SM's tests. */
final class SmFixtures {

  static final AgreementProtocol SM = Protocols.agreement("sm");
  static final AgreementProtocol OM = Protocols.agreement("om");

  private SmFixtures() {}

  static Outcome run(Scenario s) {
    return Simulation.run(SM, s);
  }

  static Outcome traced(Scenario s) {
    return Simulation.builder().trace(true).build().execute(SM, s);
  }

  static String describe(Scenario s) {
    return String.format("n=%d m=%d traitors=%s order=%s strategy=%s seed=%d majority=%s", s.generals(), s.m(),
        s.traitors(), s.order(), s.strategy().name(), s.seed(), s.majority().name());
  }
}
