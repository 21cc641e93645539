package io.github.bgp.bench.report;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;

/**
 * The machine a report ran on, as machine.json and the report's last table show it.
 *
 * @param cpuModel the CPU's model name, or {@code unknown}
 * @param logicalCores processors available to the JVM
 * @param totalMemoryBytes physical memory, or -1 if unknown
 * @param jdkVersion {@code java.version}
 * @param jdkVendor {@code java.vendor}
 * @param vm {@code java.vm.name} and {@code java.vm.version}
 * @param os {@code os.name} and {@code os.version}
 * @param arch {@code os.arch}
 * @param date when the report started, ISO 8601 with the offset
 * @param bgpVersion the project version the report's code was built as
 * @param loadAverage the system's load average over the last minute when the report started
 *     (runnable processes, on a shared machine other people's work too), or -1 if unknown
 */
record Machine(String cpuModel, int logicalCores, long totalMemoryBytes, String jdkVersion, String jdkVendor,
    String vm, String os, String arch, String date, String bgpVersion, double loadAverage) {

  Machine {
    Objects.requireNonNull(cpuModel, "cpuModel");
    Objects.requireNonNull(date, "date");
  }

  /** This machine, now. */
  static Machine current() {
    return new Machine(
        readCpuModel(),
        Runtime.getRuntime().availableProcessors(),
        readTotalMemory(),
        System.getProperty("java.version"),
        System.getProperty("java.vendor"),
        System.getProperty("java.vm.name") + " " + System.getProperty("java.vm.version"),
        System.getProperty("os.name") + " " + System.getProperty("os.version"),
        System.getProperty("os.arch"),
        OffsetDateTime.now(ZoneId.systemDefault()).withNano(0).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME),
        readBgpVersion(),
        Math.max(-1, ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()));
  }

  /** The fields by their machine.json names, in order. */
  Map<String, Object> asMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("cpuModel", cpuModel);
    m.put("logicalCores", logicalCores);
    m.put("totalMemoryBytes", totalMemoryBytes);
    m.put("jdkVersion", jdkVersion);
    m.put("jdkVendor", jdkVendor);
    m.put("vm", vm);
    m.put("os", os);
    m.put("arch", arch);
    m.put("date", date);
    m.put("bgpVersion", bgpVersion);
    m.put("loadAverage", loadAverage);
    return m;
  }

  /** The {@code model name} line of /proc/cpuinfo (Linux); elsewhere {@code unknown}. */
  static String readCpuModel() {
    try {
      String model = cpuModel(Files.readString(Path.of("/proc/cpuinfo"), StandardCharsets.UTF_8));
      if (model != null) {
        return model;
      }
    } catch (IOException | RuntimeException e) {
      // Not Linux, or not readable: say so below rather than guess.
    }
    return "unknown";
  }

  /** The first {@code model name} of a /proc/cpuinfo text, or null. */
  static String cpuModel(String cpuinfo) {
    for (String line : cpuinfo.split("\\R")) {
      int colon = line.indexOf(':');
      if (colon > 0 && line.substring(0, colon).strip().equals("model name")) {
        return line.substring(colon + 1).strip();
      }
    }
    return null;
  }

  /** MemTotal of /proc/meminfo, else what the JVM's operating system bean says, else -1. */
  static long readTotalMemory() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/meminfo"), StandardCharsets.UTF_8)) {
        if (line.startsWith("MemTotal:")) {
          return ProcStatus.kilobytes(line.substring("MemTotal:".length()));
        }
      }
    } catch (IOException | RuntimeException e) {
      // Not Linux: ask the JVM.
    }
    if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
      return os.getTotalMemorySize();
    }
    return -1;
  }

  /** The project version filtered into version.properties at build time. */
  static String readBgpVersion() {
    Properties p = new Properties();
    try (InputStream in = Machine.class.getResourceAsStream("version.properties")) {
      if (in != null) {
        p.load(in);
      }
    } catch (IOException e) {
      return "unknown";
    }
    String v = p.getProperty("version", "unknown");
    return v.startsWith("${") ? "unknown" : v;
  }

  /** {@code 23.4 GiB}. */
  static String memory(long bytes) {
    return bytes < 0 ? "unknown" : String.format(Locale.ROOT, "%.1f GiB", bytes / (1024.0 * 1024 * 1024));
  }
}
