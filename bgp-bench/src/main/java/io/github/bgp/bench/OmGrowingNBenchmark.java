package io.github.bgp.bench;

import io.github.bgp.api.AgreementProtocol;
import io.github.bgp.api.Outcome;
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
 * OM(3) with a growing number of generals: polynomial growth (about n^4 messages) at fixed m,
 * with three traitors lying at random. The {@code messages} line is the time per logical message.
 *
 * <pre>
 * java -jar bgp-bench/target/benchmarks.jar OmGrowingNBenchmark -rf json
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xmx4g"})
public class OmGrowingNBenchmark {

  /** n, the number of generals; m is 3. */
  @Param({"10", "16", "22", "28", "34", "40"})
  public int n;

  private AgreementProtocol om;
  private Scenario scenario;

  @Setup(Level.Trial)
  public void setUp() {
    om = Protocols.agreement("om");
    scenario = Benchmarks.scenario(n, 3, true, Strategy.RANDOM);
  }

  @Benchmark
  public Outcome run(OmScalingBenchmark.Messages counter) {
    Outcome o = Simulation.run(om, scenario);
    counter.messages += o.messages();
    return o;
  }
}
