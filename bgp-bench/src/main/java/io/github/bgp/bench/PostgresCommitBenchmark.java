package io.github.bgp.bench;

import io.github.bgp.api.NodeId;
import io.github.bgp.api.Resource;
import io.github.bgp.xa.XaResource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.ConcurrentHistogram;
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
 * bgp's two-phase commit over two real PostgreSQL databases, committed transactions per second:
 * a coordinator and two participants as live nodes over the in-JVM network, a {@code FileLog}
 * each (a {@link CommitCluster}), each participant's resource an {@link XaResource} over its own
 * PostgreSQL 14 server ({@link PostgresStores}: durable, started in the trial), and each
 * transaction a real row update in both databases ({@link Tally}: its own row, so the
 * transactions of a batch take no lock from each other). One operation commits {@code inFlight}
 * transactions, all in flight at once, and returns when every one is committed in both
 * databases (not only decided: the participant commits its branch after logging the outcome).
 *
 * <p>{@code store=memory} is the same workload on the same cluster with the rows in memory
 * ({@link Tally.Memory}), measured in the same run: the ratio of the two is what the databases
 * cost. The {@code commits} line is transactions committed per second; {@code p50Millis} and
 * {@code p99Millis} are the iteration's percentiles of a transaction's time from its submission
 * until both databases had committed it (HdrHistogram).
 *
 * <pre>
 * java -jar bgp-bench/target/benchmarks.jar PostgresCommitBenchmark -rf json
 * </pre>
 *
 * <p>The logs go to {@code java.io.tmpdir} ({@code bgp-bench-2pc-pg-*}), as do the servers' data
 * directories (the same file system).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class PostgresCommitBenchmark {

  /** The cluster's name, which every branch's global id carries. */
  static final String CLUSTER = "bench";
  /** Participants, one database each. */
  static final int PARTICIPANTS = 2;

  /** The databases for the trial, and a fresh cluster with fresh logs for each iteration. */
  @State(Scope.Benchmark)
  public static class Cluster {
    /** Transactions per operation, all in flight at once. */
    @Param({"1", "10", "100"})
    public int inFlight;

    /** {@code postgres}: each participant's rows in a PostgreSQL server of its own; {@code memory}: in memory. */
    @Param({"postgres", "memory"})
    public String store;

    /**
     * Each participant's resource threads: {@code sized} for one per transaction in flight within the
     * servers' connections ({@link PostgresStores#resourceThreads}), or a number, e.g. {@code -p pool=4}
     * for {@code LiveNode}'s default, to compare the two in one run.
     */
    @Param({"sized"})
    public String pool = "sized";

    /**
     * Each resource's idle connections kept: {@code sized} for as many as the participant's resource
     * threads (so no call opens a connection once the pool is warm), or a number, e.g. {@code -p idle=8}
     * for {@code XaResource}'s default.
     */
    @Param({"sized"})
    public String idle = "sized";

    PostgresStores databases;
    final List<Resource> resources = new ArrayList<>();
    Path dir;
    CommitCluster cluster;

    @Setup(Level.Trial)
    public void startStores() {
      int idleConnections = idle.equals("sized") ? resourceThreads() : count("idle", idle);
      switch (store) {
        case "postgres":
          databases = PostgresStores.start(PARTICIPANTS, inFlight);
          for (int i = 0; i < PARTICIPANTS; i++) {
            resources.add(databases.resource(i, NodeId.of(i + 1), idleConnections));
          }
          break;
        case "memory":
          for (int i = 0; i < PARTICIPANTS; i++) {
            resources.add(new Tally.Memory(inFlight));
          }
          break;
        default:
          throw new IllegalArgumentException("store is postgres or memory, not '" + store + "'");
      }
    }

    @Setup(Level.Iteration)
    public void setUp() throws IOException {
      dir = Files.createTempDirectory("bgp-bench-2pc-pg-");
      // The same pool over memory and over the databases, so the ratio stays the databases' cost.
      cluster = CommitCluster.start(dir, CLUSTER, resources, resourceThreads());
    }

    private int resourceThreads() {
      return pool.equals("sized") ? PostgresStores.resourceThreads(inFlight) : count("pool", pool);
    }

    private static int count(String param, String value) {
      try {
        return Integer.parseInt(value);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(param + " is 'sized' or a number, not '" + value + "'", e);
      }
    }

    @TearDown(Level.Iteration)
    public void tearDown() {
      if (cluster != null) {
        cluster.close();
      }
      CommitCluster.delete(dir);
    }

    @TearDown(Level.Trial)
    public void stopStores() {
      for (Resource r : resources) {
        if (r instanceof XaResource x) {
          x.close();
        }
      }
      resources.clear();
      if (databases != null) {
        databases.close();
      }
    }
  }

  /** Committed transactions, per second: JMH divides by the iteration's time. */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.OPERATIONS)
  public static class Counters {
    /** Transactions committed in both stores. */
    public long commits;

    @Setup(Level.Iteration)
    public void reset() {
      commits = 0;
    }
  }

  /** The iteration's latency percentiles, as they stand after its last operation. */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.EVENTS)
  public static class Latency {
    /** The median time from a transaction's submission until both stores committed it, ms. */
    public double p50Millis;
    /** Its 99th percentile, ms. */
    public double p99Millis;

    ConcurrentHistogram nanos;

    @Setup(Level.Iteration)
    public void reset() {
      nanos = new ConcurrentHistogram(3);
      p50Millis = 0;
      p99Millis = 0;
    }

    void update() {
      p50Millis = nanos.getValueAtPercentile(50) / 1e6;
      p99Millis = nanos.getValueAtPercentile(99) / 1e6;
    }
  }

  @Benchmark
  public int commit(Cluster c, Counters counters, Latency latency) throws InterruptedException {
    CommitCluster.Batch b = c.cluster.runApplied(c.inFlight, latency.nanos::recordValue);
    counters.commits += b.decisions();
    latency.update();
    return b.decisions();
  }
}
