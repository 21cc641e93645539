package io.github.bgp.bench.report;

import java.util.Objects;

/**
 * A statement about bgp that the report checks against this run's measurements.
 *
 * @param number where it stands in the report's list of claims
 * @param statement what is claimed
 * @param measured what this run measured, in words and numbers
 * @param verdict whether the measurements bear it out
 */
record Claim(int number, String statement, String measured, Verdict verdict) {

  Claim {
    Objects.requireNonNull(statement, "statement");
    Objects.requireNonNull(measured, "measured");
    Objects.requireNonNull(verdict, "verdict");
  }

  /** PASS or FAIL only from measurements; NOT MEASURED when this run did not measure it. */
  enum Verdict {
    PASS("PASS"),
    FAIL("FAIL"),
    NOT_MEASURED("NOT MEASURED");

    private final String label;

    Verdict(String label) {
      this.label = label;
    }

    String label() {
      return label;
    }

    /** PASS if {@code holds}, else FAIL. */
    static Verdict of(boolean holds) {
      return holds ? PASS : FAIL;
    }
  }
}
