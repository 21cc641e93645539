package io.github.bgp.examples;

import io.github.bgp.api.Protocols;
import io.github.bgp.api.Strategy;
import io.github.bgp.sim.Traces;
import io.github.bgp.testkit.CounterexampleSearch;
import io.github.bgp.testkit.Scenarios;

/**
 * The impossibility result, found rather than proved: search six generals with m = 2 (so
 * n &le; 3m) for a run in which OM breaks IC1 or IC2, shrink it, and print the few lies that
 * do it.
 */
public final class FindCounterexample {

  private FindCounterexample() {}

  public static void main(String[] args) {
    CounterexampleSearch.of(Protocols.agreement("om"))
        .seed(6)
        .scenarios(Scenarios.generator().generalsShrinkingFrom(6, 2).m(2).build())
        .run()
        .ifPresentOrElse(c -> {
          System.out.println("found:  " + c.found());
          System.out.println("shrunk: " + c.shrunk());
          for (Strategy.Lie lie : c.lies().orElseThrow()) {
            System.out.println("lie:    " + lie);
          }
          System.out.println("outcome: " + c.outcome());
          System.out.print(Traces.render(c.minimal(), c.outcome().rounds(), c.outcome().trace()));
        }, () -> System.out.println("no counterexample found"));
  }
}
