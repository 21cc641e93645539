package io.github.bgp.om;

import static io.github.bgp.om.Fixtures.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.bgp.api.Majority;
import io.github.bgp.api.NodeId;
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
 * The closed-form evaluator and the message-passing run decide the same, always: the same
 * value and the same heard values for every loyal lieutenant, and the same message counts.
 */
class EvaluatorTest {

  private static final List<Strategy> ALL =
      List.of(Strategy.FLIP, Strategy.SILENT, Strategy.SPLIT, Strategy.RANDOM, Strategy.HONEST);

  private static boolean agree(Scenario s) {
    Outcome run = run(s);
    Outcome evaluated = Evaluator.evaluate(s);
    assertEquals(run.decisions(), evaluated.decisions(), "decisions and heard values");
    assertEquals(run.messages(), evaluated.messages(), "messages");
    assertEquals(run.received(), evaluated.received(), "received");
    assertEquals(run.rounds(), evaluated.rounds(), "rounds");
    assertEquals(run.ic1(), evaluated.ic1());
    assertEquals(run.ic2(), evaluated.ic2());
    return true;
  }

  @Test
  void agreesWithMessagePassingOnOrdersForEveryStrategy() {
    Gen<Scenario> scenarios = Scenarios.generator().generals(2, 9).m(4).strategies(ALL).build();
    Property.forAll(scenarios).tries(400).describedAs(Fixtures::describe).check(EvaluatorTest::agree);
  }

  @Test
  void agreesWhereNoGuaranteeHolds() {
    Gen<Scenario> scenarios = Scenarios.generator().generals(2, 9).intolerable().strategies(ALL).build();
    Property.forAll(scenarios).tries(300).describedAs(Fixtures::describe).check(EvaluatorTest::agree);
  }

  @Test
  void agreesOnNumbersUnderTheMedianAndWithDefault() {
    Gen<Scenario> scenarios = Scenarios.generator().generals(2, 8).m(3).strategies(ALL)
        .orders(List.of(Value.number(72), Value.number(-1))).build()
        .flatMap(s -> Gen.elements(List.of("median", "default")).map(m -> s.toBuilder().majority(m).build()));
    Property.forAll(scenarios).tries(300).describedAs(Fixtures::describe).check(EvaluatorTest::agree);
  }

  @Test
  void agreesOnApplicationValuesUnderMajorityWithDefaultAndTheMedian() {
    // Values of 0 to 9 bytes; in some a fallback and a majority's default other than the empty value
    // and each other (codes 0 and 1 of every table); traitors make up values no loyal general proposed.
    Gen<Scenario> scenarios = Scenarios.generator().generals(2, 9).m(3).strategies(ALL)
        .orders(List.of(Value.parse("0xc0ffee"), Value.EMPTY, Value.parse("0x00"),
            Value.parse("0x010203040506070809"))).build()
        .flatMap(s -> Gen.elements(List.of("default", "median", "fallback")).map(m -> m.equals("fallback")
            ? s.toBuilder().fallback(Value.parse("0x01")).majority(Majority.withDefault(Value.parse("0x02"))).build()
            : s.toBuilder().majority(m).build()));
    Property.forAll(scenarios).tries(300).describedAs(Fixtures::describe).check(EvaluatorTest::agree);
  }

  @Test
  void agreesForStrategiesAndMajoritiesThatAreNotBuiltIn() {
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
        return Optional.of(m.path().size() % 2 == 0 ? m.honest() : (e & 4) == 0 ? Value.ATTACK : Value.RETREAT);
      }
    };
    Majority lastWins = new Majority() {
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
    Property.forAll(scenarios).tries(200).describedAs(Fixtures::describe).check(s -> {
      // With partial silence the run's message count is not a formula; decisions must still agree.
      assertEquals(run(s).decisions(), Evaluator.evaluate(s).decisions());
      return true;
    });
  }

  @Test
  void agreesOnTheSeedsScriptedDumps() {
    Scenario s = Scenario.builder(4).m(1).traitors(1).order(Value.ATTACK)
        .strategy(Strategy.scripted(List.of(
            new Strategy.Lie(List.of(NodeId.of(0), NodeId.of(1)), NodeId.of(2), Optional.of(Value.RETREAT))),
            Strategy.FLIP))
        .build();
    assertTrue(agree(s));
  }

  @Test
  void agreesOnALargerRunWithTraitorsEverywhere() {
    for (Strategy strategy : List.of(Strategy.RANDOM, Strategy.SPLIT, Strategy.FLIP)) {
      Scenario s = Scenario.builder(13).m(4).traitors(0, 3, 7, 12).strategy(strategy).seed(13).build();
      assertTrue(agree(s));
    }
  }
}
