package io.github.bgp.examples;

import io.github.bgp.api.Outcome;
import io.github.bgp.api.Protocols;
import io.github.bgp.api.Scenario;
import io.github.bgp.api.Strategy;
import io.github.bgp.api.Value;
import io.github.bgp.sim.Simulation;

/**
 * The space shuttle story from the seeds: four redundant computers must agree on one reading,
 * and one of them is faulty in the worst way, telling each of the others something different.
 * With the median as the majority function, OM(1) gets the three good computers to the same
 * number, and to the right one when the faulty computer is not the one that took the reading.
 */
public final class SensorAgreement {

  private SensorAgreement() {}

  public static void main(String[] args) {
    for (int faulty = 0; faulty < 4; faulty++) {
      Scenario scenario = Scenario.builder(4)
          .order(Value.number(72))         // the reading computer 0 took
          .majority("median")
          .traitors(faulty)
          .strategy(Strategy.RANDOM)       // each lie a different number near the truth
          .seed(2008)
          .build();
      Outcome outcome = Simulation.run(Protocols.agreement("om"), scenario);
      System.out.printf("computer %d faulty: the others settle on %s (IC1 %s, IC2 %s)%n",
          faulty, outcome.values(), outcome.ic1(), outcome.ic2());
    }
  }
}
