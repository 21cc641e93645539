package io.github.bgp.generals;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * Estimates how often the generals disagree when every messenger is captured independently
 * with the same probability, the loss rate p: plays the protocol many times with losses drawn
 * from a seeded {@link SplittableRandom}, and reports the fraction of runs in which exactly one
 * general attacks with its binomial standard error, beside the exact value.
 *
 * <p>Every estimate is a function of its seed: a {@link Table}'s cell (p, k) draws from a
 * generator seeded with a mix of the table's seed, p and k, and from nothing else, so the same
 * seed gives the same cell in any table, and cells are computed in parallel without sharing
 * state.
 *
 * @since 0.1.0
 */
public final class MonteCarlo {

  /** Trials per cell unless told otherwise. */
  public static final int DEFAULT_TRIALS = 100_000;

  /** The seed unless told otherwise. */
  public static final long DEFAULT_SEED = 1;

  private MonteCarlo() {}

  /**
   * The estimate for one protocol at one loss rate.
   *
   * @param protocol what was played
   * @param lossRate the probability that any one messenger is captured
   * @param trials how many runs were played
   * @param bothAttack runs in which both attacked
   * @param neitherAttacks runs in which neither did
   * @param onlyA runs in which A attacked alone
   * @param onlyB runs in which B attacked alone
   * @param exact the exact probability of disagreement, when it is known (in closed form for a
   *     family's protocol, by enumeration for another protocol the search can enumerate)
   * @since 0.1.0
   */
  public record Cell(MessengerProtocol protocol, double lossRate, int trials, long bothAttack, long neitherAttacks,
      long onlyA, long onlyB, OptionalDouble exact) {


    /**
     * Checks its components.
     *
     * @param protocol what was played
     * @param lossRate the probability that any one messenger is captured
     * @param trials how many runs were played
     * @param bothAttack runs in which both attacked
     * @param neitherAttacks runs in which neither did
     * @param onlyA runs in which A attacked alone
     * @param onlyB runs in which B attacked alone
     * @param exact the exact probability of disagreement, when it is known (in closed form for a
     *     family's protocol, by enumeration for another protocol the search can enumerate)
     * @throws IllegalArgumentException if the four counts do not add up to {@code trials}
     * @throws NullPointerException if {@code protocol} or {@code exact} is null
     */
    public Cell {
      Objects.requireNonNull(protocol, "protocol");
      Objects.requireNonNull(exact, "exact");
      if (bothAttack + neitherAttacks + onlyA + onlyB != trials) {
        throw new IllegalArgumentException("the counts do not add up to the " + trials + " trials");
      }
    }

    /**
     * The protocol's k, or 0 for a protocol outside the families.
     *
     * @return k, or 0
     */
    public int k() {
      return protocol instanceof FamilyProtocol f ? f.k() : 0;
    }

    /**
     * Runs in which exactly one general attacked.
     *
     * @return the number of disagreements
     */
    public long disagreements() {
      return onlyA + onlyB;
    }

    /**
     * The estimated probability of disagreement: disagreements / trials.
     *
     * @return the estimate
     */
    public double estimate() {
      return (double) disagreements() / trials;
    }

    /**
     * The binomial standard error of the estimate, sqrt(q(1-q)/N) at the estimate q (0 when no run disagreed).
     *
     * @return the standard error
     */
    public double standardError() {
      double q = estimate();
      return Math.sqrt(q * (1 - q) / trials);
    }

    /**
     * The smallest nonzero estimate these trials can give: 1/N.
     *
     * @return 1 / trials
     */
    public double resolution() {
      return 1.0 / trials;
    }

    /**
     * Whether no run disagreed. The estimate is then 0 only because disagreement is rarer than
     * the trials can see: the probability is below about 1/N, not zero (see {@link #exact()}).
     *
     * @return whether there were no disagreements
     */
    public boolean belowResolution() {
      return disagreements() == 0;
    }

    /**
     * The estimate, three significant digits; {@code <1.00e-5} (less than 1/N), never a bare 0.
     *
     * @return the estimate as text
     */
    public String estimateText() {
      return belowResolution() ? "<" + format(resolution()) : format(estimate());
    }

    /**
     * The standard error, or {@code -} when no run disagreed.
     *
     * @return the standard error as text
     */
    public String standardErrorText() {
      return belowResolution() ? "-" : format(standardError());
    }

    /**
     * The exact value, or {@code ?} when unknown.
     *
     * @return the exact probability as text
     */
    public String exactText() {
      return exact.isPresent() ? format(exact.getAsDouble()) : "?";
    }
  }

  /**
   * The estimates for one family, for each loss rate and k = 1..maxK.
   *
   * @param family the family
   * @param lossRates the loss rates, in the order given
   * @param maxK the largest k
   * @param trials runs per cell
   * @param seed the seed every cell's generator is derived from
   * @param cells rate by rate, k ascending within each
   * @since 0.1.0
   */
  public record Table(Family family, List<Double> lossRates, int maxK, int trials, long seed, List<Cell> cells) {


    /**
     * Checks its components and copies its collections.
     *
     * @param family the family
     * @param lossRates the loss rates, in the order given
     * @param maxK the largest k
     * @param trials runs per cell
     * @param seed the seed every cell's generator is derived from
     * @param cells rate by rate, k ascending within each
     */
    public Table {
      Objects.requireNonNull(family, "family");
      lossRates = List.copyOf(lossRates);
      cells = List.copyOf(cells);
    }

