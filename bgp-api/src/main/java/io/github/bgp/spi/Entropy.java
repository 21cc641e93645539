package io.github.bgp.spi;

import io.github.bgp.api.NodeId;

/**
 * Deterministic randomness for one logical message, derived from the run's seed and the
 * message's identity rather than drawn from a shared generator.
 *
 * <p>Because the bits depend only on <em>which</em> message is being sent, never on the order
 * in which messages happen to be produced, a run is the same whether its nodes are driven on
 * one thread or many, and an independent evaluator can recompute exactly what a traitor said
 * without replaying the run. The mixing function is SplitMix64's finalizer (Steele, Lea and
 * Flood, 2014), which passes BigCrush on a counter.
 *
 * <p>The entropy of a message that {@code from} sends {@code to} in {@code round} about
 * {@code path} (the generals the value passed through, ending with {@code from}) is
 *
 * <pre>
 * message(seed, round, from, to, path) = mix(frame(seed, round, from, to) + pathSum(path))
 * pathSum(path) = sum over positions t of step(path[t], t)       (wrapping)
 * </pre>
 *
 * A sum of independent per-(general, position) terms is order-sensitive (each general is
 * hashed with its position) yet can be built in any order: a sender walking its paths last
 * relayer first and an evaluator extending paths commander first both keep a running sum, at
 * one addition per step.
 *
 * @since 0.1.0
 */
public final class Entropy {

  private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

  private Entropy() {}

  /**
   * A bijective avalanche mix of one 64-bit value (SplitMix64's finalizer): every input bit
   * flips each output bit with probability about one half.
   *
   * @param z any 64 bits
   * @return the mixed bits; distinct inputs give distinct outputs
   */
  public static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /**
   * The part of a message's entropy shared by every message of one frame.
   *
   * @param seed the run's seed
   * @param round the frame's round
   * @param from the sender's index
   * @param to the receiver's index
   * @return the frame's part, to pass to {@link #message(long, long)}
   */
  public static long frame(long seed, int round, int from, int to) {
    return of(seed, round, from, to, 0x9A7E);
  }

  /**
   * The term general {@code node} adds to a path's sum at position {@code position}.
   *
   * @param node the general's index
   * @param position its position on the path, 0 for the commander
   * @return the term, added (wrapping) to the others of the path
   */
  public static long step(int node, int position) {
    return mix(((long) position << 32 | (node & 0xFFFFFFFFL)) + GOLDEN_GAMMA);
  }

  /**
   * The sum of {@link #step} over a path, wrapping on overflow.
   *
   * @param path the generals the value passed through, commander first
   * @return the sum; 0 for an empty path
   */
  public static long pathSum(java.util.List<NodeId> path) {
    long sum = 0;
    for (int t = 0; t < path.size(); t++) {
      sum += step(path.get(t).index(), t);
    }
    return sum;
  }

  /**
   * The entropy of a message from a frame's part and its path's sum.
   *
   * @param frame {@link #frame} of the message's frame
   * @param pathSum {@link #pathSum} of its path
   * @return the message's 64 bits
   */
  public static long message(long frame, long pathSum) {
    return mix(frame + pathSum);
  }

  /**
   * The entropy of the message {@code from} sends {@code to} in {@code round} about {@code path}.
   *
   * @param seed the run's seed
   * @param round the round it is sent in
   * @param from the sender
   * @param to the receiver
   * @param path the generals the value passed through, ending with {@code from}
   * @return the message's 64 bits, the same for the same message of the same run
   */
  public static long message(long seed, int round, NodeId from, NodeId to, java.util.List<NodeId> path) {
    return message(frame(seed, round, from.index(), to.index()), pathSum(path));
  }

  /**
   * 64 bits named by {@code seed} and four coordinates, in that order (swapping two coordinates
   * gives unrelated bits): for any choice a run derives from its seed.
   *
   * @param seed the run's seed
   * @param a the first coordinate
   * @param b the second coordinate
   * @param c the third coordinate
   * @param d the fourth coordinate
   * @return the bits
   */
  public static long of(long seed, long a, long b, long c, long d) {
    long h = mix(seed + GOLDEN_GAMMA);
    h = mix(h + a * GOLDEN_GAMMA + 1);
    h = mix(h + b * GOLDEN_GAMMA + 2);
    h = mix(h + c * GOLDEN_GAMMA + 3);
    return mix(h + d * GOLDEN_GAMMA + 4);
  }
}
