package io.github.bgp.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.bgp.api.Outcome;
import io.github.bgp.api.Protocols;
import io.github.bgp.api.Scenario;
import io.github.bgp.api.Strategy;
import io.github.bgp.api.Value;
import io.github.bgp.check.Gen;
import io.github.bgp.check.Property;
import io.github.bgp.om.Evaluator;
import io.github.bgp.testkit.Scenarios;
import io.github.bgp.sim.Simulation;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The baseline is a faithful OM(m): it decides what bgp's implementation and its evaluator
 * decide, and sends as many messages, so a speed-up measured against it compares
 * representations, not algorithms. (It is also a third, independent implementation: a map of
 * paths and the API's majority functions, nothing of bgp-om's.)
 */
class NaiveOralMessagesTest {

  private static final List<Strategy> ALL =
      List.of(Strategy.FLIP, Strategy.SILENT, Strategy.SPLIT, Strategy.RANDOM, Strategy.HONEST);

  private static boolean sameAsBgp(Scenario s) {
    NaiveOralMessages.Result naive = NaiveOralMessages.run(s);
    Outcome run = Simulation.run(Protocols.agreement("om"), s);
    assertEquals(run.values(), naive.decisions(), "decisions");
    assertEquals(run.messages(), naive.messages(), "messages");
    assertEquals(Evaluator.evaluate(s).values(), naive.decisions(), "evaluator");
    return true;
  }

  @Test
  void decidesAsBgpDoesOnOrders() {
    Gen<Scenario> scenarios = Scenarios.generator().generals(2, 8).m(3).strategies(ALL).build();
    Property.forAll(scenarios).tries(300).check(NaiveOralMessagesTest::sameAsBgp);
  }

  @Test
  void decidesAsBgpDoesOnNumbersUnderTheMedian() {
    Gen<Scenario> scenarios = Scenarios.generator().generals(2, 8).m(3).strategies(ALL).majority("median")
        .orders(List.of(Value.number(10), Value.number(-3))).build();
    Property.forAll(scenarios).tries(200).check(NaiveOralMessagesTest::sameAsBgp);
  }

  @Test
  void decidesAsBgpDoesAtTheBenchmarkedSizes() {
    for (Strategy strategy : List.of(Strategy.RANDOM, Strategy.FLIP)) {
      assertEquals(true, sameAsBgp(Benchmarks.scenario(13, 4, true, strategy)));
    }
  }
}
