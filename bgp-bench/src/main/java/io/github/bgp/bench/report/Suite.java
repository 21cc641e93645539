package io.github.bgp.bench.report;

/** Which benchmark suite a report runs: a quick one of a few minutes, or the full one. */
public enum Suite {
  /** A few minutes on 2 cores: fewer sizes and iterations; n=22, m=7 by message passing is left out. */
  QUICK,
  /** Every size, more iterations, n=22, m=7 by message passing: about 8 minutes on 2 cores. */
  FULL;

  /** {@code quick} or {@code full}. */
  String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
