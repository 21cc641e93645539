package io.github.bgp.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.bgp.check.Gen;
import io.github.bgp.check.Property;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ScenarioTest {

  private static final Value A = Value.ATTACK;
  private static final Value R = Value.RETREAT;

  /** A custom majority function (not one of the built-in ones). */
  record FirstVote() implements Majority {
    @Override
    public Value choose(List<Value> votes) {
      return votes.get(0);
    }

    @Override
    public String name() {
      return "first";
    }
  }

  private static List<NodeId> ids(int... ids) {
    List<NodeId> out = new ArrayList<>();
    for (int id : ids) {
      out.add(NodeId.of(id));
    }
    return out;
  }

  private static void assertRejected(Supplier<?> call, String... expected) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call::get);
    for (String s : expected) {
      assertTrue(e.getMessage().contains(s), "'" + e.getMessage() + "' does not mention '" + s + "'");
    }
  }

  // --- defaults --------------------------------------------------------------------------------

  @ParameterizedTest
  @CsvSource({"2,0", "3,0", "4,1", "5,1", "6,1", "7,2", "9,2", "10,3", "100,33"})
  void mDefaultsToTheLargestWithNAbove3m(int n, int m) {
    assertEquals(m, Scenario.largestTolerableM(n));
    assertEquals(m, Scenario.builder(n).build().m());
    assertTrue(n > 3 * m && n <= 3 * (m + 1));
  }

  @Test
  void everyOtherSettingHasItsDocumentedDefault() {
    Scenario s = Scenario.builder(4).build();
    assertEquals(4, s.generals());
    assertSame(A, s.order());
    assertSame(Strategy.RANDOM, s.strategy());
    assertEquals(1, s.seed());
    assertEquals(Scenario.DEFAULT_SEED, s.seed());
    assertEquals(Majority.withDefault(R), s.majority());
    assertEquals("default", s.majority().name());
    assertSame(R, s.fallback());
    assertTrue(s.traitors().isEmpty());
  }

  @Test
  void numericScenariosDefaultToZero() {
    Scenario s = Scenario.builder(4).order(Value.number(12)).build();
    assertEquals(Value.number(0), s.fallback());
    assertEquals(Majority.withDefault(Value.number(0)), s.majority());
  }

  @Test
  void theDefaultMajorityUsesTheFallbackSet() {
    Scenario s = Scenario.builder(4).fallback(A).build();
    assertSame(A, s.fallback());
    assertEquals(Majority.withDefault(A), s.majority());
    Scenario numbers = Scenario.builder(4).order(Value.number(3)).fallback(Value.number(-1)).build();
    assertEquals(Majority.withDefault(Value.number(-1)), numbers.majority());
  }

  @Test
  void majoritiesByName() {
    assertSame(Majority.median(), Scenario.builder(4).majority("median").build().majority());
    assertSame(Majority.median(), Scenario.builder(4).majority("MEDIAN").build().majority());
    assertEquals(Majority.withDefault(R), Scenario.builder(4).majority("median").majority("default").build().majority());
    assertEquals(new FirstVote(), Scenario.builder(4).majority(new FirstVote()).build().majority());
    assertSame(Majority.median(), Scenario.builder(4).majority(new FirstVote()).majority("median").build().majority());
  }

  @Test
  void settingsAreKept() {
    Scenario s = Scenario.builder(7).m(1).traitors(2, 5).order(R).strategy(Strategy.SPLIT).seed(-99)
        .majority("median").fallback(A).build();
    assertEquals(7, s.generals());
    assertEquals(1, s.m());
    assertEquals(ids(2, 5), List.copyOf(s.traitors()));
    assertSame(R, s.order());
    assertSame(Strategy.SPLIT, s.strategy());
    assertEquals(-99, s.seed());
    assertSame(Majority.median(), s.majority());
    assertSame(A, s.fallback());
  }

  @Test
  void mMayExceedWhatTheAlgorithmTolerates() {
    Scenario s = Scenario.builder(3).m(1).traitors(0, 1, 2).build();
    assertEquals(1, s.m());
    assertEquals(3, s.traitors().size());
  }

  // --- validation ---------------------------------------------------------------------------------

  @ParameterizedTest
  @ValueSource(ints = {1, 0, -3})
  void fewerThanTwoGeneralsIsAnError(int n) {
    assertRejected(() -> Scenario.builder(n).build(), "at least 2", "got " + n);
  }

  @Test
  void negativeMIsAnError() {
    assertRejected(() -> Scenario.builder(4).m(-1).build(), "m must be at least 0", "-1");
  }

  @Test
  void aTraitorOutOfRangeIsAnErrorNamingTheRange() {
    assertRejected(() -> Scenario.builder(4).traitors(4).build(), "traitor 4", "0..3");
    assertRejected(() -> Scenario.builder(4).traitors(1, 9).build(), "traitor 9", "0..3");
    SortedSet<NodeId> traitors = new TreeSet<>(ids(2));
    assertRejected(() -> new Scenario(2, 0, traitors, A, Strategy.FLIP, 1, Majority.median(), R), "traitor 2", "0..1");
  }

  @Test
  void aTraitorListedTwiceIsAnError() {
    assertRejected(() -> Scenario.builder(4).traitors(1, 2, 1), "traitor 1", "twice");
    assertRejected(() -> Scenario.builder(4).traitors(ids(3, 3)), "traitor 3", "twice");
  }

  @Test
  void aNegativeTraitorIsAnError() {
    assertRejected(() -> Scenario.builder(4).traitors(-1), "-1");
    assertRejected(() -> Scenario.builder(4).traitors(2, -7), "-7");
  }

  @Test
  void aFallbackOfTheWrongKindIsAnError() {
    assertRejected(() -> Scenario.builder(4).fallback(Value.number(0)).build(), "fallback", "0", "ATTACK");
    assertRejected(() -> Scenario.builder(4).order(Value.number(5)).fallback(R).build(), "fallback", "RETREAT", "5");
  }

  @Test
  void aMajorityDefaultOfTheWrongKindIsAnError() {
    assertRejected(() -> Scenario.builder(4).majority(Majority.withDefault(Value.number(1))).build(), "1", "ATTACK");
  }

  @ParameterizedTest
  @ValueSource(strings = {"mean", "", "majority"})
  void anUnknownMajorityNameIsAnError(String name) {
    assertRejected(() -> Scenario.builder(4).majority(name), "'" + name + "'", "default", "median");
  }

  @Test
  void missingSettingsAreRejected() {
    assertThrows(NullPointerException.class, () -> Scenario.builder(4).order(null));
    assertThrows(NullPointerException.class, () -> Scenario.builder(4).strategy(null));
    assertThrows(NullPointerException.class, () -> Scenario.builder(4).fallback(null));
    assertThrows(NullPointerException.class, () -> Scenario.builder(4).majority((Majority) null));
    SortedSet<NodeId> none = new TreeSet<>();
    assertThrows(NullPointerException.class, () -> new Scenario(4, 1, null, A, Strategy.FLIP, 1, Majority.median(), R));
    assertThrows(NullPointerException.class, () -> new Scenario(4, 1, none, null, Strategy.FLIP, 1, Majority.median(), R));
    assertThrows(NullPointerException.class, () -> new Scenario(4, 1, none, A, null, 1, Majority.median(), R));
    assertThrows(NullPointerException.class, () -> new Scenario(4, 1, none, A, Strategy.FLIP, 1, null, R));
    assertThrows(NullPointerException.class, () -> new Scenario(4, 1, none, A, Strategy.FLIP, 1, Majority.median(), null));
  }

  // --- traitors and lieutenants --------------------------------------------------------------------

  @Test
  void traitorsAreSortedAndUnmodifiable() {
    Scenario s = Scenario.builder(9).traitors(7, 1, 4, 0).build();
    assertEquals(ids(0, 1, 4, 7), List.copyOf(s.traitors()));
    assertThrows(UnsupportedOperationException.class, () -> s.traitors().add(NodeId.of(2)));
    assertThrows(UnsupportedOperationException.class, () -> s.traitors().clear());
    assertThrows(UnsupportedOperationException.class, () -> s.traitors().headSet(NodeId.of(5)).clear());
  }

  @Test
  void theScenarioKeepsItsOwnCopyOfTheTraitors() {
    SortedSet<NodeId> traitors = new TreeSet<>(ids(1));
    Scenario s = new Scenario(4, 1, traitors, A, Strategy.FLIP, 1, Majority.median(), R);
    traitors.add(NodeId.of(2));
    assertEquals(ids(1), List.copyOf(s.traitors()));
    List<NodeId> viaBuilder = new ArrayList<>(ids(3));
    Scenario.Builder b = Scenario.builder(4).traitors(viaBuilder);
    viaBuilder.add(NodeId.of(2));
    assertEquals(ids(3), List.copyOf(b.build().traitors()));
  }

  @Test
  void lieutenantsAndLoyalLieutenants() {
    Scenario s = Scenario.builder(7).traitors(0, 2, 5).build();
    assertEquals(NodeId.COMMANDER, s.commander());
    assertEquals(ids(1, 2, 3, 4, 5, 6), s.lieutenants());
    assertEquals(ids(1, 3, 4, 6), s.loyalLieutenants());
    assertFalse(s.commanderIsLoyal());
    assertTrue(s.isTraitor(NodeId.of(5)));
    assertFalse(s.isTraitor(NodeId.of(6)));
    assertThrows(UnsupportedOperationException.class, () -> s.loyalLieutenants().add(NodeId.of(9)));
    assertThrows(UnsupportedOperationException.class, () -> s.lieutenants().add(NodeId.of(9)));
    Scenario loyal = Scenario.builder(4).traitors(3).build();
    assertTrue(loyal.commanderIsLoyal());
    assertEquals(ids(1, 2), loyal.loyalLieutenants());
    assertEquals(ids(), Scenario.builder(2).traitors(1).build().loyalLieutenants());
  }

  @Test
  void loyalLieutenantsAreTheLieutenantsThatAreNotTraitors() {
    Property.forAll(SCENARIOS).tries(500).check(s -> {
      List<NodeId> expected = new ArrayList<>();
      for (int i = 1; i < s.generals(); i++) {
        if (!s.traitors().contains(NodeId.of(i))) {
          expected.add(NodeId.of(i));
        }
      }
      return s.loyalLieutenants().equals(expected) && s.commanderIsLoyal() != s.isTraitor(NodeId.COMMANDER);
    });
  }

  // --- toBuilder ----------------------------------------------------------------------------------

  private static Gen<Strategy> strategies(int n) {
    Gen<Strategy> builtins = Gen.elements(List.of(Strategy.HONEST, Strategy.FLIP, Strategy.SPLIT, Strategy.SILENT, Strategy.RANDOM));
    Gen<Strategy> scripted = Gen.ints(1, n - 1).flatMap(to -> builtins.map(otherwise -> Strategy.scripted(
        List.of(new Strategy.Lie(List.of(NodeId.COMMANDER), NodeId.of(to), Optional.empty())), otherwise)));
    return Gen.ints(0, 3).flatMap(pick -> pick == 0 ? scripted : builtins);
  }

  /** Scenarios with every setting either left at its default or set, in every combination. */
  static final Gen<Scenario> SCENARIOS = Gen.ints(2, 12).flatMap(n -> {
    List<Integer> all = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      all.add(i);
    }
    Gen<Value> orders = Gen.booleans().flatMap(numeric -> numeric ? ApiGens.numbers(-5, 5) : ApiGens.ORDERS);
    return Gen.subsets(all, n).flatMap(traitors -> orders.flatMap(order -> strategies(n).flatMap(strategy ->
        Gen.lists(Gen.ints(0, 4), 6, 6).flatMap(picks -> Gen.longs().map(seed -> {
          Scenario.Builder b = Scenario.builder(n).order(order);
          if (picks.get(0) > 0) {
            b.traitors(traitors.stream().mapToInt(Integer::intValue).toArray());
          }
          if (picks.get(1) > 1) {
            b.m(picks.get(1));
          }
          if (picks.get(2) > 0) {
            b.strategy(strategy);
          }
          if (picks.get(3) > 1) {
            b.seed(seed);
          }
          Value sameKind = order.isOrder() ? (picks.get(5) % 2 == 0 ? Value.ATTACK : Value.RETREAT) : Value.number(picks.get(5));
          switch (picks.get(4)) {
            case 1 -> b.majority("median");
            case 2 -> b.majority(new FirstVote());
            case 3 -> b.majority(Majority.withDefault(sameKind));
            default -> { }
          }
          if (picks.get(5) > 2) {
            b.fallback(sameKind);
          }
          return b.build();
        })))));
  });

  @Test
  void toBuilderRoundTrips() {
    Property.forAll(SCENARIOS).tries(1000).check(s -> s.toBuilder().build().equals(s));
  }

  @Test
  void toBuilderChangesOnlyWhatIsSet() {
    Property.forAll(SCENARIOS).tries(500).check(s -> {
      Scenario t = s.toBuilder().seed(s.seed() + 1).strategy(Strategy.SILENT).build();
      return t.seed() == s.seed() + 1 && t.strategy() == Strategy.SILENT
          && t.generals() == s.generals() && t.m() == s.m() && t.traitors().equals(s.traitors())
          && t.order().equals(s.order()) && t.majority().equals(s.majority()) && t.fallback().equals(s.fallback());
    });
  }

  @Test
  void toBuilderKeepsDerivedDefaultsDerived() {
    Scenario orders = Scenario.builder(4).traitors(3).build();
    Scenario numbers = orders.toBuilder().order(Value.number(5)).build();
    assertEquals(Value.number(0), numbers.fallback());
    assertEquals(Majority.withDefault(Value.number(0)), numbers.majority());
    assertEquals(Scenario.builder(4).traitors(3).order(Value.number(5)).build(), numbers);

    Scenario attackByDefault = orders.toBuilder().fallback(A).build();
    assertEquals(Majority.withDefault(A), attackByDefault.majority());
    assertEquals(Scenario.builder(4).traitors(3).fallback(A).build(), attackByDefault);

    Scenario median = Scenario.builder(4).majority("median").build().toBuilder().order(Value.number(2)).build();
    assertSame(Majority.median(), median.majority());
    assertEquals(Value.number(0), median.fallback());
  }

  @Test
  void toBuilderKeepsAnExplicitFallback() {
    Scenario s = Scenario.builder(4).fallback(A).build();
    assertSame(A, s.toBuilder().build().fallback());
    assertSame(A, s.toBuilder().order(R).build().fallback());
    assertRejected(() -> s.toBuilder().order(Value.number(1)).build(), "fallback");
  }

  @Test
  void scenariosAreValues() {
    Scenario a = Scenario.builder(5).traitors(1, 3).seed(4).build();
    Scenario b = Scenario.builder(5).traitors(3, 1).seed(4).build();
    assertEquals(a, b);
    assertEquals(a.hashCode(), b.hashCode());
    assertFalse(a.equals(Scenario.builder(5).traitors(1, 3).seed(5).build()));
  }

  @Test
  void traitorsAreInIncreasingOrderWhateverTheCallersSetSortsBy() {
    SortedSet<NodeId> traitors = new TreeSet<>(java.util.Comparator.reverseOrder());
    traitors.add(NodeId.of(1));
    traitors.add(NodeId.of(3));
    Scenario s = new Scenario(4, 1, traitors, Value.ATTACK, Strategy.FLIP, 1, Majority.median(), Value.RETREAT);
    assertEquals(List.of(NodeId.of(1), NodeId.of(3)), List.copyOf(s.traitors()));
  }
}
