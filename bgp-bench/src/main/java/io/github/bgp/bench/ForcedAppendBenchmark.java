package io.github.bgp.bench;

import io.github.bgp.twophase.log.FileLog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The disk's raw rate of forced appends, the baseline of {@link DurableCommitBenchmark}: one
 * {@code FileLog} record appended and forced (one fsync) after another, each record the mean size
 * of the records durable two-phase commit logs (learned by committing a small batch for real in
 * the setup), in a temporary directory on the same disk as that benchmark's logs. Without group
 * commit, every record of a decision would cost one of these.
 *
 * <pre>
 * java -jar bgp-bench/target/benchmarks.jar 'DurableCommitBenchmark|ForcedAppendBenchmark' -rf json
 * </pre>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class ForcedAppendBenchmark {

  /** One log on the disk of {@code java.io.tmpdir}, and the record appended to it. */
  @State(Scope.Benchmark)
  public static class Log {
    Path dir;
    FileLog log;
    byte[] record;

    @Setup(Level.Trial)
    public void setUp() throws IOException, InterruptedException {
      dir = Files.createTempDirectory("bgp-bench-forced-");
      record = new byte[CommitCluster.meanRecordBytes(dir.resolve("probe"))];
      new SplittableRandom(1982).nextBytes(record);
      log = FileLog.open(dir.resolve("forced.log"));
    }

    @TearDown(Level.Trial)
    public void tearDown() {
      if (log != null) {
        log.close();
      }
      CommitCluster.delete(dir);
    }
  }

  /** One record appended, then forced: one fsync. */
  @Benchmark
  public long appendAndForce(Log l) {
    l.log.append(l.record);
    l.log.force();
    return l.log.forces();
  }
}
