package io.github.bgp.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

class GenTest {

  /** Visits {@code s} and, to the given depth, every one of its shrinks (a bounded walk of the tree). */
  static <T> void walk(Sample<T> s, int depth, Consumer<? super T> visit) {
    visit.accept(s.value());
    if (depth > 0) {
      for (Sample<T> child : s.shrinks()) {
        walk(child, depth - 1, visit);
      }
    }
  }

  /** Follows the shrink tree greedily while {@code fails} holds, as the property runner does. */
  static <T> T greedyShrink(Sample<T> s, Predicate<? super T> fails) {
    Sample<T> current = s;
    boolean progress = true;
    while (progress) {
      progress = false;
      for (Sample<T> child : current.shrinks()) {
        if (fails.test(child.value())) {
          current = child;
          progress = true;
          break;
        }
      }
    }
    return current.value();
  }

  private static <T> List<T> shrinkValues(Sample<T> s) {
    return s.shrinks().stream().map(Sample::value).toList();
  }

  private record Pair(int n, int k) {}

  private static final Map<String, Gen<?>> GENERATORS = Map.of(
      "ints", Gen.ints(-1000, 1000),
      "longs", Gen.longs(),
      "elements", Gen.elements(List.of("a", "b", "c", "d")),
      "booleans", Gen.booleans(),
      "subsets", Gen.subsets(List.of(1, 2, 3, 4, 5, 6), 4),
      "lists", Gen.lists(Gen.ints(0, 9), 0, 8),
      "map", Gen.ints(0, 100).map(i -> "#" + i),
      "flatMap", Gen.ints(0, 100).flatMap(n -> Gen.ints(0, n).map(k -> new Pair(n, k))),
      "zip", Gen.ints(0, 100).zip(Gen.longs(), (a, b) -> a + "/" + b),
      "filter", Gen.ints(0, 1000).filter(i -> i % 3 == 0));

  @Test
  void theSameSeedGivesTheSameSampleAndTheSameShrinks() {
    GENERATORS.forEach((name, gen) -> {
      for (long seed = 0; seed < 50; seed++) {
        Sample<?> a = gen.sample(seed);
        Sample<?> b = gen.sample(new SplittableRandom(seed));
        assertEquals(a.value(), b.value(), name + " seed " + seed);
        assertEquals(shrinkValues(a), shrinkValues(b), name + " seed " + seed);
      }
    });
  }

  @Test
  void differentSeedsGiveDifferentValues() {
    GENERATORS.forEach((name, gen) -> {
      Set<Object> seen = new HashSet<>();
      for (long seed = 0; seed < 50; seed++) {
        seen.add(gen.sample(seed).value());
      }
      assertTrue(seen.size() > 1, name + " gave one value for 50 seeds");
    });
    Set<Integer> wide = new HashSet<>();
    for (long seed = 0; seed < 100; seed++) {
      wide.add(Gen.ints(0, 1_000_000).sample(seed).value());
    }
    assertTrue(wide.size() > 90, "only " + wide.size() + " distinct values");
  }

  private record Range(int lo, int hi, long seed) {}

  @Test
  void intsStayInRangeAndEveryShrinkMovesTowardsLo() {
    Gen<Range> ranges = Gen.ints(-1000, 1000)
        .flatMap(lo -> Gen.ints(lo, lo + 5000).flatMap(hi -> Gen.longs().map(seed -> new Range(lo, hi, seed))));
    Property.forAll(ranges).tries(300).check(r -> {
      Sample<Integer> s = Gen.ints(r.lo(), r.hi()).sample(r.seed());
      int v = s.value();
      if (v < r.lo() || v > r.hi()) {
        return false;
      }
      List<Integer> shrinks = shrinkValues(s);
      if (v == r.lo()) {
        return shrinks.isEmpty();
      }
      if (shrinks.get(0) != r.lo()) {
        return false;
      }
      for (int c : shrinks) {
        if (c < r.lo() || c >= v) {
          return false;
        }
      }
      List<Integer> deeper = new ArrayList<>();
      walk(s, 2, deeper::add);
      return deeper.stream().allMatch(c -> c >= r.lo() && c <= v);
    });
  }

