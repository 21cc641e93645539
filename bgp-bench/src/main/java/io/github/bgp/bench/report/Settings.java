package io.github.bgp.bench.report;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Objects;

/**
 * What {@link BenchReport#run} does: which suite, where the report goes, and where progress
 * (JMH's included) is printed.
 *
 * @param suite the quick or the full suite
 * @param out the report directory, created if missing; files in it are overwritten
 * @param log where progress goes (standard error for the command, so standard output stays clean)
 */
public record Settings(Suite suite, Path out, PrintStream log) {

  public Settings {
    Objects.requireNonNull(suite, "suite");
    Objects.requireNonNull(out, "out");
    Objects.requireNonNull(log, "log");
  }
}
