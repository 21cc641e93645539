package io.github.bgp.om;

/**
 * Saturating {@code long} arithmetic for counts and memory estimates that may exceed 2^63 for
 * large n and m: a result that would overflow is clamped to {@link Long#MAX_VALUE} or
 * {@link Long#MIN_VALUE}, by the sign the exact result has.
 */
final class Saturating {

  private Saturating() {}

  /** {@code a + b}, or the bound of its sign if it does not fit in a {@code long}. */
  static long add(long a, long b) {
    long r = a + b;
    // Overflow exactly when a and b have the same sign and r has the other one.
    if (((a ^ r) & (b ^ r)) < 0) {
      return a < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
    }
    return r;
  }

  /** {@code a * b}, or the bound of its sign if it does not fit in a {@code long}. */
  static long multiply(long a, long b) {
    long high = Math.multiplyHigh(a, b);
    long low = a * b;
    // The 128-bit product fits in 64 bits when its high half is the sign extension of its low half.
    if (high == (low >> 63)) {
      return low;
    }
    return (a ^ b) < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
  }
}
