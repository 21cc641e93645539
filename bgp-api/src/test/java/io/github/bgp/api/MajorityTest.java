package io.github.bgp.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.bgp.check.Gen;
import io.github.bgp.check.Property;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class MajorityTest {

  private static final Value A = Value.ATTACK;
  private static final Value R = Value.RETREAT;

  private static Value n(long x) {
    return Value.number(x);
  }

  private static List<Value> nums(long... xs) {
    List<Value> out = new ArrayList<>();
    for (long x : xs) {
      out.add(n(x));
    }
    return out;
  }

  /** The value more than half the votes hold, if any: the definition, by counting. */
  private static Value strictMajorityOr(List<Value> votes, Value fallback) {
    Map<Value, Integer> counts = new HashMap<>();
    for (Value v : votes) {
      counts.merge(v, 1, Integer::sum);
    }
    for (Map.Entry<Value, Integer> e : counts.entrySet()) {
      if (2 * e.getValue() > votes.size()) {
        return e.getKey();
      }
    }
    return fallback;
  }

  private record Case(List<Value> votes, Value fallback) {}

  private static Gen<Case> cases(Gen<Value> values) {
    return Gen.lists(values, 1, 15).flatMap(votes -> values.map(fallback -> new Case(votes, fallback)));
  }

  private static final Gen<Value> SMALL_NUMBERS = ApiGens.numbers(-3, 3);

  // --- a strict majority always wins -------------------------------------------------------

  @Test
  void aStrictMajorityOfOrdersWinsWhateverTheDefault() {
    Gen<Case> gen = ApiGens.withStrictMajority(ApiGens.ORDERS)
        .flatMap(c -> ApiGens.ORDERS.map(fb -> new Case(c.votes(), fb)));
    Property.forAll(gen).tries(1000).check(c -> {
      Value winner = strictMajorityOr(c.votes(), null);
      return winner != null
          && Majority.withDefault(c.fallback()).choose(c.votes()).equals(winner)
          && Majority.median().choose(c.votes()).equals(winner);
    });
  }

  @Test
  void aStrictMajorityOfNumbersWinsWhateverTheDefault() {
    for (Gen<Value> values : List.of(SMALL_NUMBERS, ApiGens.ANY_NUMBER)) {
      Gen<ApiGens.MajorityCase> gen = ApiGens.withStrictMajority(values);
      Property.forAll(gen.flatMap(c -> ApiGens.ANY_NUMBER.map(fb -> new Object[] {c, fb}))).tries(1000).check(o -> {
        ApiGens.MajorityCase c = (ApiGens.MajorityCase) o[0];
        Value fallback = (Value) o[1];
        return Majority.withDefault(fallback).choose(c.votes()).equals(c.winner())
            && Majority.median().choose(c.votes()).equals(c.winner());
      });
    }
  }

  // --- majority with a default ----------------------------------------------------------------

  @Test
  void withDefaultIsTheStrictMajorityOrElseTheFallback() {
    for (Gen<Value> values : List.of(ApiGens.ORDERS, SMALL_NUMBERS)) {
      Property.forAll(cases(values)).tries(1000).check(c ->
          Majority.withDefault(c.fallback()).choose(c.votes()).equals(strictMajorityOr(c.votes(), c.fallback())));
    }
  }

  @Test
  void withDefaultGivesTheFallbackOnTiesAndWithoutAStrictMajority() {
    assertSame(A, Majority.withDefault(A).choose(List.of(A, R)));
    assertSame(R, Majority.withDefault(R).choose(List.of(A, R)));
    assertSame(A, Majority.withDefault(A).choose(List.of(R, A, R, A)));
    assertEquals(n(7), Majority.withDefault(n(7)).choose(nums(1, 2)));
    assertEquals(n(7), Majority.withDefault(n(7)).choose(nums(1, 1, 2, 2)));
    assertEquals(n(7), Majority.withDefault(n(7)).choose(nums(1, 2, 3)));
    // A plurality is not a majority.
    assertEquals(n(0), Majority.withDefault(n(0)).choose(nums(5, 5, 1, 2)));
    assertEquals(n(0), Majority.withDefault(n(0)).choose(nums(5, 5, 5, 1, 2, 3)));
    assertEquals(n(5), Majority.withDefault(n(0)).choose(nums(5, 5, 5, 1, 2)));
    assertEquals(n(9), Majority.withDefault(n(0)).choose(nums(9)));
  }

  @Test
  void withDefaultOnOrdersAttacksOnlyWithMoreAttackThanRetreat() {
    Majority m = Majority.withDefault(R);
    assertSame(A, m.choose(List.of(A, A, R)));
    assertSame(R, m.choose(List.of(A, R)));
    assertSame(R, m.choose(List.of(A, A, R, R)));
    assertSame(A, m.choose(List.of(A)));
    assertSame(R, m.choose(List.of(R)));
  }

  // --- the lower median -----------------------------------------------------------------------

  @Test
  void theMedianOfAnEvenCountIsTheLowerMiddleValue() {
    Majority median = Majority.median();
    assertEquals(n(2), median.choose(nums(1, 2, 3, 4)));
    assertEquals(n(2), median.choose(nums(4, 3, 2, 1)));
    assertEquals(n(-5), median.choose(nums(10, -5)));
    assertEquals(n(3), median.choose(nums(3, 100, 100, 3)));
    assertEquals(n(Long.MIN_VALUE), median.choose(nums(Long.MAX_VALUE, Long.MIN_VALUE)));
    assertSame(R, median.choose(List.of(A, R)));
    assertSame(R, median.choose(List.of(A, R, R, A)));
  }

  @Test
  void theMedianOfAnOddCountIsTheMiddleValue() {
    Majority median = Majority.median();
    assertEquals(n(5), median.choose(nums(9, 1, 5)));
    assertEquals(n(7), median.choose(nums(7)));
    assertEquals(n(2), median.choose(nums(2, 2, 9, 1, 100)));
    assertSame(A, median.choose(List.of(A, R, A)));
  }

  @Test
  void theMedianIsAlwaysOneOfTheVotes() {
    for (Gen<Value> values : List.of(ApiGens.ORDERS, SMALL_NUMBERS, ApiGens.ANY_NUMBER)) {
      Property.forAll(Gen.lists(values, 1, 20)).tries(500).check(votes -> votes.contains(Majority.median().choose(votes)));
    }
  }

  @Test
  void theMedianIsTheLowerMiddleByRank() {
    // For n votes and the lower median m: at most (n-1)/2 votes are below m and at least (n-1)/2 + 1 are at most m.
    for (Gen<Value> values : List.of(ApiGens.ORDERS, SMALL_NUMBERS, ApiGens.ANY_NUMBER)) {
      Property.forAll(Gen.lists(values, 1, 20)).tries(500).check(votes -> {
        Value m = Majority.median().choose(votes);
        long below = votes.stream().filter(v -> v.compareTo(m) < 0).count();
        long atMost = votes.stream().filter(v -> v.compareTo(m) <= 0).count();
        int half = (votes.size() - 1) / 2;
        return below <= half && atMost >= half + 1;
      });
    }
  }

  private record Permuted(List<Value> votes, long seed) {}

  @Test
  void theMedianDoesNotDependOnTheOrderOfTheVotes() {
    for (Gen<Value> values : List.of(ApiGens.ORDERS, SMALL_NUMBERS, ApiGens.ANY_NUMBER)) {
      Gen<Permuted> gen = Gen.lists(values, 1, 20).flatMap(v -> Gen.longs().map(s -> new Permuted(v, s)));
      Property.forAll(gen).tries(500).check(p ->
          Majority.median().choose(p.votes()).equals(Majority.median().choose(ApiGens.shuffled(p.votes(), p.seed()))));
    }
  }

  @Test
  void withDefaultDoesNotDependOnTheOrderOfTheVotes() {
    Gen<Permuted> gen = Gen.lists(SMALL_NUMBERS, 1, 20).flatMap(v -> Gen.longs().map(s -> new Permuted(v, s)));
    Property.forAll(gen).tries(500).check(p ->
        Majority.withDefault(n(0)).choose(p.votes()).equals(Majority.withDefault(n(0)).choose(ApiGens.shuffled(p.votes(), p.seed()))));
  }

  @Test
  void onOrdersTheLowerMedianIsMajorityWithDefaultRetreat() {
    Property.forAll(Gen.lists(ApiGens.ORDERS, 1, 25)).tries(1000).check(votes ->
        Majority.median().choose(votes).equals(Majority.withDefault(R).choose(votes)));
  }

  @Test
  void chooseDoesNotModifyTheVotes() {
    List<Value> votes = List.of(n(3), n(1), n(2));
    assertEquals(n(2), Majority.median().choose(votes));
    List<Value> mutable = new ArrayList<>(nums(3, 1, 2));
    Majority.median().choose(mutable);
    Majority.withDefault(n(0)).choose(mutable);
    assertEquals(nums(3, 1, 2), mutable);
  }

  // --- bad input --------------------------------------------------------------------------------

  private static void assertRejected(Supplier<Value> call, String expected) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call::get);
    assertTrue(e.getMessage() != null && e.getMessage().contains(expected), e.getMessage());
  }

  @Test
  void noVotesIsAnError() {
    assertRejected(() -> Majority.withDefault(R).choose(List.of()), "at least one vote");
    assertRejected(() -> Majority.median().choose(List.of()), "at least one vote");
  }

  @Test
  void mixedKindsAreAnError() {
    for (List<Value> votes : List.of(List.of(A, n(1)), List.of(n(1), A), List.of(n(1), n(1), n(1), R),
        List.of(A, A, A, n(0)))) {
      assertRejected(() -> Majority.withDefault(R).choose(votes), "mix");
      assertRejected(() -> Majority.withDefault(n(0)).choose(votes), "mix");
      assertRejected(() -> Majority.median().choose(votes), "mix");
    }
  }

  // --- names --------------------------------------------------------------------------------

  @Test
  void byNameFindsBothFunctionsInAnyCase() {
    assertEquals(Majority.withDefault(A), Majority.byName("default", A));
    assertEquals(Majority.withDefault(n(4)), Majority.byName("DEFAULT", n(4)));
    assertSame(Majority.median(), Majority.byName("median", R));
    assertSame(Majority.median(), Majority.byName("Median", R));
    assertEquals("default", Majority.withDefault(R).name());
    assertEquals("median", Majority.median().name());
    assertSame(A, Majority.byName("default", A).choose(List.of(A, R)), "the fallback is used");
  }

  @Test
  void byNameRejectsOtherNamesListingTheValidOnes() {
    for (String name : new String[] {"mean", "", "majority", null}) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Majority.byName(name, R));
      assertTrue(e.getMessage().contains("'" + name + "'"), e.getMessage());
      assertTrue(e.getMessage().contains("default") && e.getMessage().contains("median"), e.getMessage());
    }
  }

  @Test
  void theFallbackIsRequired() {
    assertThrows(NullPointerException.class, () -> Majority.withDefault(null));
  }

  @Test
  void majorityWithADefaultComparesApplicationValuesByEquality() {
    Value a = Value.bytes(new byte[] {1, 2});
    Value b = Value.bytes(new byte[] {1, 2, 0});
    Value fallback = Value.bytes(new byte[] {9});
    Majority m = Majority.withDefault(fallback);
    assertEquals(a, m.choose(List.of(a, Value.bytes(new byte[] {1, 2}), b)), "equal bytes are one value");
    assertEquals(fallback, m.choose(List.of(a, b)), "no strict majority: the default");
    assertEquals(fallback, m.choose(List.of(a, b, Value.EMPTY, Value.EMPTY)), "a tie: the default");
    assertThrows(IllegalArgumentException.class, () -> m.choose(List.of(a, Value.ATTACK)), "kinds do not mix");
  }
}
