package io.github.bgp.bench.report;

/**
 * How many logical messages OM(m) sends among n generals when every general sends: the
 * commander's n-1, then each of those relayed to the n-2 others, and so on for min(m, n-2)
 * relaying rounds, that is the sum over k = 1 .. min(m, n-2) + 1 of (n-1)(n-2)...(n-k).
 * A silent traitor sends fewer; the report's scenarios have none.
 */
final class OmFormula {

  private OmFormula() {}

  /** The count for n generals and OM(m); n=7, m=2: 156; n=22, m=7: 8,832,432,021. */
  static long messages(int n, int m) {
    if (n < 2 || m < 0) {
      throw new IllegalArgumentException("needs n >= 2 and m >= 0, got n=" + n + ", m=" + m);
    }
    int rounds = Math.min(m, n - 2) + 1;
    long total = 0;
    long term = 1;
    for (int k = 1; k <= rounds; k++) {
      term = Math.multiplyExact(term, n - k);
      total = Math.addExact(total, term);
    }
    return total;
  }

  /**
   * The count when {@code silentLieutenants} traitor lieutenants (and the commander, if
   * {@code silentCommander}) send nothing: each silent lieutenant keeps back its frames of every
   * relaying round, n-2 frames of (n-3)(n-4)...(n-k) values in round k; a silent commander its
   * n-1 orders.
   */
  static long messagesWithSilence(int n, int m, int silentLieutenants, boolean silentCommander) {
    int rounds = Math.min(m, n - 2) + 1;
    long perLieutenant = 0;
    long frame = 1;
    for (int k = 2; k <= rounds; k++) {
      if (k > 2) {
        frame = Math.multiplyExact(frame, n - (long) k);
      }
      perLieutenant = Math.addExact(perLieutenant, Math.multiplyExact(n - 2L, frame));
    }
    return messages(n, m) - silentLieutenants * perLieutenant - (silentCommander ? n - 1 : 0);
  }
}
