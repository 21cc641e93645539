package io.github.bgp.bench.report;

import java.util.Objects;

/**
 * Logical messages one run actually sent, counted by running the scenario once (not from a
 * formula).
 *
 * @param protocol the protocol's name, {@code om}
 * @param n the number of generals
 * @param m the protocol's m
 * @param traitors {@code loyal} or the traitors' strategy ({@code random})
 * @param messages what the run reported sending
 * @param nanos how long the counting run took, wall time in the report's own JVM (not a benchmark)
 */
record MessageCount(String protocol, int n, int m, String traitors, long messages, long nanos) {

  MessageCount {
    Objects.requireNonNull(protocol, "protocol");
    Objects.requireNonNull(traitors, "traitors");
  }

  boolean is(String protocol, int n, int m, String traitors) {
    return this.protocol.equals(protocol) && this.n == n && this.m == m && this.traitors.equals(traitors);
  }
}
