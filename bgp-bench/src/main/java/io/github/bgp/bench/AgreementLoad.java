package io.github.bgp.bench;

import io.github.bgp.api.AgreementProtocol;
import io.github.bgp.api.Decision;
import io.github.bgp.api.InstanceId;
import io.github.bgp.api.NodeId;
import io.github.bgp.api.Outcome;
import io.github.bgp.api.Scenario;
import io.github.bgp.api.Strategy;
import io.github.bgp.api.Value;
import io.github.bgp.net.LiveNode;
import io.github.bgp.sim.Simulation;
import io.github.bgp.spi.Environment;
import io.github.bgp.spi.Input;
import io.github.bgp.spi.Setup;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * Agreement instances under load, for as long as asked: over live nodes with a window of
 * instances in flight (a new one starts as soon as one ends), or in the simulator on every core.
 * Every instance is one of a fixed pool of scenarios, whose decisions the simulator computed
 * beforehand; each instance's loyal decisions are checked against them.
 */
final class AgreementLoad {

  /** How long the end of a load waits for the instances still in flight. */
  static final long DRAIN_SECONDS = 30;
  /**
   * The latencies' precision: a recorded time is kept to 3 significant decimal digits (within
   * 0.1%), in a histogram whose size does not grow with the number of instances.
   */
  static final int SIGNIFICANT_DIGITS = 3;
  /** The nodes' counters of signatures made and verified (as {@code NodeMetrics#snapshot} names them). */
  static final String SIGNED = "protocol.signatures.made";
  static final String VERIFIED = "protocol.signatures.verified";

  private AgreementLoad() {}

  /**
   * One scenario of the pool and what the simulator decides in it.
   *
   * @param decisions the loyal lieutenants' decisions
   * @param messages logical messages one run sends
   */
  record Workload(Scenario scenario, SortedMap<NodeId, Value> decisions, long messages) {
    Workload {
      Objects.requireNonNull(scenario, "scenario");
    }
  }

