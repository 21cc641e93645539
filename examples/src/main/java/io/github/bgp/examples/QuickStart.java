package io.github.bgp.examples;

import io.github.bgp.api.AgreementProtocol;
import io.github.bgp.api.Outcome;
import io.github.bgp.api.Protocols;
import io.github.bgp.api.Scenario;
import io.github.bgp.api.Strategy;
import io.github.bgp.api.Value;
import io.github.bgp.sim.Simulation;

/**
 * The example in the README, exactly: seven generals, two of them traitors, agree under OM(2).
 * {@code ReadmeExampleTest} checks that the README shows this code and that it prints what the
 * README says it prints.
 */
public final class QuickStart {

  private QuickStart() {}

  public static void main(String[] args) {
    // README:begin
    AgreementProtocol om = Protocols.agreement("om");       // found by name through ServiceLoader
    Scenario scenario = Scenario.builder(7)                   // a commander (0) and six lieutenants
        .traitors(3, 4)                                       // two of them traitors...
        .strategy(Strategy.SPLIT)                             // ...telling odd ids ATTACK, even ids RETREAT
        .order(Value.ATTACK)
        .build();                                             // m defaults to 2, the most 7 generals tolerate
    Outcome outcome = Simulation.run(om, scenario);           // in memory, deterministic, seeded
    System.out.println(outcome.values());                     // {1=ATTACK, 2=ATTACK, 5=ATTACK, 6=ATTACK}
    System.out.println("IC1 " + outcome.ic1() + ", IC2 " + outcome.ic2() + ", messages " + outcome.messages());
    // README:end
  }
}
