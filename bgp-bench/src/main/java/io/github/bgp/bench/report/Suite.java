package io.github.bgp.bench.report;

/** Which benchmark suite a report runs: a quick one of a few minutes, or the full one. */
public enum Suite {
  /** A few minutes (about 4.5 on 2 cores): fewer sizes and iterations; the evaluator's n=22, m=7 is left out. */
  QUICK,
  /** Every size, more iterations, the evaluator at n=22, m=7: about 7.5 minutes on 2 cores. */
  FULL;

  /** {@code quick} or {@code full}. */
  String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
