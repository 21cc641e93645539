package io.github.bgp.examples;

import io.github.bgp.api.AgreementProtocol;
import io.github.bgp.api.Outcome;
import io.github.bgp.api.Protocols;
import io.github.bgp.api.Scenario;
import io.github.bgp.api.Strategy;
import io.github.bgp.sim.Simulation;

/**
 * The seeds' three generals: a loyal commander orders ATTACK, and lieutenant 2, a traitor,
 * tells lieutenant 1 it heard RETREAT. With oral messages lieutenant 1 cannot tell who lies and
 * retreats (no algorithm can do better with three generals and one traitor). With signed
 * messages the traitor cannot make the commander's signature say RETREAT: lieutenant 1 rejects
 * the forgery and attacks. The two algorithms are the same scenario, chosen by name.
 */
public final class ThreeGenerals {

  private ThreeGenerals() {}

  public static void main(String[] args) {
    Scenario scenario = Scenario.builder(3).m(1).traitors(2).strategy(Strategy.FLIP).build();
    for (String name : new String[] {"om", "sm"}) {
      AgreementProtocol protocol = Protocols.agreement(name);
      Outcome outcome = Simulation.run(protocol, scenario);
      System.out.printf("%s: lieutenant 1 decides %s; IC1 %s, IC2 %s; %s%n", name,
          outcome.values().values().iterator().next(), outcome.ic1(), outcome.ic2(), outcome.guarantee());
      if (outcome.counter("messages.rejected") > 0) {
        System.out.printf("%s: %d forged message(s) rejected, %d signatures verified%n", name,
            outcome.counter("messages.rejected"), outcome.counter("signatures.verified"));
      }
    }
  }
}
