package io.github.bgp.api;

/**
 * Deterministic randomness for one logical message, derived from the run's seed and the
 * message's identity rather than drawn from a shared generator.
 *
 * <p>Because the bits depend only on <em>which</em> message is being sent, never on the order
 * in which messages happen to be produced, a run is the same whether its nodes are driven on
 * one thread or many, and an independent evaluator can recompute exactly what a traitor said
 * without replaying the run. The mixing function is SplitMix64's finalizer (Steele, Lea and
 * Flood, 2014), which passes BigCrush on a counter.
 */
public final class Entropy {

  private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

  private Entropy() {}

  /** A bijective avalanche mix of one 64-bit value. */
  public static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** The entropy of a message named by {@code seed} and four coordinates, in that order. */
  public static long of(long seed, long a, long b, long c, long d) {
    long h = mix(seed + GOLDEN_GAMMA);
    h = mix(h + a * GOLDEN_GAMMA + 1);
    h = mix(h + b * GOLDEN_GAMMA + 2);
    h = mix(h + c * GOLDEN_GAMMA + 3);
    return mix(h + d * GOLDEN_GAMMA + 4);
  }
}
