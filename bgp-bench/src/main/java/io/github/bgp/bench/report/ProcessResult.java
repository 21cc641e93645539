package io.github.bgp.bench.report;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What the runs of one {@link ProcessProbe} measured.
 *
 * @param probe what was run
 * @param command the exact command line, or empty if it could not run
 * @param unavailable why it could not run at all, or null
 * @param runs one entry per repetition
 */
record ProcessResult(ProcessProbe probe, List<String> command, String unavailable, List<Run> runs) {

  ProcessResult {
    Objects.requireNonNull(probe, "probe");
    command = List.copyOf(command);
    runs = List.copyOf(runs);
  }

  static ProcessResult unavailable(ProcessProbe probe, String why) {
    return new ProcessResult(probe, List.of(), why, List.of());
  }

  /**
   * One repetition.
   *
   * @param exit the exit code
   * @param wallNanos wall time from just before the start to the exit, measured by the parent
   * @param peakRssBytes the process's largest VmHWM seen while polling, or -1 if unavailable
   * @param ic1 IC1 as the process reported it, or null if it did not say
   * @param ic2 IC2 as the process reported it, or null if it did not say
   * @param messages logical messages as the process reported them, or -1
   * @param problem what went wrong (a timeout, unreadable output, the last line of its stderr), or null
   */
  record Run(int exit, long wallNanos, long peakRssBytes, Boolean ic1, Boolean ic2, long messages, String problem) {

    boolean hasPeak() {
      return peakRssBytes >= 0;
    }

    /** Exit 0, IC1 and IC2 held, and the expected number of messages. */
    boolean correct(long expectedMessages) {
      return exit == 0 && Boolean.TRUE.equals(ic1) && Boolean.TRUE.equals(ic2) && messages == expectedMessages;
    }
  }

  boolean ran() {
    return unavailable == null && !runs.isEmpty();
  }

  /** Every repetition exited with 0, with IC1, IC2 and the expected messages. */
  boolean allCorrect() {
    return ran() && runs.stream().allMatch(r -> r.correct(probe.expectedMessages()));
  }

  OptionalLong worstWallNanos() {
    return runs.stream().mapToLong(Run::wallNanos).max();
  }

  /** The largest peak, only if every repetition's peak was measured. */
  OptionalLong worstPeakBytes() {
    if (!ran() || !runs.stream().allMatch(Run::hasPeak)) {
      return OptionalLong.empty();
    }
    return runs.stream().mapToLong(Run::peakRssBytes).max();
  }

  /** The first problem any repetition had. */
  Optional<String> problem() {
    if (unavailable != null) {
      return Optional.of(unavailable);
    }
    return runs.stream().map(Run::problem).filter(Objects::nonNull).findFirst();
  }
}
