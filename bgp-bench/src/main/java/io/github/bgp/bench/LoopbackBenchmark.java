package io.github.bgp.bench;

import io.github.bgp.api.AgreementProtocol;
import io.github.bgp.api.Protocols;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
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
 * Agreements per second over the network on loopback, beside the same work in memory: a load
 * benchmark with its own timing, run by JMH. Each operation (one per iteration) keeps
 * up to {@code window} agreement instances in flight for {@code millis} ms (started by
 * {@code starters} threads), each with its own instance
 * id and one of 64 scenarios of n=4 generals and one traitor lying at random (a lieutenant or
 * the commander), then waits for those in flight; it reports what it measured as counters:
 *
 * <ul>
 *   <li>{@code agreements}: instances in which every loyal lieutenant decided; {@code loadNanos}:
 *       from the first start to the last decision (agreements per second is their ratio);
 *   <li>{@code meanMicros}, {@code p50Micros}, {@code p90Micros}, {@code p99Micros},
 *       {@code maxMicros}: an instance's time from its start to its last loyal lieutenant's
 *       decision (agreements per second times the mean is how many were in flight on average);
 *   <li>{@code messages}: logical messages the nodes sent; {@code deadlineMisses}: messages
 *       missing when a round closed at its deadline (the nodes' {@code rounds.deadline.misses});
 *   <li>{@code wrongDecisions}: instances in which a loyal lieutenant decided otherwise than the
 *       simulator does in the same scenario; {@code unfinished}: instances that failed or never ended;
 *   <li>{@code cpuNanos}: the CPU time the whole process used during the operation, on every core:
 *       agreements per CPU-second is what the load costs, however busy the rest of the machine was;
 *   <li>{@code signatures}, {@code verifications}: Ed25519 signatures the nodes made and verified
 *       (SM), for the signature floor ({@link SignatureFloorBenchmark}).
 * </ul>
 *
 * <p>{@code runtime}: {@code tls}, four live nodes in this JVM on 127.0.0.1, each with its own
 * Netty transport, port, key and certificate, over TCP with mutual TLS 1.3; {@code memory}, the
 * same live nodes over a {@code LocalNetwork} (no sockets); {@code sim}, the simulator
 * ({@code Simulation.run}), one run after another on every core (latency: one run).
 *
 * <pre>
 * java -jar bgp-bench/target/benchmarks.jar LoopbackBenchmark -rf json
 * </pre>
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(1)
public class LoopbackBenchmark {

  /** Distinct scenarios the instances cycle through. */
  static final int POOL = 64;
  /** Generals. */
  static final int N = 4;

  /** The runtime, set up once per trial. */
  @State(Scope.Benchmark)
  public static class Load {
    /** {@code om} or {@code sm}. */
    @Param({"om", "sm"})
    public String protocol;

    /** {@code tls}, {@code memory} or {@code sim}. */
    @Param({"tls", "memory", "sim"})
    public String runtime;

    /** Instances in flight on live nodes. */
    @Param({"256"})
    public int window;

    /** Threads starting instances. */
    @Param({"4"})
    public int starters;

    /** How long each operation starts new instances, in ms. */
    @Param({"1000"})
    public long millis;

    /** The round deadline (A3), ms: generous, so that a loaded machine does not miss it. */
    @Param({"2000"})
    public long roundTimeout;

    AgreementProtocol agreement;
    List<AgreementLoad.Workload> pool;
    LiveCluster cluster;
    Path dir;
    ExecutorService simulators;
    int threads;
    final AtomicLong ids = new AtomicLong();

    @Setup(Level.Trial)
    public void setUp() throws IOException, InterruptedException {
      agreement = Protocols.agreement(protocol);
      pool = AgreementLoad.pool(agreement, N, POOL);
      switch (runtime) {
        case "tls":
          dir = Files.createTempDirectory("bgp-bench-tls-");
          cluster = LiveCluster.tls(dir, N, roundTimeout);
          break;
        case "memory":
          cluster = LiveCluster.memory(N);
          break;
        case "sim":
          threads = Runtime.getRuntime().availableProcessors();
          simulators = Executors.newFixedThreadPool(threads);
          break;
        default:
          throw new IllegalArgumentException("runtime is tls, memory or sim, not " + runtime);
      }
    }

    AgreementLoad.Result run() throws InterruptedException {
      return simulators != null ? AgreementLoad.simulated(agreement, pool, simulators, threads, millis)
          : AgreementLoad.live(cluster, agreement, pool, window, starters, millis, roundTimeout, ids);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
      if (cluster != null) {
        cluster.close();
      }
      if (simulators != null) {
        simulators.shutdownNow();
      }
      CommitCluster.delete(dir);
    }
  }

  /** What one operation measured; each iteration runs one operation. */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.EVENTS)
  public static class Figures {
    public long agreements;
    public long loadNanos;
    public long messages;
    public double meanMicros;
    public double p50Micros;
    public double p90Micros;
    public double p99Micros;
    public double maxMicros;
    public long deadlineMisses;
    public long wrongDecisions;
    public long unfinished;
    public long cpuNanos;
    public long signatures;
    public long verifications;
  }

  @Benchmark
  public long load(Load load, Figures f) throws InterruptedException {
    AgreementLoad.Result r = load.run();
    f.agreements = r.agreements();
    f.loadNanos = r.nanos();
    f.messages = r.messages();
    f.meanMicros = r.meanLatency() / 1e3;
    f.p50Micros = r.latency(0.50) / 1e3;
    f.p90Micros = r.latency(0.90) / 1e3;
    f.p99Micros = r.latency(0.99) / 1e3;
    f.maxMicros = r.latency(1.0) / 1e3;
    f.deadlineMisses = r.deadlineMisses();
    f.wrongDecisions = r.wrong();
    f.unfinished = r.unfinished();
    f.cpuNanos = r.cpuNanos();
    f.signatures = r.signatures();
    f.verifications = r.verifications();
    return r.agreements();
  }
}
