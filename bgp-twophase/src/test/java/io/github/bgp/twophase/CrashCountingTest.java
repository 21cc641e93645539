package io.github.bgp.twophase;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.bgp.api.CommitOutcome;
import io.github.bgp.api.CommitScenario;
import io.github.bgp.api.NodeId;
import io.github.bgp.api.Verdict;
import io.github.bgp.sim.Faults;
import io.github.bgp.sim.Simulation;
import java.util.List;
import org.junit.jupiter.api.Test;

class CrashCountingTest {

  @Test
  void aNodeThatCrashesForGoodIsCountedOnce() {
    CommitScenario scenario = CommitScenario.builder(2).transaction(1, 0, List.of(Verdict.COMMIT, Verdict.COMMIT))
        .build();
    TwoPhaseCommit tpc = new TwoPhaseCommit();
    CommitOutcome clean = Simulation.builder().build().execute(tpc, scenario);
    // After step 4 (BEGIN forced, two vote requests sent, the decision forced) the coordinator dies for good.
    CommitOutcome crashed = Simulation.builder().faults(Faults.NONE.with(new Faults.Crash(NodeId.of(0), 4, true, -1)))
        .build().execute(tpc, scenario);
    assertEquals(1, clean.counter("decisions.commit"));
    assertEquals(1, crashed.counter("decisions.commit"), crashed.counters().toString());
    assertEquals(1, crashed.counter("crashes"));
  }
}
