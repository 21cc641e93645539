package io.github.bgp.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SampleTest {

  private static Sample<Integer> tree() {
    // 10 -> [3 -> [1], 7 -> [2, 5]]
    return Sample.of(10, () -> List.of(
        Sample.of(3, () -> List.of(Sample.of(1))),
        Sample.of(7, () -> List.of(Sample.of(2), Sample.of(5)))));
  }

  private static <T> List<T> values(List<Sample<T>> samples) {
    return samples.stream().map(Sample::value).toList();
  }

  @Test
  void aPlainValueDoesNotShrink() {
    Sample<String> s = Sample.of("x");
    assertEquals("x", s.value());
    assertTrue(s.shrinks().isEmpty());
    assertEquals("x", s.toString());
  }

  @Test
  void shrinksAreComputedOnlyWhenAskedFor() {
    AtomicInteger calls = new AtomicInteger();
    Sample<Integer> s = Sample.of(4, () -> {
      calls.incrementAndGet();
      return List.of(Sample.of(0));
    });
    assertEquals(4, s.value());
    assertEquals(0, calls.get());
    assertEquals(List.of(0), values(s.shrinks()));
    assertEquals(1, calls.get());
  }

  @Test
  void nullShrinkSupplierIsRejected() {
    assertThrows(NullPointerException.class, () -> Sample.of(1, null));
  }

  @Test
  void mapAppliesToTheValueAndEveryShrink() {
    Sample<String> s = tree().map(i -> "v" + i);
    assertEquals("v10", s.value());
    assertEquals(List.of("v3", "v7"), values(s.shrinks()));
    assertEquals(List.of("v2", "v5"), values(s.shrinks().get(1).shrinks()));
    assertEquals(List.of("v1"), values(s.shrinks().get(0).shrinks()));
  }

  @Test
  void mapDoesNotForceTheShrinks() {
    Sample<Integer> s = Sample.<Integer>of(1, () -> {
      throw new AssertionError("shrinks forced");
    }).map(i -> i + 1);
    assertEquals(2, s.value());
  }

  @Test
  void filterDropsFailingShrinksWithTheirSubtrees() {
    Sample<Integer> s = tree().filter(i -> i % 2 == 1 || i == 10);
    assertEquals(10, s.value());
    assertEquals(List.of(3, 7), values(s.shrinks()));
    assertEquals(List.of(1), values(s.shrinks().get(0).shrinks()));
    assertEquals(List.of(5), values(s.shrinks().get(1).shrinks()));

    Sample<Integer> noSevens = tree().filter(i -> i != 7);
    assertEquals(List.of(3), values(noSevens.shrinks()));
    assertFalse(values(noSevens.shrinks().get(0).shrinks()).contains(5));
  }
}
