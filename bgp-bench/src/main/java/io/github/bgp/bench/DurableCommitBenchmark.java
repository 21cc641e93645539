package io.github.bgp.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
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
 * Durable two-phase commit decisions per second: a coordinator and p participants as live nodes
 * on the wall clock (a {@link CommitCluster}: {@code LiveNode}s over a {@code LocalNetwork}, no
 * sockets), each with its own {@code FileLog} in a temporary directory, so every decision waits
 * for real fsyncs. One operation commits a batch of transactions, all in flight at once, and
 * returns when every one is decided and durable at every participant; the live node's group
 * commit lets the records of a batch share forces.
 *
 * <p>The {@code decisions} line is decisions per second; {@code forces} and {@code records} are
 * the forces and records of every node's log per second, so forces per decision is their ratio.
 * {@link ForcedAppendBenchmark}, run beside it in its own temporary directory on the same file
 * system (both under {@code java.io.tmpdir}; this one {@code bgp-bench-2pc-*}, that one
 * {@code bgp-bench-forced-*}), is the raw rate of one forced append after another, with one log
 * and with p + 1 logs forced at once: the rate without group commit.
 *
 * <pre>
 * java -jar bgp-bench/target/benchmarks.jar 'DurableCommitBenchmark|ForcedAppendBenchmark' -rf json
 * </pre>
 *
 * <p>The logs go to {@code java.io.tmpdir}; to measure another disk, add
 * {@code -jvmArgsAppend -Djava.io.tmpdir=DIR}.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class DurableCommitBenchmark {

  /** A fresh cluster with fresh logs for each iteration, so that no iteration inherits another's state. */
  @State(Scope.Benchmark)
  public static class Cluster {
    /** p, the participants (the coordinator is one more node). */
    @Param({"3", "5"})
    public int participants;

    /** Transactions per operation, all in flight at once. */
    @Param({"200"})
    public int batch;

    Path dir;
    CommitCluster cluster;

    @Setup(Level.Iteration)
    public void setUp() throws IOException {
      dir = Files.createTempDirectory("bgp-bench-2pc-");
      cluster = CommitCluster.start(dir, participants);
    }

    @TearDown(Level.Iteration)
    public void tearDown() {
      if (cluster != null) {
        cluster.close();
      }
      CommitCluster.delete(dir);
    }
  }

  /** What the decisions cost, per second: JMH divides each by the iteration's time. */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.OPERATIONS)
  public static class Counters {
    /** Transactions decided and durable. */
    public long decisions;
    /** Forces of every node's log (FileLog.forces()). */
    public long forces;
    /** Records appended to every node's log. */
    public long records;
    /** Their payload bytes. */
    public long recordBytes;

    @Setup(Level.Iteration)
    public void reset() {
      decisions = 0;
      forces = 0;
      records = 0;
      recordBytes = 0;
    }
  }

  @Benchmark
  public int commit(Cluster c, Counters counters) throws InterruptedException {
    CommitCluster.Batch b = c.cluster.run(c.batch);
    counters.decisions += b.decisions();
    counters.forces += b.forces();
    counters.records += b.records();
    counters.recordBytes += b.bytes();
    return b.decisions();
  }
}
