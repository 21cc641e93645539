package io.github.bgp.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.bgp.api.NodeId;
import io.github.bgp.api.Scenario;
import io.github.bgp.api.Strategy;
import io.github.bgp.api.Value;
import io.github.bgp.check.Gen;
import io.github.bgp.check.Property;
import io.github.bgp.check.Sample;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/** The generators keep their constraints, on every value and on every value shrinking reaches. */
class ScenariosTest {

  /** Checks {@code ok} on a sample and on the first few hundred nodes of its shrink tree. */
  private static void everywhere(Gen<Scenario> gen, Predicate<Scenario> ok) {
    long seed = Property.defaultSeed();
    SplittableRandom random = new SplittableRandom(seed);
    for (int i = 1; i <= 40; i++) {
      int sample = i;
      Deque<Sample<Scenario>> todo = new ArrayDeque<>();
      todo.add(gen.sample(random.split()));
      int visited = 0;
      while (!todo.isEmpty() && visited++ < 150) {
        Sample<Scenario> s = todo.poll();
        assertTrue(ok.test(s.value()), () -> s.value() + " (sample " + sample + " of seed " + seed + ", replay with -D"
            + Property.SEED_PROPERTY + "=" + seed + ")");
        todo.addAll(s.shrinks());
      }
    }
  }

  @Test
  void tolerableScenariosHaveNMoreThan3mAndAtMostMTraitors() {
    everywhere(Scenarios.generator().generals(4, 10).tolerable().build(), s ->
        s.generals() > 3 * s.m() && s.traitors().size() <= s.m() && s.generals() >= 4 && s.generals() <= 10);
  }

  @Test
  void intolerableScenariosHaveNAtMost3m() {
    everywhere(Scenarios.generator().generals(2, 9).intolerable().build(), s ->
        s.generals() <= 3 * s.m() && s.traitors().size() <= s.m());
  }

  @Test
  void anyMRangesUpToNMinusTwo() {
    everywhere(Scenarios.generator().generals(3, 12).anyM().build(), s ->
        s.m() <= s.generals() - 2 && s.traitors().size() <= s.m());
  }

  @Test
  void theCommanderCanBeKeptLoyal() {
    everywhere(Scenarios.generator().generals(4, 10).tolerable().commanderMayBeTraitor(false).build(),
        Scenario::commanderIsLoyal);
  }

  @Test
  void strategiesOrdersAndMajorityComeFromTheLists() {
    Gen<Scenario> gen = Scenarios.generator().generals(4, 6).strategies(List.of(Strategy.SPLIT))
        .orders(List.of(Value.number(3))).majority("median").build();
    everywhere(gen, s -> s.strategy() == Strategy.SPLIT && s.order().equals(Value.number(3))
        && s.majority().name().equals("median") && s.fallback().equals(Value.number(0)));
  }

  @Test
  void aSearchStartsAtTheGivenSizeAndShrinksBelowIt() {
    Gen<Scenario> gen = Scenarios.generator().generalsShrinkingFrom(9, 2).m(3).build();
    Property.forAll(gen).tries(50).check(s -> s.generals() == 9 && s.m() == 3);
    everywhere(gen, s -> s.generals() >= 2 && s.generals() <= 9 && s.m() <= 3 && s.traitors().size() <= s.m());
  }

  @Test
  void generatorsAreDeterministicInTheirSeed() {
    Gen<Scenario> gen = Scenarios.generator().generals(4, 10).build();
    assertEquals(gen.sample(5).value(), gen.sample(5).value());
  }

  @Test
  void badSettingsAreRefused() {
    assertThrows("generals range", () -> Scenarios.generator().generals(1, 5));
    assertThrows("generals range", () -> Scenarios.generator().generals(6, 5));
    assertThrows("m must be at least 0", () -> Scenarios.generator().m(-1));
    assertThrows("at least one strategy", () -> Scenarios.generator().strategies(List.of()));
  }

  @Test
  void shrinkCandidatesAreValidAndSmaller() {
    Gen<Scenario> gen = Scenarios.generator().generals(2, 10).m(4).build();
    Property.forAll(gen).tries(300).check(s -> {
      for (Scenario c : ScenarioShrinker.candidates(s)) {
        boolean smaller = c.generals() < s.generals() || c.m() < s.m() || c.traitors().size() < s.traitors().size()
            || !c.strategy().equals(s.strategy()) || !c.order().equals(s.order()) || c.seed() != s.seed();
        assertTrue(smaller, c + " is not smaller than " + s);
        assertTrue(c.traitors().size() <= Math.max(s.traitors().size(), 0));
      }
      return true;
    });
  }

  @Test
  void removingALieutenantRenumbersTheGeneralsAfterIt() {
    Scenario s = Scenario.builder(7).m(2).traitors(0, 3, 5).build();
    Scenario without3 = ScenarioShrinker.without(s, 3);
    assertEquals(6, without3.generals());
    assertEquals(List.of(NodeId.of(0), NodeId.of(4)), List.copyOf(without3.traitors()));
    Scenario without1 = ScenarioShrinker.without(s, 1);
    assertEquals(List.of(NodeId.of(0), NodeId.of(2), NodeId.of(4)), List.copyOf(without1.traitors()));
  }

  private static void assertThrows(String message, org.junit.jupiter.api.function.Executable e) {
    IllegalArgumentException x = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, e);
    assertTrue(x.getMessage().contains(message), x.getMessage());
  }
}