  /**
   * {@code size} scenarios of n generals and m = (n - 1) / 3 traitors lying at random, each with
   * its own seed: in half of them m lieutenants lie (each time others), in the other half the
   * commander and m - 1 lieutenants; the commander's order alternates between ATTACK and
   * RETREAT. Each is run once in the simulator for its decisions.
   */
  static List<Workload> pool(AgreementProtocol protocol, int n, int size) {
    int m = Math.max(1, (n - 1) / 3);
    List<Workload> pool = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      List<NodeId> traitors = new ArrayList<>();
      boolean commander = i % 2 == 1;
      if (commander) {
        traitors.add(NodeId.COMMANDER);
      }
      for (int t = 0; traitors.size() < m; t++) {
        traitors.add(NodeId.of(1 + (i / 2 + t) % (n - 1)));
      }
      Scenario s = Scenario.builder(n).m(m).traitors(traitors).strategy(Strategy.RANDOM)
          .order(i / 2 % 2 == 0 ? Value.ATTACK : Value.RETREAT).seed(1982 + i).build();
      Outcome o = Simulation.run(protocol, s);
      pool.add(new Workload(s, o.values(), o.messages()));
    }
    return List.copyOf(pool);
  }

  /**
   * What a load did.
   *
   * @param agreements instances that ended with every loyal lieutenant decided
   * @param nanos from the first instance's start to the last one's end
   * @param messages logical messages sent
   * @param latencies each instance's time from its start to its last loyal decision, in
   *     nanoseconds (HdrHistogram, to {@value #SIGNIFICANT_DIGITS} significant digits)
   * @param deadlineMisses messages missing when a round closed at its deadline
   * @param wrong instances in which a loyal lieutenant decided otherwise than the simulator
   * @param unfinished instances that failed or had not ended when the load gave up waiting
   * @param cpuNanos the CPU time this whole process used meanwhile, on every core (0 where the JVM
   *     does not tell): what the load cost, whatever else the machine was running
   * @param signatures signatures the nodes made (a protocol that signs)
   * @param verifications signatures the nodes verified
   */
  record Result(long agreements, long nanos, long messages, Histogram latencies, long deadlineMisses, long wrong,
      long unfinished, long cpuNanos, long signatures, long verifications) {

    /**
     * The {@code q}-quantile of the latencies, in nanoseconds (HdrHistogram's: the highest time
     * equivalent, at the histogram's precision, to the value at that percentile; {@code q = 1} is
     * the slowest); 0 if none.
     */
    long latency(double q) {
      if (q < 0 || q > 1) {
        throw new IllegalArgumentException("a quantile is between 0 and 1, got " + q);
      }
      return latencies.getTotalCount() == 0 ? 0 : latencies.getValueAtPercentile(q * 100);
    }

    /** The mean latency, in nanoseconds; 0 if none. */
    double meanLatency() {
      return latencies.getTotalCount() == 0 ? 0 : latencies.getMean();
    }
  }

  /**
   * Runs instances of {@code protocol} on {@code cluster}'s nodes for {@code millis} ms, keeping
   * {@code window} in flight, then waits for those still in flight. Instance ids come from
   * {@code ids}, so that a cluster never sees one twice.
   *
   * <p>Instances are started by {@code starters} threads at once: starting one registers it with
   * every node in turn, each a hand-off to that node's thread and back, so a single starter
   * spends most of its time waiting and cannot keep a large window full.
   */
  static Result live(LiveCluster cluster, AgreementProtocol protocol, List<Workload> pool, int window, int starters,
      long millis, long roundTimeoutMillis, AtomicLong ids) throws InterruptedException {
    if (window < 1 || starters < 1) {
      throw new IllegalArgumentException("a load needs a window and starters of at least 1, got " + window + " and "
          + starters);
    }
    List<LiveNode> nodes = cluster.nodes();
    Semaphore permits = new Semaphore(window);
    Timings timings = new Timings();
    AtomicLong wrong = new AtomicLong();
    AtomicLong failed = new AtomicLong();
    AtomicLong next = new AtomicLong();
    AtomicReference<RuntimeException> broken = new AtomicReference<>();
    long messages = cluster.sum("messages.out");
    long signed = cluster.sum(SIGNED);
    long verified = cluster.sum(VERIFIED);
    long misses = cluster.sum("rounds.deadline.misses");
    long cpu = cpuNanos();
    long start = System.nanoTime();
    long stop = start + TimeUnit.MILLISECONDS.toNanos(millis);
    Runnable starter = () -> {
      try {
        // The first instance waits for its permit whatever the clock says: a starter that a busy machine
        // schedules only after the load's end still measures one instance, so no load comes back empty.
        permits.acquire();
        for (boolean first = true; first || more(stop, permits); first = false) {
          Workload w = pool.get((int) (next.getAndIncrement() % pool.size()));
          startOne(nodes, protocol, w, InstanceId.of(ids.incrementAndGet()), roundTimeoutMillis, (t0, decisions) -> {
            long t1 = System.nanoTime();
            if (decisions == null) {
              failed.incrementAndGet();
            } else {
              if (!decisions.equals(w.decisions())) {
                wrong.incrementAndGet();
              }
              timings.add(t0, t1);
            }
            permits.release();
          });
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (RuntimeException e) {
        broken.compareAndSet(null, e);
      }
    };
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < starters; i++) {
      Thread t = new Thread(starter, "bgp-bench-starter-" + i);
      t.setDaemon(true);
      threads.add(t);
      t.start();
    }
    for (Thread t : threads) {
      t.join();
    }
    if (broken.get() != null) {
      throw new IllegalStateException("starting an instance failed: " + broken.get(), broken.get());
    }
    if (!permits.tryAcquire(window, DRAIN_SECONDS, TimeUnit.SECONDS)) {
      failed.addAndGet(window - permits.availablePermits());
    }
    return new Result(timings.count(), timings.span(start), cluster.sum("messages.out") - messages, timings.histogram(),
        cluster.sum("rounds.deadline.misses") - misses, wrong.get(), failed.get(), cpuNanos() - cpu,
        cluster.sum(SIGNED) - signed, cluster.sum(VERIFIED) - verified);
  }

  /** Whether the load goes on: time left, and a permit within it. */
  private static boolean more(long stop, Semaphore permits) throws InterruptedException {
    long left = stop - System.nanoTime();
    return left > 0 && permits.tryAcquire(left, TimeUnit.NANOSECONDS);
  }

  /** What an instance's end reports: when it started, and its loyal decisions (null if it failed). */
  private interface Ended {
    void ended(long startNanos, SortedMap<NodeId, Value> decisions);
  }

  /** Starts one instance of {@code w} on every node and calls {@code ended} once every loyal lieutenant decided. */
  private static void startOne(List<LiveNode> nodes, AgreementProtocol protocol, Workload w, InstanceId id,
      long roundTimeoutMillis, Ended ended) {
    Scenario s = w.scenario();
    Setup<?> setup = protocol.create(s.spec(), Environment.builder(id).roundTimeout(roundTimeoutMillis).build(),
        s.adversary());
    List<NodeId> loyal = s.loyalLieutenants();
    @SuppressWarnings("unchecked")
    CompletableFuture<Decision>[] decisions = new CompletableFuture[loyal.size()];
    long t0 = System.nanoTime();
    // Every node registers the instance before any starts: frames for a registered instance wait for its start.
    List<LiveNode.Instance> instances = new ArrayList<>();
    for (int i = 0; i < nodes.size(); i++) {
      LiveNode.Instance instance = nodes.get(i).register(id, setup);
      instances.add(instance);
      int at = loyal.indexOf(NodeId.of(i));
      if (at >= 0) {
        decisions[at] = instance.decision();
      }
    }
    long epoch = System.currentTimeMillis();
    for (LiveNode.Instance instance : instances) {
      instance.start(epoch);
    }
    CompletableFuture<Void> proposed = instances.get(NodeId.COMMANDER.index()).input(new Input.Propose(s.order()));
    // The instance ends with its last loyal decision, or its first failure (the proposal's or a decision's):
    // a count down on the nodes' threads, not a future per stage.
    AtomicInteger left = new AtomicInteger(decisions.length + 1);
    java.util.function.BiConsumer<Object, Throwable> one = (ok, problem) -> {
      if (problem != null) {
        if (left.getAndSet(-1) > 0) {
          ended.ended(t0, null);
        }
        return;
      }
      if (left.decrementAndGet() == 0) {
        SortedMap<NodeId, Value> values = new TreeMap<>();
        for (int i = 0; i < decisions.length; i++) {
          values.put(loyal.get(i), decisions[i].join().value());
        }
        ended.ended(t0, values);
      }
    };
    proposed.whenComplete(one);
    for (CompletableFuture<Decision> d : decisions) {
      d.whenComplete(one);
    }
  }

  /**
   * Runs the same scenarios in the simulator for {@code millis} ms, one run after another on
   * each of {@code executor}'s {@code threads} threads; latency is one run's time.
   */
  static Result simulated(AgreementProtocol protocol, List<Workload> pool, ExecutorService executor, int threads,
      long millis) throws InterruptedException {
    Timings timings = new Timings();
    AtomicLong wrong = new AtomicLong();
    AtomicLong messages = new AtomicLong();
    AtomicLong signed = new AtomicLong();
    AtomicLong verified = new AtomicLong();
    long cpu = cpuNanos();
    long start = System.nanoTime();
    long stop = start + TimeUnit.MILLISECONDS.toNanos(millis);
    List<Future<?>> running = new ArrayList<>();
    for (int thread = 0; thread < threads; thread++) {
      int first = thread;
      running.add(executor.submit(() -> {
        // At least one run per thread, however late a busy machine schedules it: no load comes back empty.
        for (int k = first; k == first || System.nanoTime() < stop; k += threads) {
          Workload w = pool.get(k % pool.size());
          long t0 = System.nanoTime();
          Outcome o = Simulation.run(protocol, w.scenario());
          timings.add(t0, System.nanoTime());
          messages.addAndGet(o.messages());
          signed.addAndGet(o.counter("signatures.made"));
          verified.addAndGet(o.counter("signatures.verified"));
          if (!o.values().equals(w.decisions())) {
            wrong.incrementAndGet();
          }
        }
      }));
    }
    for (Future<?> f : running) {
      try {
        f.get();
      } catch (ExecutionException e) {
        throw new IllegalStateException("a simulated run failed: " + e.getCause(), e.getCause());
      }
    }
    return new Result(timings.count(), timings.span(start), messages.get(), timings.histogram(), 0, wrong.get(), 0,
        cpuNanos() - cpu, signed.get(), verified.get());
  }

  /** The CPU time this process has used so far, on every core, in nanoseconds; 0 if the JVM does not tell. */
  static long cpuNanos() {
    java.lang.management.OperatingSystemMXBean os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    return os instanceof com.sun.management.OperatingSystemMXBean sun ? Math.max(0, sun.getProcessCpuTime()) : 0;
  }

  /** Instances' latencies and the last one's end, from any thread (HdrHistogram records wait-free). */
  private static final class Timings {
    private final ConcurrentHistogram latencies = new ConcurrentHistogram(SIGNIFICANT_DIGITS);
    private final AtomicLong count = new AtomicLong();
    private final AtomicLong last = new AtomicLong(Long.MIN_VALUE);

    void add(long t0, long t1) {
      latencies.recordValue(t1 - t0);
      count.incrementAndGet();
      last.accumulateAndGet(t1, Math::max);
    }

    long count() {
      return count.get();
    }

    long span(long start) {
      return count.get() == 0 ? 0 : last.get() - start;
    }

    /** A copy of the latencies recorded so far. */
    Histogram histogram() {
      return latencies.copy();
    }
  }
}
