package io.github.bgp.om;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.bgp.api.Outcome;
import io.github.bgp.api.Scenario;
import io.github.bgp.api.Strategy;
import io.github.bgp.api.Value;
import io.github.bgp.check.Gen;
import io.github.bgp.check.Property;
import io.github.bgp.testkit.Scenarios;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Built-in strategies take a bulk path through whole frames; any other strategy is asked
 * message by message. Hiding a built-in strategy behind a plain one forces the second path:
 * the two must give the same run, trace included. (The flat-array implementation is checked
 * against the paper's recursion in {@link EvaluatorTest}, and against a map-of-paths baseline
 * in bgp-bench.)
 */
class DifferentialTest {

  private static final List<Strategy> ALL =
      List.of(Strategy.FLIP, Strategy.SILENT, Strategy.SPLIT, Strategy.RANDOM, Strategy.HONEST);

  @Test
  void builtInStrategiesTakeTheBulkPathAndAgreeWithTheGenericOne() {
    Gen<Scenario> scenarios = Scenarios.generator().generals(3, 8).m(3).strategies(ALL).build()
        .flatMap(s -> Gen.elements(List.of(Value.ATTACK, Value.number(5))).map(order -> s.toBuilder().order(order)
            .majority(order.isOrder() ? "default" : "median").build()));
    Property.forAll(scenarios).tries(300).describedAs(Fixtures::describe).check(s -> {
      Scenario generic = s.toBuilder().strategy(new Wrapped(s.strategy())).build();
      Outcome fast = Fixtures.traced(s);
      Outcome slow = Fixtures.traced(generic);
      assertEquals(fast.values(), slow.values());
      assertEquals(fast.messages(), slow.messages());
      assertEquals(fast.trace(), slow.trace());
      return true;
    });
  }

  @Test
  void theBulkPathAgreesAcrossGroupsAndWords() {
    // n from 10 to 16: frames of many groups, rows of 6 to 13, frames longer than a word.
    Gen<Scenario> scenarios = Scenarios.generator().generals(10, 16).m(3).strategies(ALL).build()
        .flatMap(s -> Gen.elements(List.of(Value.ATTACK, Value.RETREAT, Value.number(-9))).map(order ->
            s.toBuilder().order(order).majority(order.isOrder() ? "default" : "median").build()));
    Property.forAll(scenarios).tries(40).describedAs(Fixtures::describe).check(s -> {
      Scenario generic = s.toBuilder().strategy(new Wrapped(s.strategy())).build();
      Outcome fast = Fixtures.run(s);
      Outcome slow = Fixtures.run(generic);
      assertEquals(fast.decisions(), slow.decisions());
      assertEquals(fast.messages(), slow.messages());
      assertEquals(fast.received(), slow.received());
      return fast.bytes() == slow.bytes();
    });
  }

  /** Hides a built-in strategy behind a plain implementation, forcing the per-message path. */
  private record Wrapped(Strategy inner) implements Strategy {
    @Override
    public String name() {
      return inner.name();
    }

    @Override
    public Optional<Value> send(Outgoing m) {
      return inner.send(m);
    }
  }
}