    /**
     * The cell of {@code lossRate} (one of {@link #lossRates()}) and {@code k}.
     *
     * @param lossRate the loss rate
     * @param k the protocol's parameter
     * @return the cell
     * @throws IllegalArgumentException if {@code lossRate} is not one of the table's or {@code k}
     *     is outside 1 to the table's largest k
     */
    public Cell cell(double lossRate, int k) {
      int row = lossRates.indexOf(lossRate);
      if (row < 0 || k < 1 || k > maxK) {
        throw new IllegalArgumentException("no cell for loss rate " + lossRate + " and k = " + k);
      }
      return cells.get(row * maxK + k - 1);
    }

    /**
     * The cells of one loss rate, k ascending.
     *
     * @param lossRate the loss rate
     * @return the cells
     * @throws IllegalArgumentException if {@code lossRate} is not one of the table's
     */
    public List<Cell> row(double lossRate) {
      int row = lossRates.indexOf(lossRate);
      if (row < 0) {
        throw new IllegalArgumentException("no row for loss rate " + lossRate);
      }
      return cells.subList(row * maxK, (row + 1) * maxK);
    }
  }

  /**
   * Estimates the probability of disagreement of {@code family}'s protocols k = 1..maxK at each
   * loss rate, {@code trials} runs per cell, cells in parallel.
   *
   * @param family the protocol family
   * @param lossRates the loss rates, each in [0, 1]
   * @param maxK the largest k
   * @param trials the runs per cell
   * @param seed the seed every cell's randomness derives from
   * @return the table
   * @throws IllegalArgumentException for a loss rate outside [0, 1], no rates, maxK or trials below 1
   */
  public static Table run(Family family, List<Double> lossRates, int maxK, int trials, long seed) {
    Objects.requireNonNull(family, "family");
    if (lossRates.isEmpty()) {
      throw new IllegalArgumentException("no loss rates");
    }
    lossRates.forEach(Family::checkRate);
    if (maxK < 1) {
      throw new IllegalArgumentException("the largest k must be at least 1, got " + maxK);
    }
    checkTrials(trials);
    List<Double> rates = List.copyOf(lossRates);
    List<Cell> cells = IntStream.range(0, rates.size() * maxK).parallel().mapToObj(i -> {
      double p = rates.get(i / maxK);
      int k = i % maxK + 1;
      return estimate(family.protocol(k), p, trials, cellSeed(seed, p, k));
    }).toList();
    return new Table(family, rates, maxK, trials, seed, new ArrayList<>(cells));
  }

  /**
   * Plays {@code protocol} {@code trials} times, each messenger lost with probability {@code lossRate}.
   *
   * @param protocol the protocol
   * @param lossRate each messenger's loss rate, in [0, 1]
   * @param trials the runs, at least 1
   * @param seed the seed
   * @return the estimate
   * @throws IllegalArgumentException if {@code lossRate} is outside [0, 1] or {@code trials} is less than 1
   */
  public static Cell estimate(MessengerProtocol protocol, double lossRate, int trials, long seed) {
    Family.checkRate(lossRate);
    checkTrials(trials);
    SplittableRandom random = new SplittableRandom(seed);
    Losses losses = m -> random.nextDouble() < lossRate;
    long[] byEnding = new long[Ending.values().length];
    for (int t = 0; t < trials; t++) {
      byEnding[Valley.ending(protocol, losses).ordinal()]++;
    }
    return new Cell(protocol, lossRate, trials, byEnding[Ending.BOTH_ATTACK.ordinal()],
        byEnding[Ending.NEITHER_ATTACKS.ordinal()], byEnding[Ending.ONLY_A_ATTACKS.ordinal()],
        byEnding[Ending.ONLY_B_ATTACKS.ordinal()], exact(protocol, lossRate));
  }

  /** The closed form for a family's protocol; else by enumeration, when the search can enumerate it. */
  private static OptionalDouble exact(MessengerProtocol protocol, double p) {
    if (protocol instanceof FamilyProtocol f) {
      return OptionalDouble.of(f.exactDisagreement(p));
    }
    if (protocol.maxMessengers() <= Search.MAX_MESSENGERS) {
      return OptionalDouble.of(Search.disagreementProbability(protocol, p));
    }
    return OptionalDouble.empty();
  }

  /** The seed of cell (p, k) of a table seeded with {@code seed}. */
  static long cellSeed(long seed, double p, int k) {
    return mix(mix(seed ^ mix(Double.doubleToLongBits(p))) + k);
  }

  /** SplitMix64's finalizer. */
  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }

  private static void checkTrials(int trials) {
    if (trials < 1) {
      throw new IllegalArgumentException("trials must be at least 1, got " + trials);
    }
  }

  /**
   * A probability in three significant digits, plainly down to 0.001 ({@code 0.100},
   * {@code 0.00391}) and in scientific notation below ({@code 1.00e-5}); {@code 0} only for 0.
   *
   * @param p a probability
   * @return it as text
   */
  public static String format(double p) {
    if (p == 0) {
      return "0";
    }
    if (Double.isNaN(p) || Double.isInfinite(p)) {
      return String.valueOf(p);
    }
    if (Math.abs(p) >= 0.001) {
      BigDecimal d = new BigDecimal(p).round(new MathContext(3));
      return (d.precision() < 3 ? d.setScale(d.scale() + 3 - d.precision()) : d).toPlainString();
    }
    String s = String.format(Locale.ROOT, "%.2e", p);
    return s.replaceFirst("e-0*", "e-");
  }
}
