package io.github.bgp.bench;

import io.github.bgp.api.AgreementProtocol;
import io.github.bgp.api.Outcome;
import io.github.bgp.api.Protocols;
import io.github.bgp.api.Scenario;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * SM(m), signed messages with Ed25519, for growing n: one whole run in the simulator, every
 * signature made and verified for real. The {@code decisions} line is the time per loyal
 * lieutenant's decision; {@link Ed25519Benchmark} at the same parameters times just the
 * signing and verifying the run does, so their ratio is the protocol's cost over pure crypto.
 *
 * <pre>
 * java -jar bgp-bench/target/benchmarks.jar 'SmBenchmark|Ed25519Benchmark' -rf json
 * </pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class SmBenchmark {

  /** The benchmarked scenario's parameters, shared with {@link Ed25519Benchmark}. */
  @State(Scope.Benchmark)
  public static class Params {
    /** n, the number of generals; m = (n - 1) / 3. */
    @Param({"4", "7", "10", "13", "16"})
    public int n;

    /** {@code lieutenants}: m lieutenants lie at random; {@code commander}: the commander and m - 1 lieutenants do. */
    @Param({"lieutenants", "commander"})
    public String traitors;

    Scenario scenario() {
      return SmBenchmark.scenario(n, traitors);
    }
  }

  /** SM(m) set up for one trial. */
  @State(Scope.Benchmark)
  public static class Run {
    AgreementProtocol sm;
    Scenario scenario;

    @Setup(Level.Trial)
    public void setUp(Params p) {
      sm = Protocols.agreement("sm");
      scenario = p.scenario();
    }
  }

  /** The benchmarked scenario: n generals, m = (n - 1) / 3, traitors lying at random. */
  public static Scenario scenario(int n, String traitors) {
    int m = Math.max(1, (n - 1) / 3);
    Scenario s = Benchmarks.scenario(n, m, true, io.github.bgp.api.Strategy.RANDOM);
    if (traitors.equals("commander")) {
      java.util.List<io.github.bgp.api.NodeId> t = new java.util.ArrayList<>(s.traitors());
      t.remove(t.size() - 1);
      t.add(0, io.github.bgp.api.NodeId.COMMANDER);
      s = s.toBuilder().traitors(t).build();
    } else if (!traitors.equals("lieutenants")) {
      throw new IllegalArgumentException("traitors is lieutenants or commander, not " + traitors);
    }
    return s;
  }

  /** Counts loyal lieutenants' decisions, so JMH also reports the time per decision. */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.OPERATIONS)
  public static class Decisions {
    public long decisions;
  }

  @Benchmark
  public Outcome run(Run run, Decisions counter) {
    Outcome o = io.github.bgp.sim.Simulation.run(run.sm, run.scenario);
    counter.decisions += o.decisions().size();
    return o;
  }
}
