package io.github.bgp.om;

import io.github.bgp.api.AgreementProtocol;
import io.github.bgp.api.Outcome;
import io.github.bgp.api.Protocols;
import io.github.bgp.api.Scenario;
import io.github.bgp.sim.Simulation;
import io.github.bgp.sim.Traces;

/** Shared helpers for OM's tests. */
final class Fixtures {

  static final AgreementProtocol OM = Protocols.agreement("om");

  private Fixtures() {}

  static Outcome run(Scenario s) {
    return Simulation.run(OM, s);
  }

  static Outcome traced(Scenario s) {
    return Simulation.builder().trace(true).build().execute(OM, s);
  }

  static String trace(Scenario s) {
    Outcome o = traced(s);
    return Traces.render(s, o.rounds(), o.trace());
  }

  /** Logical messages OM(m) sends when nobody is silent: the sum over k of (n-1)(n-2)...(n-k). */
  static long formula(int n, int m) {
    long total = 0;
    int rounds = Math.min(m, n - 2) + 1;
    for (int k = 1; k <= rounds; k++) {
      long product = 1;
      for (int i = 1; i <= k; i++) {
        product *= n - i;
      }
      total += product;
    }
    return total;
  }

  /** A scenario line for failure messages: everything needed to replay it. */
  static String describe(Scenario s) {
    return String.format("n=%d m=%d traitors=%s order=%s strategy=%s seed=%d majority=%s", s.generals(), s.m(),
        s.traitors(), s.order(), s.strategy().name(), s.seed(), s.majority().name());
  }
}
