package io.github.bgp.bench.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * A process's peak resident memory from Linux's {@code /proc/<pid>/status}: its {@code VmHWM}
 * line ("high water mark"), the largest resident set the process has had so far.
 */
final class ProcStatus {

  private ProcStatus() {}

  /** Whether this system has /proc/self/status with a VmHWM line (Linux). */
  static boolean available() {
    return read(ProcessHandle.current().pid()).isPresent();
  }

  /** The VmHWM of process {@code pid} in bytes, or empty if unavailable (no /proc, or it exited). */
  static OptionalLong read(long pid) {
    try {
      return vmHwmBytes(Files.readString(Path.of("/proc", Long.toString(pid), "status"), StandardCharsets.UTF_8));
    } catch (IOException | RuntimeException e) {
      return OptionalLong.empty();
    }
  }

  /**
   * The {@code VmHWM:} value of a /proc/&lt;pid&gt;/status text, in bytes (the kernel writes
   * kibibytes, {@code VmHWM:   667892 kB}); empty if there is no such line, as for a process
   * that has released its memory on exit.
   */
  static OptionalLong vmHwmBytes(String status) {
    for (String line : status.split("\\R")) {
      if (line.startsWith("VmHWM:")) {
        return OptionalLong.of(kilobytes(line.substring("VmHWM:".length())));
      }
    }
    return OptionalLong.empty();
  }

  /** {@code "   667892 kB"} as bytes. */
  static long kilobytes(String value) {
    String v = value.strip();
    if (!v.endsWith("kB")) {
      throw new IllegalArgumentException("expected a size in kB, got '" + v + "'");
    }
    return Math.multiplyExact(Long.parseLong(v.substring(0, v.length() - 2).strip()), 1024L);
  }
}
