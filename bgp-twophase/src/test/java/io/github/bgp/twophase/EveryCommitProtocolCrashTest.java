package io.github.bgp.twophase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.bgp.api.CommitOutcome;
import io.github.bgp.api.CommitProtocol;
import io.github.bgp.api.CommitScenario;
import io.github.bgp.api.NodeId;
import io.github.bgp.api.Protocols;
import io.github.bgp.api.Step;
import io.github.bgp.api.Verdict;
import io.github.bgp.check.Property;
import io.github.bgp.sim.Faults;
import io.github.bgp.sim.Simulation;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every commit protocol, crashed at every step of every node (each side of it, three downtimes)
 * and at random steps of generated workloads: after recovery every transaction is atomic, valid and
 * decided; a node that never comes back leaves atomicity intact.
 */
class EveryCommitProtocolCrashTest {

  private static CommitOutcome run(CommitProtocol p, CommitScenario s, Faults f) {
    return Simulation.builder().faults(f).build().execute(p, s);
  }

  private static void safe(CommitOutcome o, Object where) {
    assertTrue(o.atomic(), "atomic: " + where + " -> " + o.transactions());
    assertTrue(o.valid(), "valid: " + where + " -> " + o.transactions());
    assertTrue(o.decided(), "decided or reported blocked: " + where + " -> " + o.transactions());
    assertEquals(0, o.counter("log.contradictions"), "a log contradicts itself: " + where);
    assertEquals(0, o.counter("decisions.contradicted"), "told the opposite of its log: " + where + " " + o.events());
  }

  @ParameterizedTest
  @ValueSource(strings = {"2pc", "3pc", "paxos-commit"})
  void aCrashAtEveryStepOfEveryNodeThenRecoveryLeavesEveryTransactionAtomicAndDecided(String name) {
    CommitProtocol p = Protocols.commit(name);
    CommitScenario s = CommitScenario.builder(3).tolerance(1)
        .commit(1, 0)
        .transaction(2, 0, List.of(Verdict.COMMIT, Verdict.ABORT, Verdict.COMMIT))
        .commit(3, 5)
        .build();
    Map<NodeId, Integer> steps = new TreeMap<>();
    for (Step step : run(p, s, Faults.NONE).steps()) {
      steps.merge(step.node(), step.number(), Math::max);
    }
    int runs = 0;
    for (Map.Entry<NodeId, Integer> e : steps.entrySet()) {
      for (int step = 1; step <= e.getValue(); step++) {
        for (boolean after : new boolean[] {false, true}) {
          for (long down : new long[] {1, 25, 200, -1}) {
            Faults.Crash crash = new Faults.Crash(e.getKey(), step, after, down);
            CommitOutcome o = run(p, s, Faults.NONE.with(crash));
            safe(o, name + ": " + crash);
            if (down > 0) {
              assertTrue(o.blocked().isEmpty(), name + ": " + crash + ": everyone came back, yet " + o.blocked());
              assertEquals(Verdict.ABORT, o.transactions().get(2L).outcome().orElseThrow(), "a NO vote aborts");
            }
            runs++;
          }
        }
      }
    }
    assertTrue(runs > 100, name + " crashed " + runs + " runs");
  }

  @ParameterizedTest
  @ValueSource(strings = {"2pc", "3pc", "paxos-commit"})
  void generatedWorkloadsWithCrashesAndRecoveryAreAtomicValidAndDecided(String name) {
    CommitProtocol p = Protocols.commit(name);
    Property.forAll(CommitGen.cases(true, false)).tries(150).check(c -> {
      CommitScenario s = c.scenario().withTolerance(1);
      CommitOutcome o = run(p, s, c.faults());
      safe(o, name + ": " + c);
      return o.blocked().isEmpty();
    });
  }

  @ParameterizedTest
  @ValueSource(strings = {"2pc", "paxos-commit"})
  void lostDuplicatedAndLateMessagesAndNodesThatStayDownNeverBreakAtomicity(String name) {
    CommitProtocol p = Protocols.commit(name);
    Property.forAll(CommitGen.cases(false, true)).tries(150).check(c -> {
      safe(run(p, c.scenario().withTolerance(1), c.faults()), name + ": " + c);
      return true;
    });
  }
}
