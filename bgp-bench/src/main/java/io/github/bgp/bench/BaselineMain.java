package io.github.bgp.bench;

import io.github.bgp.api.NodeId;
import io.github.bgp.api.Outcome;
import io.github.bgp.api.Protocols;
import io.github.bgp.api.Scenario;
import io.github.bgp.api.Strategy;
import io.github.bgp.api.Value;
import io.github.bgp.sim.Simulation;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * One run of the baseline comparison as a whole process, so that the report can measure a
 * process's peak memory for bgp and for the naive baseline under the same JVM options: n = 3m +
 * 1, m traitors lying at random, as {@link OmBaselineBenchmark} runs it ({@code bgp}: the
 * simulator's default, every core; {@code bgp-one-core}: one thread; {@code naive}: one thread).
 * Prints one JSON line with {@code messages}, {@code ic1} and {@code ic2}.
 *
 * <pre>
 * java -Xmx6g -cp bgp-bench/target/benchmarks.jar io.github.bgp.bench.BaselineMain naive 16:5
 * </pre>
 */
public final class BaselineMain {

  private static final List<String> IMPLEMENTATIONS = List.of(OmBaselineBenchmark.BGP,
      OmBaselineBenchmark.BGP_ONE_CORE, OmBaselineBenchmark.NAIVE);

  private BaselineMain() {}

  public static void main(String[] args) {
    if (args.length != 2 || !IMPLEMENTATIONS.contains(args[0])) {
      System.err.println("usage: BaselineMain " + String.join("|", IMPLEMENTATIONS) + " n:m");
      System.exit(2);
    }
    int[] nm = Benchmarks.size(args[1]);
    Scenario scenario = Benchmarks.scenario(nm[0], nm[1], true, Strategy.RANDOM);
    long messages;
    Map<NodeId, Value> decisions;
    Simulation simulation = OmBaselineBenchmark.simulation(args[0]);
    if (simulation == null) {
      NaiveOralMessages.Result r = NaiveOralMessages.run(scenario);
      messages = r.messages();
      decisions = r.decisions();
    } else {
      Outcome o = simulation.execute(Protocols.agreement("om"), scenario);
      messages = o.messages();
      decisions = o.values();
    }
    Collection<Value> values = decisions.values();
    boolean ic1 = values.stream().distinct().count() <= 1;
    boolean ic2 = scenario.isTraitor(NodeId.of(0)) || values.stream().allMatch(v -> v.equals(scenario.order()));
    System.out.println("{\"implementation\":\"" + args[0] + "\",\"size\":\"" + args[1] + "\",\"messages\":" + messages
        + ",\"ic1\":" + ic1 + ",\"ic2\":" + ic2 + "}");
  }
}
