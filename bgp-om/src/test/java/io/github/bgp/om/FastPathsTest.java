package io.github.bgp.om;

import static io.github.bgp.om.Fixtures.run;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.bgp.api.Majority;
import io.github.bgp.api.Outcome;
import io.github.bgp.api.Scenario;
import io.github.bgp.api.Strategy;
import io.github.bgp.api.Value;
import io.github.bgp.check.Gen;
import io.github.bgp.check.Property;
import io.github.bgp.testkit.Scenarios;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The message-passing run's fast paths against the evaluator (decisions, heard values, message
 * counts) at the sizes that take them: bit rows of every width up to a word, and wider
 * (more than 66 generals); four or seven bit planes of votes (fewer or more than 16 votes);
 * frames and groups of every length modulo 64; orders and numbers, the default majority, the
 * median and a custom one; every strategy, traitor commanders included.
 */
class FastPathsTest {

  private static final List<Strategy> ALL =
      List.of(Strategy.FLIP, Strategy.SILENT, Strategy.SPLIT, Strategy.RANDOM, Strategy.HONEST);

  /** Returns the first value it is given: not built in, so the fold gathers votes one by one. */
  private static final Majority FIRST = new Majority() {
    @Override
    public Value choose(List<Value> votes) {
      return votes.get(0);
    }

    @Override
    public String name() {
      return "first";
    }
  };

  private static boolean agree(Scenario s) {
    Outcome run = run(s);
    Outcome evaluated = Evaluator.evaluate(s);
    assertEquals(run.decisions(), evaluated.decisions(), "decisions and heard values");
    assertEquals(run.messages(), evaluated.messages(), "messages");
    assertEquals(run.received(), evaluated.received(), "received");
    return run.ic1() == evaluated.ic1() && run.ic2() == evaluated.ic2();
  }

  @Test
  void agreeOnMediumSizesForEveryStrategyOrderAndMajority() {
    // n from 10 to 20 with up to 4 rounds: 4 and 7 planes (fold(2) has n-2 votes), rows of 6 to 18.
    Gen<Scenario> scenarios = Scenarios.generator().generals(10, 20).m(3).strategies(ALL)
        .orders(List.of(Value.ATTACK, Value.RETREAT, Value.number(7))).build()
        .flatMap(s -> Gen.elements(List.of("default", "median", "first")).map(m -> m.equals("first")
            ? s.toBuilder().majority(FIRST).build() : s.toBuilder().majority(m).build()));
    Property.forAll(scenarios).tries(40).describedAs(Fixtures::describe).check(FastPathsTest::agree);
  }

  @Test
  void agreeAtTheWordBoundaryAndBeyondIt() {
    // Rows of round 2 are n-2 wide: 63, 64 (one word, seven planes) and 65, 66 (wider than a word).
    for (int n : new int[] {65, 66, 67, 68}) {
      for (Strategy strategy : List.of(Strategy.RANDOM, Strategy.FLIP, Strategy.SPLIT)) {
        Scenario s = Scenario.builder(n).m(2).traitors(0, n / 2, n - 1).strategy(strategy).seed(n).build();
        assertEquals(true, agree(s), Fixtures.describe(s));
      }
    }
    Scenario numbers = Scenario.builder(67).m(2).traitors(3, 40).strategy(Strategy.RANDOM).order(Value.number(-4))
        .majority("median").seed(5).build();
    assertEquals(true, agree(numbers), Fixtures.describe(numbers));
  }

  @Test
  void agreeWhenEveryGroupsRowsAreWiderThanAWord() {
    // Round 3's rows are n-3 wide: at n=68 relaying and folding take the wide path in groups
    // and a random frame's rows are one word exactly; at n=69 those are wider than a word too.
    for (int n : new int[] {68, 69}) {
      Scenario s = Scenario.builder(n).m(3).traitors(0, 30, n - 1).strategy(Strategy.RANDOM).seed(n).build();
      assertEquals(true, agree(s), Fixtures.describe(s));
    }
  }
}
