package io.github.bgp.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.bgp.api.Majority;
import io.github.bgp.api.NodeId;
import io.github.bgp.api.Outcome;
import io.github.bgp.api.Protocols;
import io.github.bgp.api.Scenario;
import io.github.bgp.api.Strategy;
import io.github.bgp.api.Value;
import io.github.bgp.check.Gen;
import io.github.bgp.check.Property;
import io.github.bgp.om.Evaluator;
import io.github.bgp.sim.Simulation;
import io.github.bgp.testkit.Scenarios;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
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
    SortedMap<NodeId, SortedMap<NodeId, Value>> heard = new TreeMap<>();
    run.decisions().forEach((l, d) -> heard.put(l, new TreeMap<>(d.heard())));
    assertEquals(heard, naive.heard(), "heard values");
    assertEquals(run.messages(), naive.messages(), "messages");
    assertEquals(run.decisions(), Evaluator.evaluate(s).decisions(), "evaluator");
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
  void decidesAsBgpDoesAtSizesThatTakeItsFastPaths() {
    // Rows of bits from 8 to 12 values, frames over a word long, numbers, a custom majority.
    Majority last = new Majority() {
      @Override
      public Value choose(List<Value> votes) {
        return votes.get(votes.size() - 1);
      }

      @Override
      public String name() {
        return "last";
      }
    };
    Gen<Scenario> scenarios = Scenarios.generator().generals(10, 14).m(3).strategies(ALL)
        .orders(List.of(Value.ATTACK, Value.RETREAT, Value.number(4))).build()
        .flatMap(s -> Gen.elements(List.of("default", "median", "last")).map(m -> m.equals("last")
            ? s.toBuilder().majority(last).build() : s.toBuilder().majority(m).build()));
    Property.forAll(scenarios).tries(30).check(NaiveOralMessagesTest::sameAsBgp);
  }

  @Test
  void decidesAsBgpDoesAtTheBenchmarkedSizes() {
    for (Strategy strategy : List.of(Strategy.RANDOM, Strategy.FLIP)) {
      assertEquals(true, sameAsBgp(Benchmarks.scenario(13, 4, true, strategy)));
    }
  }
}
