package io.github.bgp.testkit;

import io.github.bgp.api.AgreementProtocol;
import io.github.bgp.api.CommitOutcome;
import io.github.bgp.api.CommitProtocol;
import io.github.bgp.api.CommitScenario;
import io.github.bgp.api.NodeId;
import io.github.bgp.api.Outcome;
import io.github.bgp.api.Scenario;
import io.github.bgp.api.Step;
import io.github.bgp.sim.Faults;
import io.github.bgp.sim.Simulation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The contract suites' simulator runtime: each scenario in the deterministic simulator, every
 * frame through the codec. Its {@link #runAndRecover} runs the workload, then runs it again with
 * every node crashing right after its last step and restarting from its log.
 *
 * @since 0.1.0
 */
public final class SimulatedRuntime implements AgreementRuntime, CommitRuntime {

  /** Creates the simulator runtime. */
  public SimulatedRuntime() {}

  @Override
  public String name() {
    return "simulator";
  }

  @Override
  public boolean virtualTime() {
    return true;
  }

  @Override
  public int budget() {
    return 60;
  }

  @Override
  public List<Outcome> run(AgreementProtocol protocol, List<Scenario> scenarios) {
    List<Outcome> outcomes = new ArrayList<>();
    for (Scenario s : scenarios) {
      outcomes.add(Simulation.run(protocol, s));
    }
    return outcomes;
  }

  @Override
  public CommitOutcome run(CommitProtocol protocol, CommitScenario scenario) {
    return Simulation.builder().build().execute(protocol, scenario);
  }

  @Override
  public Recovered runAndRecover(CommitProtocol protocol, CommitScenario scenario) {
    Map<NodeId, Integer> last = new TreeMap<>();
    CommitOutcome before = run(protocol, scenario); // the run is deterministic: the crashed one is the same up to the crashes
    for (Step step : before.steps()) {
      last.merge(step.node(), step.number(), Math::max);
    }
    Faults faults = Faults.NONE;
    for (Map.Entry<NodeId, Integer> e : last.entrySet()) {
      faults = faults.with(new Faults.Crash(e.getKey(), e.getValue(), true, 5));
    }
    CommitOutcome recovered = Simulation.builder().faults(faults).build().execute(protocol, scenario);
    if (recovered.counter("crashes") != last.size() || recovered.counter("restarts") != last.size()) {
      throw new IllegalStateException("expected every node to crash after its last step and restart, got "
          + recovered.counters());
    }
    return new Recovered(before, recovered);
  }
}
