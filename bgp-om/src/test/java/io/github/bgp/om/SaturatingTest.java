package io.github.bgp.om;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.bgp.check.Gen;
import io.github.bgp.check.Property;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Saturating arithmetic against exact {@link BigInteger} arithmetic, clamped to a {@code long}. */
class SaturatingTest {

  private static final BigInteger MAX = BigInteger.valueOf(Long.MAX_VALUE);
  private static final BigInteger MIN = BigInteger.valueOf(Long.MIN_VALUE);
  private static final List<Long> EDGES = List.of(Long.MIN_VALUE, Long.MIN_VALUE + 1, -(1L << 32), -3037000500L,
      -3037000499L, -2L, -1L, 0L, 1L, 2L, 3037000499L, 3037000500L, 1L << 32, Long.MAX_VALUE - 1, Long.MAX_VALUE);

  private static long clamp(BigInteger exact) {
    return exact.max(MIN).min(MAX).longValueExact();
  }

  private static long exactSum(long a, long b) {
    return clamp(BigInteger.valueOf(a).add(BigInteger.valueOf(b)));
  }

  private static long exactProduct(long a, long b) {
    return clamp(BigInteger.valueOf(a).multiply(BigInteger.valueOf(b)));
  }

  @Test
  void edgeCasesMatchExactArithmetic() {
    for (long a : EDGES) {
      for (long b : EDGES) {
        assertEquals(exactSum(a, b), Saturating.add(a, b), a + " + " + b);
        assertEquals(exactProduct(a, b), Saturating.multiply(a, b), a + " * " + b);
      }
    }
  }

  @Test
  void overflowClampsBySign() {
    assertEquals(Long.MAX_VALUE, Saturating.add(Long.MAX_VALUE, 1));
    assertEquals(Long.MIN_VALUE, Saturating.add(Long.MIN_VALUE, -1));
    assertEquals(Long.MAX_VALUE, Saturating.multiply(Long.MIN_VALUE, -1));
    assertEquals(Long.MIN_VALUE, Saturating.multiply(1L << 62, -4));
    assertEquals(Long.MIN_VALUE, Saturating.multiply(1L << 62, -2));
    assertEquals(Long.MAX_VALUE, Saturating.multiply(3037000500L, 3037000500L));
    assertEquals(9223372030926249001L, Saturating.multiply(3037000499L, 3037000499L));
  }

  @Test
  void arbitraryOperandsMatchExactArithmetic() {
    Gen<long[]> pairs = Gen.longs().zip(Gen.longs(), (a, b) -> new long[] {a, b});
    Property.forAll(pairs).tries(2_000).describedAs(p -> p[0] + ", " + p[1]).check(p ->
        Saturating.add(p[0], p[1]) == exactSum(p[0], p[1])
            && Saturating.multiply(p[0], p[1]) == exactProduct(p[0], p[1]));
    // Small factors too, where products near the bounds are likelier than with uniform longs.
    Gen<long[]> small = Gen.ints(-(1 << 30), 1 << 30).zip(Gen.longs(), (a, b) -> new long[] {a, b >> 31});
    Property.forAll(small).tries(2_000).describedAs(p -> p[0] + ", " + p[1]).check(p ->
        Saturating.multiply(p[0], p[1]) == exactProduct(p[0], p[1]));
  }
}
