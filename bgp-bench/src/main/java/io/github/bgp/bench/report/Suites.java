package io.github.bgp.bench.report;

import java.time.Duration;

/**
 * The iteration times the sections' JMH runs share. A run of the simulator needs a few seconds
 * of warmup before its time per operation settles (at m=1 the first second averages several
 * times the steady value), so even the quick suite warms up for three seconds.
 */
final class Suites {

  /** The quick suite's one warmup iteration. */
  static final Duration QUICK_WARMUP = Duration.ofSeconds(3);
  /** Each of the full suite's warmup iterations. */
  static final Duration FULL_WARMUP = Duration.ofSeconds(2);
  /** Each measurement iteration. */
  static final Duration ITERATION = Duration.ofSeconds(1);

  private Suites() {}
}
