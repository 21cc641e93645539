package io.github.bgp.bench.report;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * What {@link BenchReport#run} does: which suite, where the report goes, and where progress
 * (JMH's included) is printed.
 *
 * @param suite the quick or the full suite
 * @param out the report directory, created if missing; files in it are overwritten
 * @param log where progress goes (standard error for the command, so standard output stays clean)
 * @param only the {@link #sections() sections} to run by their ids, in any order; empty for all
 */
public record Settings(Suite suite, Path out, PrintStream log, List<String> only) {

  /**
   * @throws IllegalArgumentException if {@code only} names a section the report does not have
   */
  public Settings {
    Objects.requireNonNull(suite, "suite");
    Objects.requireNonNull(out, "out");
    Objects.requireNonNull(log, "log");
    only = List.copyOf(only);
    List<String> known = sections();
    for (String id : only) {
      if (!known.contains(id)) {
        throw new IllegalArgumentException("no report section '" + id + "' (the sections: " + String.join(", ", known)
            + ")");
      }
    }
  }

  /** Every section of the report, all of them run. */
  public Settings(Suite suite, Path out, PrintStream log) {
    this(suite, out, log, List.of());
  }

  /** The ids of the report's sections, in the report's order. */
  public static List<String> sections() {
    return BenchReport.SECTIONS.stream().map(Section::id).toList();
  }

  /** The sections this run measures and reports, in the report's order. */
  List<Section> selected() {
    return BenchReport.SECTIONS.stream().filter(s -> only.isEmpty() || only.contains(s.id())).toList();
  }
}
