package io.github.bgp.bench;

import io.github.bgp.api.AgreementProtocol;
import io.github.bgp.api.Outcome;
import io.github.bgp.api.Protocols;
import io.github.bgp.api.Scenario;
import io.github.bgp.api.Strategy;
import io.github.bgp.sim.Simulation;
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
 * OM(m)'s exponential growth, by message passing in the simulator: n = 3m + 1 generals at
 * growing m, all loyal or with m traitors lying at random. The score is the time of one whole
 * run; the {@code messages} line is the time per logical message.
 *
 * <pre>
 * mvn -B -q -pl bgp-bench -am package -DskipTests
 * java -jar bgp-bench/target/benchmarks.jar OmScalingBenchmark -prof gc -rf json
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xmx4g"})
public class OmScalingBenchmark {

  /** m; the run has n = 3m + 1 generals. */
  @Param({"1", "2", "3", "4", "5", "6"})
  public int m;

  /** {@code loyal}: nobody lies; {@code random}: m lieutenants lie at random. */
  @Param({"loyal", "random"})
  public String traitors;

  private AgreementProtocol om;
  private Scenario scenario;

  @Setup(Level.Trial)
  public void setUp() {
    om = Protocols.agreement("om");
    scenario = Benchmarks.scenario(3 * m + 1, m, traitors.equals("random"), Strategy.RANDOM);
  }

  /** Counts logical messages, so JMH also reports the time per logical message. */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.OPERATIONS)
  public static class Messages {
    public long messages;
  }

  @Benchmark
  public Outcome run(Messages counter) {
    Outcome o = Simulation.run(om, scenario);
    counter.messages += o.messages();
    return o;
  }
}
