package io.github.bgp.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class PropertyTest {

  private static int sum(List<Integer> xs) {
    return xs.stream().mapToInt(Integer::intValue).sum();
  }

  @Test
  void aPropertyThatHoldsPassesAfterExactlyTheRequestedTries() {
    AtomicInteger calls = new AtomicInteger();
    Property.forAll(Gen.ints(0, 10)).tries(250).seed(5).check(x -> {
      calls.incrementAndGet();
      return x >= 0 && x <= 10;
    });
    assertEquals(250, calls.get());
  }

  @Test
  void falsifyIsEmptyWhenThePropertyHolds() {
    assertEquals(Optional.empty(), Property.forAll(Gen.lists(Gen.ints(0, 5), 0, 5)).tries(300).falsify(xs -> sum(xs) <= 25));
  }

  @Test
  void theDefaultIsOneHundredTries() {
    AtomicInteger calls = new AtomicInteger();
    Property.forAll(Gen.booleans()).seed(1).check(b -> calls.incrementAndGet() > 0);
    assertEquals(100, calls.get());
  }

  @Test
  void triesMustBePositive() {
    Property<Integer> p = Property.forAll(Gen.ints(0, 1));
    assertThrows(IllegalArgumentException.class, () -> p.tries(0));
    assertThrows(IllegalArgumentException.class, () -> p.tries(-3));
    assertThrows(NullPointerException.class, () -> Property.forAll(null));
  }

  @Test
  void aFailingCheckThrowsAReportWithTheSeedTheShrunkValueAndTheReplayFlag() {
    Property.PropertyFailure failure = assertThrows(Property.PropertyFailure.class,
        () -> Property.forAll(Gen.ints(0, 1000)).tries(500).seed(424242L).check(x -> x < 500));
    assertInstanceOf(AssertionError.class, failure);
    String message = failure.getMessage();
    assertTrue(message.contains("424242"), message);
    assertTrue(message.contains("-Dbgp.seed=424242"), message);
    assertTrue(message.contains("shrunk"), message);
    assertTrue(message.contains(": 500\n"), message);
    assertTrue(message.contains("original: "), message);
    assertNull(failure.getCause(), "a property that returned false has no cause");
  }

  @Test
  void shrinkingFindsTheExactBoundary() {
    for (long seed = 0; seed < 20; seed++) {
      Property.Failure<Integer> f = Property.forAll(Gen.ints(0, 1000)).tries(1000).seed(seed)
          .falsify(x -> x < 500).orElseThrow();
      assertEquals(500, f.shrunk(), "seed " + seed);
      assertTrue(f.original() >= 500);
      assertEquals(seed, f.seed());
      assertTrue(f.attempt() >= 1);
      assertEquals(f.original() == 500 ? 0 : f.shrinkSteps(), f.shrinkSteps());
      assertTrue(f.original() == 500 || f.shrinkSteps() > 0);
    }
  }

  @Test
  void shrinkingAListWithALargeSumGivesASmallMinimalList() {
    for (long seed = 0; seed < 20; seed++) {
      Property.Failure<List<Integer>> f = Property.forAll(Gen.lists(Gen.ints(0, 100), 0, 20)).tries(1000).seed(seed)
          .falsify(xs -> sum(xs) < 100).orElseThrow();
      List<Integer> shrunk = f.shrunk();
      assertTrue(sum(shrunk) >= 100, "shrunk " + shrunk + " no longer fails");
      // Lowering any element by one passes, so the sum is exactly the boundary ...
      assertEquals(100, sum(shrunk), "seed " + seed + ": " + shrunk);
      // ... and no element can be dropped (none is zero).
      assertTrue(shrunk.stream().allMatch(x -> x > 0), "seed " + seed + ": " + shrunk);
      // Greedy shrinking of a tree gives a 1-minimal list, not the globally smallest one.
      assertTrue(shrunk.size() <= 5, "seed " + seed + ": " + shrunk + " is not small");
      assertTrue(f.original().size() >= shrunk.size());
    }
  }

  private record Pair(int n, int k) {}

  @Test
  void shrinkingThroughFlatMapNeverBreaksTheDependentConstraint() {
    Gen<Pair> pairs = Gen.ints(0, 1000).flatMap(n -> Gen.ints(0, n).map(k -> new Pair(n, k)));
    for (long seed = 0; seed < 20; seed++) {
      List<Pair> evaluated = new ArrayList<>();
      Optional<Property.Failure<Pair>> f = Property.forAll(pairs).tries(500).seed(seed).falsify(p -> {
        evaluated.add(p);
        return p.k() < 300;
      });
      Pair shrunk = f.orElseThrow().shrunk();
      assertTrue(shrunk.k() >= 300 && shrunk.k() <= shrunk.n(), shrunk.toString());
      for (Pair p : evaluated) {
        assertTrue(p.k() >= 0 && p.k() <= p.n(), "shrinking tried " + p);
      }
    }
  }

  @Test
  void shrinkingThroughFilterTriesOnlyAcceptedValues() {
    for (long seed = 0; seed < 20; seed++) {
      List<Integer> evaluated = new ArrayList<>();
      Property.Failure<Integer> f = Property.forAll(Gen.ints(0, 1000).filter(x -> x % 2 == 0)).tries(500).seed(seed)
          .falsify(x -> {
            evaluated.add(x);
            return x < 101;
          }).orElseThrow();
      int shrunk = f.shrunk();
      assertTrue(shrunk % 2 == 0 && shrunk >= 101 && shrunk <= f.original(), "shrunk to " + shrunk);
      assertTrue(evaluated.stream().allMatch(x -> x % 2 == 0), "an odd value was tried");
    }
  }

  @Test
  void shrinkAlsoByCandidatesAreTriedFirst() {
    Gen<Integer> gen = Gen.ints(0, 1_000_000).shrinkAlsoBy(x -> x >= 1000 ? List.of(x / 1000) : List.of());
    List<Integer> evaluated = new ArrayList<>();
    Property.Failure<Integer> f = Property.forAll(gen).tries(100).seed(8).falsify(x -> {
      evaluated.add(x);
      return x < 7;
    }).orElseThrow();
    int original = f.original();
    assertTrue(original >= 7000, "original " + original);
    assertEquals(original / 1000, evaluated.get(evaluated.indexOf(original) + 1));
    // original / 1000 still fails, and a value reached through the extra shrinks shrinks
    // further through them alone: it has none below 1000.
    assertEquals(original / 1000, f.shrunk());

    Property.Failure<Integer> halving = Property.forAll(Gen.constant(1000).shrinkAlsoBy(x -> x > 0 ? List.of(x / 2) : List.of()))
        .seed(1).falsify(x -> x < 10).orElseThrow();
    assertEquals(15, halving.shrunk()); // 1000, 500, 250, 125, 62, 31, 15; 7 passes
    assertEquals(1000, halving.original());
    assertEquals(6, halving.shrinkSteps());
  }

  @Test
  void anExceptionIsAFailureAndIsReportedAsTheCause() {
    Property.Failure<Integer> f = Property.forAll(Gen.ints(0, 1000)).tries(500).seed(3).falsify(x -> {
      if (x >= 10) {
        throw new IllegalStateException("boom at " + x);
      }
      return true;
    }).orElseThrow();
    assertEquals(10, f.shrunk());
    assertInstanceOf(IllegalStateException.class, f.cause());
    assertEquals("boom at 10", f.cause().getMessage(), "the cause is the shrunk value's");

    Property.PropertyFailure failure = assertThrows(Property.PropertyFailure.class,
        () -> Property.forAll(Gen.ints(0, 1000)).tries(500).seed(3).check(x -> {
          if (x >= 10) {
            throw new IllegalStateException("boom at " + x);
          }
          return true;
        }));
    assertInstanceOf(IllegalStateException.class, failure.getCause());
    assertTrue(failure.getMessage().contains("cause: java.lang.IllegalStateException: boom at 10"), failure.getMessage());
  }

  @Test
  void anAssertionErrorInsideThePropertyIsAFailure() {
    Property.Failure<Integer> f = Property.forAll(Gen.ints(0, 100)).tries(500).seed(4).falsify(x -> {
      if (x > 41) {
        throw new AssertionError("too big: " + x);
      }
      return true;
    }).orElseThrow();
    assertEquals(42, f.shrunk());
    assertInstanceOf(AssertionError.class, f.cause());
  }

  @Test
  void aFalseResultHasNoCause() {
    Property.Failure<Integer> f = Property.forAll(Gen.ints(0, 10)).seed(2).falsify(x -> false).orElseThrow();
    assertNull(f.cause());
    assertEquals(0, f.shrunk());
    assertEquals(1, f.attempt(), "the first try fails");
  }

  @Test
  void theAttemptNumberCountsTriesFromOne() {
    AtomicInteger calls = new AtomicInteger();
    Property.Failure<Integer> f = Property.forAll(Gen.ints(0, 10)).tries(50).seed(6).falsify(x -> calls.incrementAndGet() != 7)
        .orElseThrow();
    assertEquals(7, f.attempt());
  }

  @Test
  void theSameSeedReplaysTheSameFailure() {
    Gen<List<Integer>> gen = Gen.lists(Gen.ints(-50, 50), 0, 10);
    Property.Failure<List<Integer>> a = Property.forAll(gen).tries(500).seed(99).falsify(xs -> sum(xs) < 60).orElseThrow();
    Property.Failure<List<Integer>> b = Property.forAll(gen).tries(500).seed(99).falsify(xs -> sum(xs) < 60).orElseThrow();
    assertEquals(a, b);
    Set<List<Integer>> originals = new HashSet<>();
    for (long seed = 0; seed < 10; seed++) {
      originals.add(Property.forAll(gen).tries(500).seed(seed).falsify(xs -> sum(xs) < 60).orElseThrow().original());
    }
    assertTrue(originals.size() > 1, "different seeds found the same original every time");
  }

  @Test
  void theReportUsesTheGivenDescription() {
    Property.PropertyFailure failure = assertThrows(Property.PropertyFailure.class,
        () -> Property.forAll(Gen.ints(0, 100)).seed(1).describedAs(x -> "<<" + x + ">>").check(x -> x < 1));
    assertTrue(failure.getMessage().contains("<<1>>"), failure.getMessage());
  }

  @Test
  void maxShrinksBoundsTheShrinkingEffort() {
    Property.Failure<Integer> none = Property.forAll(Gen.ints(0, 1_000_000)).seed(11).maxShrinks(0)
        .falsify(x -> x < 10).orElseThrow();
    assertEquals(none.original(), none.shrunk());
    assertEquals(0, none.shrinkSteps());

    AtomicInteger evaluations = new AtomicInteger();
    Property.forAll(Gen.ints(0, 1_000_000)).seed(11).maxShrinks(5).falsify(x -> {
      evaluations.incrementAndGet();
      return x < 10;
    }).orElseThrow();
    assertTrue(evaluations.get() <= 1 + 5, evaluations.get() + " evaluations");
  }

  @Test
  void theSeedIsTheOneGiven() {
    assertEquals(77L, Property.forAll(Gen.booleans()).seed(77).seed());
    assertEquals(77L, Property.forAll(Gen.ints(0, 1)).seed(77).falsify(x -> false).orElseThrow().seed());
  }

  private static void withSeedProperty(String value, Runnable body) {
    String previous = System.getProperty(Property.SEED_PROPERTY);
    try {
      if (value == null) {
        System.clearProperty(Property.SEED_PROPERTY);
      } else {
        System.setProperty(Property.SEED_PROPERTY, value);
      }
      body.run();
    } finally {
      if (previous == null) {
        System.clearProperty(Property.SEED_PROPERTY);
      } else {
        System.setProperty(Property.SEED_PROPERTY, previous);
      }
    }
  }

  @Test
  void theSeedPropertyFixesTheDefaultSeedSoAFailureReplays() {
    assertEquals("bgp.seed", Property.SEED_PROPERTY);
    String before = System.getProperty(Property.SEED_PROPERTY);
    withSeedProperty("-8123456789", () -> {
      assertEquals(-8123456789L, Property.defaultSeed());
      assertEquals(-8123456789L, Property.forAll(Gen.ints(0, 5)).seed());
      Property.Failure<Integer> a = Property.forAll(Gen.ints(0, 1000)).falsify(x -> x < 300).orElseThrow();
      Property.Failure<Integer> b = Property.forAll(Gen.ints(0, 1000)).falsify(x -> x < 300).orElseThrow();
      assertEquals(-8123456789L, a.seed());
      assertEquals(a, b);
      Property.PropertyFailure failure = assertThrows(Property.PropertyFailure.class,
          () -> Property.forAll(Gen.ints(0, 1000)).check(x -> x < 300));
      assertTrue(failure.getMessage().contains("-Dbgp.seed=-8123456789"), failure.getMessage());
    });
    assertEquals(before, System.getProperty(Property.SEED_PROPERTY), "the property was not restored");
  }

  @Test
  void aSeedPropertyThatIsNotANumberIsRejected() {
    withSeedProperty("not-a-seed", () -> {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, Property::defaultSeed);
      assertTrue(e.getMessage().contains("bgp.seed"), e.getMessage());
      assertTrue(e.getMessage().contains("not-a-seed"), e.getMessage());
      assertThrows(IllegalArgumentException.class, () -> Property.forAll(Gen.booleans()));
    });
  }

  @Test
  void withoutTheSeedPropertyEachCheckGetsAFreshSeed() {
    for (String unset : new String[] {null, ""}) {
      withSeedProperty(unset, () -> {
        Set<Long> seeds = new HashSet<>();
        for (int i = 0; i < 3; i++) {
          seeds.add(Property.defaultSeed());
        }
        assertFalse(seeds.size() == 1, "three fresh seeds were equal: " + seeds);
        Property.Failure<Integer> f = Property.forAll(Gen.ints(0, 9)).falsify(x -> false).orElseThrow();
        assertNotNull(f);
      });
    }
  }

  @SuppressWarnings("unchecked")
  private static <E extends Throwable> RuntimeException sneaky(Throwable t) throws E {
    throw (E) t;
  }

  @Test
  void anUndeclaredCheckedExceptionIsAFailureToShrinkAndReport() {
    Property.Failure<Integer> f = Property.forAll(Gen.ints(0, 100)).seed(1).falsify(x -> {
      if (x >= 10) {
        throw PropertyTest.<RuntimeException>sneaky(new java.io.IOException("disk full at " + x));
      }
      return true;
    }).orElseThrow();
    org.junit.jupiter.api.Assertions.assertInstanceOf(java.io.IOException.class, f.cause());
    org.junit.jupiter.api.Assertions.assertEquals(10, f.shrunk());
  }
}
