package io.github.bgp.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

/** A load's latency percentiles come from its HdrHistogram, at the histogram's precision. */
class AgreementLoadTest {

  private static AgreementLoad.Result withLatencies(long... nanos) {
    Histogram h = new Histogram(AgreementLoad.SIGNIFICANT_DIGITS);
    for (long n : nanos) {
      h.recordValue(n);
    }
    return new AgreementLoad.Result(nanos.length, 1, 0, h, 0, 0, 0, 0, 0, 0);
  }

  /** Whether {@code actual} is {@code expected} to 3 significant digits. */
  private static void near(long expected, long actual) {
    assertTrue(Math.abs(actual - expected) <= expected / 1000, "expected about " + expected + ", got " + actual);
  }

  @Test
  void percentilesOfAThousandEvenlySpreadTimes() {
    long[] nanos = new long[1000];
    for (int i = 0; i < nanos.length; i++) {
      nanos[i] = 1_000_000L * (i + 1); // 1 ms .. 1 s
    }
    AgreementLoad.Result r = withLatencies(nanos);
    near(500_000_000L, r.latency(0.50));
    near(900_000_000L, r.latency(0.90));
    near(990_000_000L, r.latency(0.99));
    near(1_000_000_000L, r.latency(1.0));
    near(1_000_000L, r.latency(0.0));
    near(500_500_000L, Math.round(r.meanLatency()));
  }

  @Test
  void oneSlowInstanceIsTheMaximumAndNotTheMedian() {
    AgreementLoad.Result r = withLatencies(2_000, 2_000, 2_000, 2_000, 7_000_000);
    near(2_000, r.latency(0.5));
    near(7_000_000, r.latency(1.0));
  }

  @Test
  void noInstancesNoLatencies() {
    AgreementLoad.Result r = withLatencies();
    assertEquals(0, r.latency(0.99));
    assertEquals(0, r.meanLatency());
  }

  @Test
  void aQuantileOutsideZeroToOneIsRefused() {
    AgreementLoad.Result r = withLatencies(5);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> r.latency(99));
    assertTrue(e.getMessage().contains("between 0 and 1"), e.getMessage());
  }
}
