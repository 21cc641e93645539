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

  /** n:m. */
  @Param({"7:2", "10:3", "13:4", "16:5"})
  public String size;

  /** {@code bgp} or {@code naive}. */
  @Param({"bgp", "naive"})
  public String implementation;

  private AgreementProtocol om;
  private Scenario scenario;

  @Setup(Level.Trial)
  public void setUp() {
    om = Protocols.agreement("om");
    int[] nm = Benchmarks.size(size);
    scenario = Benchmarks.scenario(nm[0], nm[1], true, Strategy.RANDOM);
  }

  @Benchmark
  public Object run(OmScalingBenchmark.Messages counter) {
    if (implementation.equals("naive")) {
      NaiveOralMessages.Result r = NaiveOralMessages.run(scenario);
      counter.messages += r.messages();
      return r;
    }
    var o = Simulation.run(om, scenario);
    counter.messages += o.messages();
    return o;
  }
}
