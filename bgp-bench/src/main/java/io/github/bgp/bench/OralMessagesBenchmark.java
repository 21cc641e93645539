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
 * One whole OM(m) run in the simulator, for n = 3m + 1 at growing m: the exponential growth of
 * the messages the seeds keep pointing at. The score is nanoseconds per run; the {@code messages}
 * line is nanoseconds per logical message.
 *
 * <p>Run it with:
 *
 * <pre>
 * mvn -B -q -pl bgp-bench -am package -DskipTests
 * java -jar bgp-bench/target/benchmarks.jar OralMessagesBenchmark -rf json
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class OralMessagesBenchmark {

  /** m; the run has n = 3m + 1 generals and m traitors lying at random. */
  @Param({"1", "2", "3", "4"})
  public int m;

  private AgreementProtocol om;
  private Scenario scenario;

  @Setup(Level.Trial)
  public void setUp() {
    om = Protocols.agreement("om");
    int[] traitors = new int[m];
    for (int i = 0; i < m; i++) {
      traitors[i] = 1 + i;
    }
    scenario = Scenario.builder(3 * m + 1).m(m).traitors(traitors).strategy(Strategy.RANDOM).build();
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
