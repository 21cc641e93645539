package io.github.bgp.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The machine's memory floor for OM: how fast one thread copies a block far larger than the
 * caches, {@code System.arraycopy} of {@link #mib} MiB. Bytes copied per second is the rate
 * the report's OM floors divide by: the least time a run can take is the time to copy each of
 * its values once.
 *
 * <pre>
 * java -jar bgp-bench/target/benchmarks.jar MemoryBandwidthBenchmark -rf json
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g"})
public class MemoryBandwidthBenchmark {

  /** The block copied, in MiB: 256, eight times the largest last-level cache this runs on. */
  @Param({"256"})
  public int mib;

  private byte[] from;
  private byte[] to;

  @Setup(Level.Trial)
  public void setUp() {
    from = new byte[mib << 20];
    to = new byte[mib << 20];
    for (int i = 0; i < from.length; i += 4096) {
      from[i] = (byte) i;
      to[i] = 1; // touch every page of both before timing
    }
  }

  /** One copy of the whole block. */
  @Benchmark
  public byte[] copy() {
    System.arraycopy(from, 0, to, 0, from.length);
    return to;
  }
}
