package io.github.bgp.bench.report;

import java.io.PrintStream;
import java.util.List;

/**
 * One part of the benchmark report: what it needs measured (JMH runs, whole-process probes,
 * message counts) and how it shows the results (claims, tables, charts). The report runs what
 * every section asks for, then has each render from the same {@link Results}; a new protocol's
 * section (SM(m), two-phase commit, the network transport) is one more implementation added
 * to {@link BenchReport#SECTIONS}.
 */
interface Section {

  /** The section's short name, for {@code ./bgp bench --only}: lower case, words joined by hyphens. */
  String id();

  /** The section's heading. */
  String title();

  /** The JMH runs it needs in {@code suite}; runs equal to another section's are run once. */
  List<JmhRun> benchmarks(Suite suite);

  /** The programs it runs as whole processes in {@code suite}. */
  default List<ProcessProbe> probes(Suite suite) {
    return List.of();
  }

  /** Logical message counts it measures by running scenarios once, progress on {@code log}. */
  default List<MessageCount> count(Suite suite, PrintStream log) {
    return List.of();
  }

  /** The claims it checks, judged from {@code results}; numbered in the report's order. */
  default List<Claim> claims(Results results) {
    return List.of();
  }

  /** Appends its heading, text, tables and charts to {@code doc}. */
  void render(Results results, Doc doc);
}
