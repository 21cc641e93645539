package io.github.bgp.generals;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The exhaustive search: plays a protocol under every pattern of lost messengers and counts who
 * attacks under each, keeping the patterns under which exactly one general does.
 *
 * <p>A protocol that can send n messengers has 2^n loss patterns, n at most
 * {@value #MAX_MESSENGERS}. Many of them give the same run: what happens to messengers that
 * never set out does not matter. The search plays each distinct run once and counts it for
 * every pattern that gives it, walking the patterns in order with messenger 1 as the most
 * significant digit, so that the patterns of one run are consecutive.
 *
 * @since 0.1.0
 */
public final class Search {

  /** The most messengers a protocol may send for the search to try all 2^n loss patterns. */
  public static final int MAX_MESSENGERS = 20;

  /**
   * The most instructive disagreement first: the fewest losses, then the latest ones (compared
   * from the first loss on: "everything arrives but the last messenger"), then the shortest run.
   */
  public static final Comparator<LossPattern> MOST_INSTRUCTIVE = Comparator
      .comparingInt(LossPattern::lostCount)
      .thenComparing(LossPattern::lostMessengers, Search::laterFirst)
      .thenComparingInt(LossPattern::length);

  private Search() {}

  /**
   * Plays {@code protocol} under every loss pattern.
   *
   * @param protocol the protocol
   * @return how every pattern ends
   * @throws IllegalArgumentException if it can send more than {@value #MAX_MESSENGERS} messengers
   * @throws IllegalStateException if it breaks its contract (sends more than it declares, or is
   *     not deterministic)
   */
  public static SearchResult of(MessengerProtocol protocol) {
    int n = protocol.maxMessengers();
    if (n < 0) {
      throw new IllegalArgumentException(protocol.name() + " declares " + n + " messengers");
    }
    if (n > MAX_MESSENGERS) {
      throw new IllegalArgumentException(String.format(Locale.ROOT,
          "%s can send %d messengers: %,d loss patterns; the exhaustive search stops at %d messengers (%,d patterns)",
          protocol.name(), n, 1L << n, MAX_MESSENGERS, 1L << MAX_MESSENGERS));
    }
    long total = 1L << n;
    long[] byEnding = new long[Ending.values().length];
    List<LossPattern> disagreements = new ArrayList<>();
    long runs = 0;
    for (long v = 0; v < total; ) {
      long value = v;
      Valley.Played played = Valley.played(protocol, m -> (value >>> (n - m) & 1) != 0);
      int sent = played.messengers();
      long weight = 1L << (n - sent);
      if ((value & (weight - 1)) != 0) {
        throw new IllegalStateException(protocol.name() + " is not deterministic: two runs sent the same first"
            + " messengers with the same losses, then differed");
      }
      byEnding[played.ending().ordinal()] += weight;
      runs++;
      if (played.ending().disagreement()) {
        disagreements.add(pattern(value, n, sent));
      }
      v += weight;
    }
    disagreements.sort(MOST_INSTRUCTIVE);
    Optional<Run> chosen = disagreements.isEmpty() ? Optional.empty()
        : Optional.of(Valley.run(protocol, disagreements.get(0)));
    return new SearchResult(protocol, n, total, runs, byEnding[Ending.BOTH_ATTACK.ordinal()],
        byEnding[Ending.NEITHER_ATTACKS.ordinal()], byEnding[Ending.ONLY_A_ATTACKS.ordinal()],
        byEnding[Ending.ONLY_B_ATTACKS.ordinal()], Valley.ending(protocol, LossPattern.none(n)),
        Valley.ending(protocol, LossPattern.all(n)), disagreements, chosen);
  }

  /**
   * The exact probability that exactly one general attacks when every messenger is captured
   * independently with probability {@code p}: the sum, over the distinct runs that end in
   * disagreement, of p^(messengers lost) (1-p)^(messengers delivered).
   *
   * @param protocol the protocol
   * @param p each messenger's loss rate, in [0, 1]
   * @return the probability of disagreement
   * @throws IllegalArgumentException if the protocol can send more than {@value #MAX_MESSENGERS} messengers,
   *     or {@code p} is outside [0, 1]
   */
  public static double disagreementProbability(MessengerProtocol protocol, double p) {
    Family.checkRate(p);
    SearchResult r = of(protocol);
    double sum = 0;
    for (LossPattern d : r.disagreements()) {
      sum += Math.pow(p, d.lostCount()) * Math.pow(1 - p, d.length() - d.lostCount());
    }
    return sum;
  }

  /** The losses of the first {@code sent} messengers of the pattern {@code value} of {@code n} digits. */
  private static LossPattern pattern(long value, int n, int sent) {
    long bits = 0;
    for (int m = 1; m <= sent; m++) {
      bits |= (value >>> (n - m) & 1) << (m - 1);
    }
    return new LossPattern(sent, bits);
  }

  /** Lists of losses compared element by element, the later loss first; a longer list after. */
  private static int laterFirst(List<Integer> x, List<Integer> y) {
    for (int i = 0; i < Math.min(x.size(), y.size()); i++) {
      int c = Integer.compare(y.get(i), x.get(i));
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(x.size(), y.size());
  }
}
