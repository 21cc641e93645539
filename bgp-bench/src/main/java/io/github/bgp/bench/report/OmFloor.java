package io.github.bgp.bench.report;

import io.github.bgp.bench.MemoryBandwidthBenchmark;
import java.util.Map;
import java.util.Optional;

/**
 * What the machine allows an OM(m) run, measured in the same report run: the least time is
 * copying each logical message's value once at the rate {@link MemoryBandwidthBenchmark}
 * copies a block far larger than the caches (a value must at least be written into a frame
 * and read out of it); the least memory is every value held once. Both at a byte per value,
 * the floor issue 15 states, and at what bgp keeps: a bit per order.
 */
final class OmFloor {

  static final String BENCHMARK = MemoryBandwidthBenchmark.class.getSimpleName();
  /** The block the benchmark copies, in MiB. */
  static final String MIB = "256";

  private OmFloor() {}

  /** The run the floors need: one copy benchmark, briefly. */
  static JmhRun benchmark(Suite suite) {
    return new JmhRun(MemoryBandwidthBenchmark.class, JmhRun.params("mib", java.util.List.of(MIB)), 1,
        Suites.ITERATION, suite == Suite.QUICK ? 2 : 3, Suites.ITERATION, false);
  }

  /** Bytes copied per second by one thread, if this run measured it. */
  static Optional<Double> copyRate(Results r) {
    return r.jmh().find(BENCHMARK, Map.of("mib", MIB))
        .map(res -> (Long.parseLong(MIB) << 20) / (res.primary().nanos() / 1e9));
  }

  /** The time to copy {@code messages} values of {@code bytesPerValue} bytes once, in nanoseconds. */
  static double trafficNanos(long messages, double bytesPerValue, double copyRate) {
    return messages * bytesPerValue / copyRate * 1e9;
  }

  /** Every value held once at a byte each: the 1-byte memory floor. */
  static long memoryBytes(long messages) {
    return messages;
  }

  /** {@code 12.3 GB/s}. */
  static String rate(double bytesPerSecond) {
    return Format.number(bytesPerSecond / 1e9) + " GB/s";
  }
}
