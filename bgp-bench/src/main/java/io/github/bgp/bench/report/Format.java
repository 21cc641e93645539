package io.github.bgp.bench.report;

import java.util.Locale;

/** How the report writes numbers: counts with separators, times and sizes in readable units. */
final class Format {

  /** Shown where a table has no measurement. */
  static final String NONE = "\u2014";

  private Format() {}

  /** {@code 174,865,860}. */
  static String count(long n) {
    return String.format(Locale.ROOT, "%,d", n);
  }

  /** About three significant digits, no exponent: 683, 49.4, 1.32. */
  static String number(double v) {
    double a = Math.abs(v);
    if (a >= 100) {
      return String.format(Locale.ROOT, "%,.0f", v);
    }
    if (a >= 10) {
      return String.format(Locale.ROOT, "%.1f", v);
    }
    return String.format(Locale.ROOT, "%.2f", v);
  }

  /** A time in the unit that suits it: 683 ns, 107 µs, 49.4 ms, 1.32 s, 2 min 41 s. */
  static String duration(double nanos) {
    double a = Math.abs(nanos);
    if (a < 1e3) {
      return number(nanos) + " ns";
    }
    if (a < 1e6) {
      return number(nanos / 1e3) + " \u00b5s";
    }
    if (a < 1e9) {
      return number(nanos / 1e6) + " ms";
    }
    if (a < 60e9) {
      return number(nanos / 1e9) + " s";
    }
    long seconds = Math.round(nanos / 1e9);
    return seconds / 60 + " min " + seconds % 60 + " s";
  }

  /** Decimal megabytes: {@code 652 MB}. */
  static String megabytes(long bytes) {
    return String.format(Locale.ROOT, "%,.0f MB", bytes / 1e6);
  }

  /** {@code 45.6 B}. */
  static String bytes(double bytes) {
    return number(bytes) + " B";
  }

  /** A rate per second: {@code 1,234/s}. */
  static String rate(double perSecond) {
    return number(perSecond) + "/s";
  }

  /** {@code 97.3x}. */
  static String times(double ratio) {
    return number(ratio) + "x";
  }
}
