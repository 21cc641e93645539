package io.github.bgp.bench;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
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
 * What Java applications use for two-phase commit, as the baseline for bgp's: Narayana's JTA
 * transaction manager in this JVM, its decisions forced to its journal object store (an Artemis
 * journal in a temporary directory, synced writes), coordinating two in-memory XA resources
 * ({@link RecordingXaResource}: they vote COMMIT at once and keep nothing, so the transaction
 * manager and its log are all that is measured). One operation runs {@code inFlight}
 * transactions at once, each on its own worker thread (a JTA transaction belongs to a thread),
 * and returns when all are committed; the journal lets concurrent transactions share a sync.
 *
 * <p>The {@code transactions} line is committed transactions per second, the figure to set
 * beside {@link DurableCommitBenchmark}'s {@code decisions} at the same number in flight.
 *
 * <pre>
 * java -jar bgp-bench/target/benchmarks.jar NarayanaBenchmark -rf json
 * </pre>
 *
 * <p>The journal goes to {@code java.io.tmpdir} ({@code bgp-bench-narayana-*}); to measure another
 * disk, add {@code -jvmArgsAppend -Djava.io.tmpdir=DIR}. Narayana's configuration is global to a
 * JVM, so every trial runs in a fork of its own.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class NarayanaBenchmark {

  /** Narayana, its journal and the workers, for the whole trial (its configuration cannot be changed once started). */
  @State(Scope.Benchmark)
  public static class Coordinator {
    /** Transactions per operation, all in flight at once. */
    @Param({"1", "10", "100"})
    public int inFlight;

    Narayana narayana;
    ExecutorService workers;
    final RecordingXaResource a = new RecordingXaResource();
    final RecordingXaResource b = new RecordingXaResource();

    @Setup(Level.Trial)
    public void setUp() throws Exception {
      narayana = Narayana.start();
      workers = Narayana.workers(inFlight);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws InterruptedException {
      if (workers != null) {
        workers.shutdownNow();
        workers.awaitTermination(1, TimeUnit.MINUTES);
      }
      if (narayana != null) {
        narayana.close();
      }
    }
  }

  /** Committed transactions, per second: JMH divides by the iteration's time. */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.OPERATIONS)
  public static class Counters {
    /** Transactions committed at both resources. */
    public long transactions;

    @Setup(Level.Iteration)
    public void reset() {
      transactions = 0;
    }
  }

  @Benchmark
  public int commit(Coordinator c, Counters counters) throws InterruptedException, ExecutionException {
    int n = Narayana.commitAll(c.narayana, c.workers, c.inFlight, c.a, c.b);
    counters.transactions += n;
    return n;
  }
}