  @Test
  void intsHandleTheExtremesOfTheIntRange() {
    int[][] ranges = {
        {Integer.MIN_VALUE, Integer.MAX_VALUE},
        {Integer.MAX_VALUE - 1, Integer.MAX_VALUE},
        {Integer.MIN_VALUE, Integer.MIN_VALUE + 1},
        {Integer.MAX_VALUE, Integer.MAX_VALUE},
        {-3, -3},
    };
    for (int[] r : ranges) {
      for (long seed = 0; seed < 200; seed++) {
        Sample<Integer> s = Gen.ints(r[0], r[1]).sample(seed);
        int v = s.value();
        assertTrue(v >= r[0] && v <= r[1], v + " outside [" + r[0] + ", " + r[1] + "]");
        walk(s, 2, c -> assertTrue(c >= r[0] && c <= v, c + " not in [" + r[0] + ", " + v + "]"));
        assertEquals(r[0], greedyShrink(s, c -> true));
      }
    }
  }

  @Test
  void intsReachEveryValueOfASmallRange() {
    Set<Integer> seen = new HashSet<>();
    for (long seed = 0; seed < 200; seed++) {
      seen.add(Gen.ints(0, 3).sample(seed).value());
    }
    assertEquals(Set.of(0, 1, 2, 3), seen);
  }

  @Test
  void intsShrinkToTheSmallestFailingValue() {
    for (long seed = 0; seed < 50; seed++) {
      Sample<Integer> s = Gen.ints(-500, 500).sample(seed);
      if (s.value() >= 17) {
        assertEquals(17, greedyShrink(s, v -> v >= 17));
      }
      assertEquals(-500, greedyShrink(s, v -> true));
    }
  }

