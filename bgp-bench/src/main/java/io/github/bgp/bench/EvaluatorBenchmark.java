package io.github.bgp.bench;

import io.github.bgp.api.Outcome;
import io.github.bgp.api.Scenario;
import io.github.bgp.api.Strategy;
import io.github.bgp.om.Evaluator;
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
 * The closed-form evaluator at sizes no message-passing run can hold: n = 3m + 1, m traitors
 * lying at random, every loyal lieutenant's decision by recursion. One invocation is one whole
 * evaluation (single-shot); n=22, m=7 is 8.8 billion logical messages.
 *
 * <pre>
 * java -jar bgp-bench/target/benchmarks.jar EvaluatorBenchmark -p size=22:7 -rf json
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(1)
public class EvaluatorBenchmark {

  /** n:m. */
  @Param({"16:5", "19:6", "22:7"})
  public String size;

  private Scenario scenario;

  @Setup(Level.Trial)
  public void setUp() {
    int[] nm = Benchmarks.size(size);
    scenario = Benchmarks.scenario(nm[0], nm[1], true, Strategy.RANDOM);
  }

  @Benchmark
  public Outcome evaluate() {
    return Evaluator.evaluate(scenario);
  }
}
