package io.github.bgp.bench;

import io.github.bgp.api.AgreementProtocol;
import io.github.bgp.api.Protocols;
import io.github.bgp.api.Scenario;
import io.github.bgp.api.Strategy;
import io.github.bgp.sim.Simulation;
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
 * bgp's OM(m) against the naive baseline ({@link NaiveOralMessages}: an object per message, a
 * map keyed by path), on the same scenarios in the same run, so the speed-up is a ratio of two
 * measurements taken side by side. n = 3m + 1, m traitors lying at random.
 *
 * <p>The baseline runs on one thread. bgp runs twice: {@code bgp} is {@link Simulation#run},
 * whose simulator spreads the nodes of a heavy instant over every core (its default), and
 * {@code bgp-one-core} is the same run with {@code Simulation.builder().parallel(false)}, on
 * one thread like the baseline. The first ratio is what a user of either gets; the second is
 * the representation alone.
 *
 * <pre>
 * java -jar bgp-bench/target/benchmarks.jar OmBaselineBenchmark -prof gc -rf json
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xmx6g"})
public class OmBaselineBenchmark {

  /** bgp with the simulator's default settings: the nodes of a heavy instant run on every core. */
  public static final String BGP = "bgp";
  /** bgp on one thread: {@code Simulation.builder().parallel(false)}. */
  public static final String BGP_ONE_CORE = "bgp-one-core";
  /** {@link NaiveOralMessages}, on one thread. */
  public static final String NAIVE = "naive";

  /** n:m. */
  @Param({"7:2", "10:3", "13:4", "16:5"})
  public String size;

  /**
   * {@code bgp} (the simulator's default: every core), {@code bgp-one-core} (one thread) or
   * {@code naive} (one thread). One parameter rather than a cores parameter beside it, so that
   * the slow baseline runs once per size, not once per core setting.
   */
  @Param({BGP, BGP_ONE_CORE, NAIVE})
  public String implementation;

  private AgreementProtocol om;
  private Scenario scenario;
  private Simulation simulation;

  @Setup(Level.Trial)
  public void setUp() {
    om = Protocols.agreement("om");
    int[] nm = Benchmarks.size(size);
    scenario = Benchmarks.scenario(nm[0], nm[1], true, Strategy.RANDOM);
    simulation = simulation(implementation);
  }

  /** The simulator {@code implementation} runs bgp with, or null for the naive baseline. */
  static Simulation simulation(String implementation) {
    switch (implementation) {
      case BGP:
        return Simulation.builder().build();
      case BGP_ONE_CORE:
        return Simulation.builder().parallel(false).build();
      case NAIVE:
        return null;
      default:
        throw new IllegalArgumentException("implementation is " + BGP + ", " + BGP_ONE_CORE + " or " + NAIVE + ", not "
            + implementation);
    }
  }

  @Benchmark
  public Object run(OmScalingBenchmark.Messages counter) {
    if (simulation == null) {
      NaiveOralMessages.Result r = NaiveOralMessages.run(scenario);
      counter.messages += r.messages();
      return r;
    }
    var o = simulation.execute(om, scenario);
    counter.messages += o.messages();
    return o;
  }
}