  @Test
  void intsRejectAnEmptyRange() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Gen.ints(5, 4));
    assertTrue(e.getMessage().contains("[5, 4]"), e.getMessage());
  }

  @Test
  void longsShrinkTowardsZero() {
    Property.forAll(Gen.longs()).tries(300).check(seed -> {
      Sample<Long> s = Gen.longs().sample(seed);
      long v = s.value();
      List<Long> shrinks = shrinkValues(s);
      if (v == 0) {
        return shrinks.isEmpty();
      }
      if (shrinks.get(0) != 0L) {
        return false;
      }
      return shrinks.stream().allMatch(c -> v > 0 ? c >= 0 && c < v : c <= 0 && c > v)
          && greedyShrink(s, c -> true) == 0L;
    });
  }

  @Test
  void elementsDrawOnlyTheChoicesAndShrinkTowardsTheFirst() {
    List<String> choices = new ArrayList<>(List.of("first", "second", "third"));
    Gen<String> gen = Gen.elements(choices);
    choices.set(0, "mutated");
    Set<String> seen = new HashSet<>();
    for (long seed = 0; seed < 100; seed++) {
      Sample<String> s = gen.sample(seed);
      seen.add(s.value());
      if (!s.value().equals("first")) {
        assertEquals("first", shrinkValues(s).get(0));
      } else {
        assertTrue(s.shrinks().isEmpty());
      }
    }
    assertEquals(Set.of("first", "second", "third"), seen);
    assertThrows(IllegalArgumentException.class, () -> Gen.elements(List.of()));
  }

  @Test
  void booleansShrinkTowardsFalse() {
    Set<Boolean> seen = new HashSet<>();
    for (long seed = 0; seed < 100; seed++) {
      Sample<Boolean> s = Gen.booleans().sample(seed);
      seen.add(s.value());
      assertEquals(s.value() ? List.of(false) : List.of(), shrinkValues(s));
    }
    assertEquals(Set.of(true, false), seen);
  }

  private static boolean isOrderedSubsetOf(List<Integer> subset, List<Integer> items) {
    int at = 0;
    for (Integer x : subset) {
      while (at < items.size() && !items.get(at).equals(x)) {
        at++;
      }
      if (at == items.size()) {
        return false;
      }
      at++;
    }
    return true;
  }

  private record SubsetCase(int size, int maxSize, long seed) {}

  @Test
  void subsetsNeverExceedMaxSizeAndKeepTheItemsOrder() {
    Gen<SubsetCase> cases = Gen.ints(0, 12)
        .flatMap(size -> Gen.ints(0, 15).flatMap(max -> Gen.longs().map(seed -> new SubsetCase(size, max, seed))));
    Property.forAll(cases).tries(300).check(c -> {
      List<Integer> items = new ArrayList<>();
      for (int i = 0; i < c.size(); i++) {
        items.add(100 - 7 * i); // deliberately not sorted ascending
      }
      Sample<List<Integer>> s = Gen.subsets(items, c.maxSize()).sample(c.seed());
      List<List<Integer>> all = new ArrayList<>();
      walk(s, 3, all::add);
      for (List<Integer> subset : all) {
        if (subset.size() > c.maxSize() || !isOrderedSubsetOf(subset, items)
            || new HashSet<>(subset).size() != subset.size()) {
          return false;
        }
      }
      return true;
    });
  }

  @Test
  void subsetsReachEverySizeUpToTheMaximum() {
    Set<Integer> sizes = new HashSet<>();
    for (long seed = 0; seed < 200; seed++) {
      sizes.add(Gen.subsets(List.of("a", "b", "c", "d", "e"), 3).sample(seed).value().size());
    }
    assertEquals(Set.of(0, 1, 2, 3), sizes);
    for (long seed = 0; seed < 50; seed++) {
      assertTrue(Gen.subsets(List.of("a", "b"), 10).sample(seed).value().size() <= 2);
      assertEquals(List.of(), Gen.subsets(List.of(), 3).sample(seed).value());
    }
  }

  @Test
  void subsetsShrinkByDroppingItems() {
    for (long seed = 0; seed < 50; seed++) {
      Sample<List<Integer>> s = Gen.subsets(List.of(1, 2, 3, 4, 5, 6, 7), 7).sample(seed);
      assertEquals(List.of(), greedyShrink(s, v -> true));
      if (s.value().contains(7)) {
        // The smallest subset that still contains 7 is [7] itself.
        assertEquals(List.of(7), greedyShrink(s, v -> v.contains(7)));
      }
    }
  }

  @Test
  void subsetsRejectANegativeSize() {
    assertThrows(IllegalArgumentException.class, () -> Gen.subsets(List.of(1, 2), -1));
  }

  private record ListCase(int min, int max, long seed) {}

  @Test
  void listsRespectTheirSizeBoundsWhenGeneratedAndWhenShrunk() {
    Gen<ListCase> cases = Gen.ints(0, 6)
        .flatMap(min -> Gen.ints(min, min + 8).flatMap(max -> Gen.longs().map(seed -> new ListCase(min, max, seed))));
    Property.forAll(cases).tries(300).check(c -> {
      Sample<List<Integer>> s = Gen.lists(Gen.ints(10, 20), c.min(), c.max()).sample(c.seed());
      List<List<Integer>> all = new ArrayList<>();
      walk(s, 2, all::add);
      for (List<Integer> list : all) {
        if (list.size() < c.min() || list.size() > c.max()) {
          return false;
        }
        if (!list.stream().allMatch(x -> x >= 10 && x <= 20)) {
          return false;
        }
      }
      // Fully shrunk: as short as allowed, every element at its own minimum.
      List<Integer> smallest = greedyShrink(s, v -> true);
      return smallest.size() == c.min() && smallest.stream().allMatch(x -> x == 10);
    });
  }

  @Test
  void listsRejectBadSizeRanges() {
    assertThrows(IllegalArgumentException.class, () -> Gen.lists(Gen.ints(0, 1), -1, 3));
    assertThrows(IllegalArgumentException.class, () -> Gen.lists(Gen.ints(0, 1), 4, 3));
    assertThrows(NullPointerException.class, () -> Gen.lists(null, 0, 3));
  }

  @Test
  void constantAlwaysGivesItsValueAndDoesNotShrink() {
    for (long seed = 0; seed < 20; seed++) {
      Sample<String> s = Gen.constant("c").sample(seed);
      assertEquals("c", s.value());
      assertTrue(s.shrinks().isEmpty());
    }
  }

  @Test
  void startingAtGivesItsValueAndShrinksTowardsTheTarget() {
    Sample<Integer> s = Gen.startingAt(40, 3).sample(99L);
    assertEquals(40, s.value());
    assertEquals(3, shrinkValues(s).get(0));
    assertEquals(3, greedyShrink(s, v -> true));
    assertEquals(10, greedyShrink(s, v -> v >= 10));
    Sample<Integer> up = Gen.startingAt(2, 9).sample(1L);
    assertEquals(9, greedyShrink(up, v -> true));
  }

  @Test
  void mapTransformsValuesAndShrinks() {
    for (long seed = 0; seed < 30; seed++) {
      Sample<Integer> raw = Gen.ints(0, 50).sample(seed);
      Sample<String> mapped = Gen.ints(0, 50).map(i -> "n" + i).sample(seed);
      assertEquals("n" + raw.value(), mapped.value());
      assertEquals(shrinkValues(raw).stream().map(i -> "n" + i).toList(), shrinkValues(mapped));
    }
  }

  private record Two(int a, int b) {}

  @Test
  void zipShrinksOneSideAtATimeAndLeavesTheOtherAlone() {
    Gen<Two> gen = Gen.ints(0, 1000).zip(Gen.ints(0, 1000), Two::new);
    for (long seed = 0; seed < 50; seed++) {
      Sample<Two> s = gen.sample(seed);
      for (Two t : shrinkValues(s)) {
        boolean aChanged = t.a() != s.value().a();
        boolean bChanged = t.b() != s.value().b();
        assertTrue(aChanged ^ bChanged, s.value() + " -> " + t);
        assertTrue(t.a() <= s.value().a() && t.b() <= s.value().b());
      }
      assertEquals(new Two(0, 0), greedyShrink(s, v -> true));
      if (s.value().b() >= 5) {
        Two shrunk = greedyShrink(s, v -> v.b() >= 5);
        assertEquals(new Two(0, 5), shrunk);
      }
    }
  }

  @Test
  void flatMapKeepsTheDependentConstraintThroughoutTheShrinkTree() {
    Gen<Pair> gen = Gen.ints(0, 200).flatMap(n -> Gen.ints(0, n).map(k -> new Pair(n, k)));
    for (long seed = 0; seed < 50; seed++) {
      Sample<Pair> s = gen.sample(seed);
      walk(s, 3, p -> assertTrue(p.k() >= 0 && p.k() <= p.n(), p + " breaks k <= n"));
      assertEquals(new Pair(0, 0), greedyShrink(s, p -> true));
    }
  }

  @Test
  void filterKeepsOnlyAcceptedValuesInTheWholeShrinkTree() {
    Predicate<Integer> even = i -> i % 2 == 0;
    Gen<Integer> gen = Gen.ints(0, 1001).filter(even);
    for (long seed = 0; seed < 50; seed++) {
      Sample<Integer> s = gen.sample(seed);
      walk(s, 3, v -> assertTrue(even.test(v), v + " is odd"));
      assertEquals(0, greedyShrink(s, v -> true));
    }
  }

  @Test
  void filterThatRejectsEverythingFails() {
    Gen<Integer> impossible = Gen.ints(0, 10).filter(i -> i > 10);
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> impossible.sample(3L));
    assertTrue(e.getMessage().contains("1,000"), e.getMessage());
  }

  @Test
  void shrinkAlsoByOffersItsCandidatesFirstAndFollowsThemAlone() {
    Gen<Integer> gen = Gen.ints(0, 1000).shrinkAlsoBy(x -> x % 10 == 0 ? List.of() : List.of(x - x % 10));
    for (long seed = 0; seed < 50; seed++) {
      Sample<Integer> s = gen.sample(seed);
      int v = s.value();
      List<Integer> shrinks = shrinkValues(s);
      if (v % 10 != 0) {
        assertEquals(v - v % 10, shrinks.get(0));
        // A value reached through the extra shrinks shrinks further only through them.
        assertTrue(s.shrinks().get(0).shrinks().isEmpty());
      }
      // The generator's own shrinks come after, and still shrink with the extra ones.
      List<Integer> own = shrinkValues(Gen.ints(0, 1000).sample(seed));
      assertEquals(own, shrinks.subList(shrinks.size() - own.size(), shrinks.size()));
    }
    Sample<Integer> constant = Gen.constant(1000).shrinkAlsoBy(x -> x > 0 ? List.of(x / 2) : List.of()).sample(0L);
    assertEquals(15, greedyShrink(constant, x -> x >= 10));
  }

  @Test
  void sampleFromASeedIsTheSampleFromItsRandomSource() {
    Gen<Integer> gen = Gen.ints(0, Integer.MAX_VALUE);
    assertEquals(gen.sample(new SplittableRandom(123)).value(), gen.sample(123L).value());
    assertNotEquals(gen.sample(123L).value(), gen.sample(124L).value());
  }
}
