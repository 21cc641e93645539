package io.github.bgp.phaseking;

import io.github.bgp.api.AgreementProtocol;
import io.github.bgp.api.AgreementSpec;
import io.github.bgp.api.Guarantee;
import io.github.bgp.spi.Adversary;
import io.github.bgp.spi.Environment;
import io.github.bgp.spi.Setup;

/**
 * Phase King (Berman, Garay and Perry, 1989) with a commander: the oral-messages, synchronous,
 * polynomial counterpart to OM(m). The commander's round comes first: it sends its order to every
 * lieutenant, and every general (the commander included) starts with the value it holds. Then
 * m + 1 phases of three rounds each, phase p led by its king, general {@code p mod n}:
 *
 * <ol>
 *   <li>every general sends its value to every other; one that counts some value at least n - m
 *       times (its own included) proposes it, otherwise it proposes nothing;
 *   <li>every general sends its proposal (or that it has none) to every other; one that counts
 *       more than m proposals of a value takes it;
 *   <li>the king sends its value to every other; a general that counted fewer than n - m
 *       proposals of the value it holds takes the king's (the fallback if the king is silent).
 * </ol>
 *
 * After the last phase every general decides the value it holds. This is the three-round phase,
 * which needs n &gt; 3m; the two-round phase (values, then the king, keeping one's value only
 * with more than n/2 + m votes for it) would need n &gt; 4m.
 *
 * <p>Every message is one value or nothing: one byte for an order. When nobody is silent a run
 * sends exactly {@code (n - 1) + (m + 1)(2n(n - 1) + (n - 1)) = (n - 1)(1 + (m + 1)(2n + 1))}
 * logical messages, one per frame: the commander's n - 1, then per phase n(n - 1) values, n(n - 1)
 * proposals (an empty proposal is a message too, so that rounds close without waiting for their
 * deadline) and the king's n - 1. That is O(n²·m), against OM(m)'s O(n^(m+1)); at n = 3m + 1 OM is
 * cheaper for m &le; 2 (9 against 57, 156 against 276) and dearer from m = 3 (3,609 against 765).
 * The scenario's majority function plays no part.
 *
 * <p>Registered under the name {@code phase-king}: {@code Protocols.agreement("phase-king")}.
 */
public final class PhaseKing implements AgreementProtocol {

  /** The name this protocol is registered under. */
  public static final String NAME = "phase-king";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String summary() {
    return "Phase King (Berman, Garay, Perry 1989), three-round phases: IC1 and IC2 whenever n > 3m, with"
        + " (n-1)(1+(m+1)(2n+1)) one-value messages";
  }

  /**
   * The exact number of logical messages a run sends when nobody is silent:
   * {@code (n - 1)(1 + (m + 1)(2n + 1))}, or {@link Long#MAX_VALUE} if it does not fit in a long.
   */
  public static long messages(int generals, int m) {
    try {
      long n = generals;
      return Math.multiplyExact(n - 1, Math.addExact(1, Math.multiplyExact(m + 1L, 2 * n + 1)));
    } catch (ArithmeticException overflow) {
      return Long.MAX_VALUE;
    }
  }

  @Override
  public Guarantee guarantee(AgreementSpec s, int traitors) {
    int n = s.generals();
    int m = s.m();
    if (n <= 3 * m) {
      return Guarantee.none(String.format("n=%d is not more than 3m=%d: Phase King's three-round phase needs n > 3m,"
          + " so that any two sets of n-m generals share a loyal one (two loyal generals then never propose different"
          + " values) and a value n-m generals proposed reaches the king more than m times", n, 3 * m));
    }
    if (traitors > m) {
      return Guarantee.none(String.format(
          "%d traitors are more than the m=%d that Phase King is run to tolerate: m+1 kings may all be traitors",
          traitors, m));
    }
    return Guarantee.holds(String.format("n=%d > 3m=%d and %d traitor%s <= m=%d: of the m+1 kings one is loyal, every"
        + " loyal general holds its value after that phase, and a value every loyal general holds is kept to the end"
        + " (the three-round phase needs n > 3m; the two-round one would need n > 4m)", n, 3 * m, traitors,
        traitors == 1 ? "" : "s", m));
  }

  @Override
  public Setup<?> create(AgreementSpec spec, Environment environment, Adversary adversary) {
    return new PkSetup(spec, environment, adversary);
  }
}
