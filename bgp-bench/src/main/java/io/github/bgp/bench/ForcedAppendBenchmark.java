package io.github.bgp.bench;

import io.github.bgp.api.NodeId;
import io.github.bgp.twophase.log.FileLog;
import io.github.bgp.twophase.log.LogOwner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The disk's raw rate of forced appends, the baseline of {@link DurableCommitBenchmark}: one
 * {@code FileLog} record appended and forced (one fsync) after another, each record the mean size
 * of the records durable two-phase commit logs (learned by committing a small batch for real in
 * the setup), in a temporary directory on the same file system as that benchmark's logs. Without
 * group commit, every record of a decision would cost one of these.
 *
 * <p>{@code logs} is how many logs are forced at once, each by its own thread: a durable 2PC run
 * with p participants forces p + 1 logs concurrently, and a file system may serve concurrent
 * fsyncs faster than one after another (merging them into one journal commit), so its matching
 * baseline is {@code logs} = p + 1. One operation appends one record to every log and forces each
 * on its own thread, and ends when all are forced; the score is operations per second, so the
 * forced appends per second of all the logs together are the score times {@code logs}.
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

  /** The logs on the disk of {@code java.io.tmpdir}, the record appended to them, and their threads. */
  @State(Scope.Benchmark)
  public static class Log {
    /** Logs forced at once: 1, or the nodes of a 2PC run (p + 1 for p participants). */
    @Param({"1", "4", "6"})
    public int logs;

    Path dir;
    /** The first is forced on the benchmark's thread, each other on its own thread in {@link #threads}. */
    final List<FileLog> files = new ArrayList<>();
    final List<ExecutorService> threads = new ArrayList<>();
    byte[] record;

    @Setup(Level.Trial)
    public void setUp() throws IOException, InterruptedException {
      if (logs < 1) {
        throw new IllegalArgumentException("logs is at least 1, got " + logs);
      }
      dir = Files.createTempDirectory("bgp-bench-forced-");
      record = new byte[CommitCluster.meanRecordBytes(dir.resolve("probe"))];
      new SplittableRandom(1982).nextBytes(record);
      for (int i = 0; i < logs; i++) {
        files.add(FileLog.open(dir.resolve("forced-" + i + ".log"),
            new LogOwner("bench", NodeId.of(i), LogOwner.Role.PARTICIPANT, "2pc")));
        if (i > 0) {
          String name = "forced-append-" + i;
          threads.add(Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
          }));
        }
      }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
      threads.forEach(ExecutorService::shutdownNow);
      threads.clear();
      files.forEach(FileLog::close);
      files.clear();
      CommitCluster.delete(dir);
    }

    /** Every log's forces so far. */
    long forces() {
      return files.stream().mapToLong(FileLog::forces).sum();
    }
  }

  /**
   * One record appended to every log, then each forced (one fsync each), all at once.
   *
   * @return the forces of all the logs so far
   */
  @Benchmark
  public long appendAndForce(Log l) throws InterruptedException, ExecutionException {
    List<Future<?>> others = new ArrayList<>(l.threads.size());
    for (int i = 1; i < l.files.size(); i++) {
      FileLog log = l.files.get(i);
      others.add(l.threads.get(i - 1).submit(() -> appendAndForce(log, l.record)));
    }
    appendAndForce(l.files.get(0), l.record);
    for (Future<?> f : others) {
      f.get();
    }
    return l.forces();
  }

  private static void appendAndForce(FileLog log, byte[] record) {
    log.append(record);
    log.force();
  }
}
