package io.github.bgp.om;

import static io.github.bgp.om.Fixtures.run;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.bgp.api.Outcome;
import io.github.bgp.api.Scenario;
import io.github.bgp.api.Strategy;
import io.github.bgp.api.Value;
import io.github.bgp.check.Gen;
import io.github.bgp.check.Property;
import io.github.bgp.sim.Scenarios;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The flat-array, frame-per-pair implementation decides exactly what the paper's algorithm,
 * written naively with a map of paths, decides: for every strategy, traitor set (commander
 * included), order, majority, and n &le; 3m too.
 */
class DifferentialTest {

  private static final List<Strategy> ALL =
      List.of(Strategy.FLIP, Strategy.SILENT, Strategy.SPLIT, Strategy.RANDOM, Strategy.HONEST);

  @Test
  void decisionsEqualTheNaiveAlgorithmsOnOrders() {
    Gen<Scenario> scenarios = Scenarios.generator().generals(2, 8).m(3).strategies(ALL).build();
    Property.forAll(scenarios).tries(400).describedAs(Fixtures::describe)
        .check(s -> run(s).values().equals(new NaiveOm(s).decisions()));
  }

  @Test
  void decisionsEqualTheNaiveAlgorithmsOnNumbersUnderTheMedian() {
    Gen<Scenario> scenarios = Scenarios.generator().generals(2, 8).m(3).strategies(ALL).majority("median")
        .orders(List.of(Value.number(10), Value.number(-3))).build();
    Property.forAll(scenarios).tries(300).describedAs(Fixtures::describe)
        .check(s -> run(s).values().equals(new NaiveOm(s).decisions()));
  }

  @Test
  void decisionsEqualTheNaiveAlgorithmsUnderACustomMajorityAndPartialSilence() {
    // A strategy that is not built in takes the general path; it stays silent about some paths.
    Strategy spotty = new Strategy() {
      @Override
      public String name() {
        return "spotty";
      }

      @Override
      public Optional<Value> send(Outgoing m) {
        long e = m.entropy();
        if ((e & 3) == 0) {
          return Optional.empty();
        }
        return Optional.of((e & 4) == 0 ? Value.ATTACK : Value.RETREAT);
      }
    };
    io.github.bgp.api.Majority lastWins = new io.github.bgp.api.Majority() {
      @Override
      public Value choose(List<Value> votes) {
        return votes.get(votes.size() - 1);
      }

      @Override
      public String name() {
        return "last";
      }
    };
    Gen<Scenario> scenarios = Scenarios.generator().generals(2, 7).m(3).strategies(List.of(spotty)).build()
        .flatMap(s -> Gen.booleans().map(custom -> custom ? s.toBuilder().majority(lastWins).build() : s));
    Property.forAll(scenarios).tries(300).describedAs(Fixtures::describe)
        .check(s -> run(s).values().equals(new NaiveOm(s).decisions()));
  }

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
