package io.github.bgp.om;

import static io.github.bgp.om.Fixtures.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.bgp.api.Outcome;
import io.github.bgp.api.Scenario;
import io.github.bgp.api.Strategy;
import io.github.bgp.api.Value;
import io.github.bgp.check.Gen;
import io.github.bgp.check.Property;
import io.github.bgp.testkit.CounterexampleSearch;
import io.github.bgp.testkit.Scenarios;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Theorem 1 as a property (IC1 and IC2 whenever n > 3m and at most m traitors), and its
 * converse as a search that must find a violation whenever n <= 3m.
 */
class AgreementPropertiesTest {

  @Test
  void ic1AndIc2HoldWheneverNIsMoreThan3m() {
    Gen<Scenario> tolerable = Scenarios.generator().generals(4, 10).tolerable().build();
    Property.forAll(tolerable).tries(400).describedAs(Fixtures::describe).check(s -> {
      Outcome o = run(s);
      return o.guarantee().holds() && o.ic1() && o.ic2();
    });
  }

  @Test
  void ic1AndIc2HoldForReadingsUnderTheMedian() {
    Gen<Scenario> readings = Scenarios.generator().generals(4, 10).tolerable().majority("median")
        .orders(List.of(Value.number(72), Value.number(-5), Value.number(1_000_000))).build();
    Property.forAll(readings).tries(300).describedAs(Fixtures::describe).check(s -> {
      Outcome o = run(s);
      return o.ic1() && o.ic2();
    });
  }

  @Test
  void ic1AndIc2HoldWithTheMedianOnOrders() {
    Gen<Scenario> tolerable = Scenarios.generator().generals(4, 10).tolerable().majority("median").build();
    Property.forAll(tolerable).tries(200).describedAs(Fixtures::describe).check(s -> {
      Outcome o = run(s);
      // On orders the lower median is majority with RETREAT as the default: same decisions.
      Outcome withDefault = run(s.toBuilder().majority("default").build());
      return o.ic1() && o.ic2() && o.values().equals(withDefault.values());
    });
  }

  @ParameterizedTest(name = "n={0}, m={1}")
  @CsvSource({"3, 1", "4, 2", "5, 2", "6, 2", "9, 3"})
  void theSearchFindsAViolationWheneverNIsAtMost3mAndShrinksItToTheTextbookCase(int n, int m) {
    // Random-seeded: at least 7% of the draws break OM in each case (n=9, m=3 the fewest; 20,000 draws measured), so
    // a miss within 2,000 tries has a probability below 10^-60.
    long seed = Property.defaultSeed();
    Optional<CounterexampleSearch.Counterexample> found = CounterexampleSearch.of(Fixtures.OM)
        .scenarios(Scenarios.generator().generalsShrinkingFrom(n, 2).m(m).build())
        .tries(2_000)
        .seed(seed)
        .run();
    String replay = " (search seed " + seed + ", replay with -D" + Property.SEED_PROPERTY + "=" + seed + ")";
    assertTrue(found.isPresent(), "no violation found for n=" + n + ", m=" + m + replay);
    CounterexampleSearch.Counterexample c = found.get();
    assertEquals(n, c.found().generals(), replay);
    Outcome shrunk = run(c.shrunk());
    assertFalse(shrunk.ic1() && shrunk.ic2(), "the shrunk scenario must still violate" + replay);
    assertTrue(c.shrunk().generals() <= 4, "shrunk to " + Fixtures.describe(c.shrunk()) + replay);
    assertTrue(c.shrunk().generals() <= 3 * c.shrunk().m(), "a violation needs n <= 3m" + replay);
    // The minimal script replays a violation with only a handful of lies.
    assertFalse(c.outcome().ic1() && c.outcome().ic2(), replay);
    List<Strategy.Lie> lies = c.lies().orElseThrow();
    assertTrue(!lies.isEmpty() && lies.size() <= 4, lies + replay);
    assertFalse(c.outcome().trace().isEmpty(), "the counterexample comes traced" + replay);
  }

  @Test
  void theSearchFindsNothingWhereTheTheoremHolds() {
    Optional<CounterexampleSearch.Counterexample> found = CounterexampleSearch.of(Fixtures.OM)
        .scenarios(Scenarios.generator().generals(4, 8).tolerable().build())
        .tries(300)
        .run();
    assertTrue(found.isEmpty(), () -> "OM broke IC1/IC2 with n > 3m: " + found.get());
  }

  @Test
  void everyViolationTheSearchFindsIsInTheRegionWithoutAGuarantee() {
    Gen<Scenario> any = Scenarios.generator().generals(3, 7).m(3).build();
    Property.forAll(any).tries(300).describedAs(Fixtures::describe).check(s -> {
      Outcome o = run(s);
      return o.guarantee().holds() ? o.ic1() && o.ic2() : true;
    });
  }
}
