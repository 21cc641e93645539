package io.github.bgp.bench.report;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Logical messages one run actually sent, counted by running the scenario once (not from a
 * formula), with whatever else the run counted that a section shows.
 *
 * @param protocol the protocol's name, {@code om}
 * @param n the number of generals
 * @param m the protocol's m
 * @param traitors who lies: {@code loyal} or the traitors' strategy ({@code random}) for OM(m),
 *     {@code lieutenants} or {@code commander} for SM(m)
 * @param messages what the run reported sending
 * @param nanos how long the counting run took, wall time in the report's own JVM (not a benchmark)
 * @param counters the run's other counts by name ({@code signatures.made}, {@code decisions}, ...),
 *     empty if the section needs none
 */
record MessageCount(String protocol, int n, int m, String traitors, long messages, long nanos,
    Map<String, Long> counters) {

  MessageCount {
    Objects.requireNonNull(protocol, "protocol");
    Objects.requireNonNull(traitors, "traitors");
    counters = Collections.unmodifiableMap(new LinkedHashMap<>(counters));
  }

  /** A count without other counters. */
  MessageCount(String protocol, int n, int m, String traitors, long messages, long nanos) {
    this(protocol, n, m, traitors, messages, nanos, Map.of());
  }

  boolean is(String protocol, int n, int m, String traitors) {
    return this.protocol.equals(protocol) && this.n == n && this.m == m && this.traitors.equals(traitors);
  }

  /** The counter {@code name}, 0 if the run did not count it. */
  long counter(String name) {
    return counters.getOrDefault(name, 0L);
  }
}
