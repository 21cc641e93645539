package io.github.bgp.twophase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import org.junit.jupiter.api.Test;

/**
 * A crash injected at every step of every node (before and after each log force and each
 * send), and at random steps with lost, duplicated and late messages: after recovery no two
 * participants hold different outcomes, no logged decision is contradicted, nothing commits
 * without every vote, and every transaction reaches a decision unless the run reports it blocked.
 */
class CrashRecoveryTest {

  static final CommitProtocol TPC = Protocols.commit("2pc");

  static CommitOutcome run(CommitScenario s, Faults faults) {
    return Simulation.builder().faults(faults).build().execute(TPC, s);
  }

  /** The invariants every run must keep, crash or not. */
  static boolean safe(CommitOutcome o) {
    assertTrue(o.atomic(), "atomic: " + o.transactions());
    assertTrue(o.valid(), "valid: " + o.transactions());
    assertTrue(o.decided(), "decided or reported blocked: " + o.transactions());
    assertEquals(0, o.counter("log.contradictions"), "a log contradicts itself");
    assertEquals(0, o.counter("decisions.contradicted"), "a participant was told the opposite of what it logged");
    for (CommitOutcome.Txn t : o.transactions().values()) {
      t.blocked().ifPresent(why -> assertFalse(why.isBlank()));
    }
    return true;
  }

  /** How many steps (forces and sends) each node takes in a run without faults, from the run's own record. */
  private static int[] steps(CommitScenario s) {
    int[] steps = new int[s.nodes()];
    CommitOutcome o = run(s, Faults.NONE);
    for (Step step : o.steps()) {
      int node = step.node().index();
      assertEquals(steps[node] + 1, step.number(), "a node's steps are numbered one after the other: " + step);
      steps[node] = step.number();
    }
    return steps;
  }

  @Test
  void aCrashAtEveryStepOfEveryNodeThenRecoveryKeepsEveryTransactionAtomicAndDecided() {
    CommitScenario s = CommitScenario.builder(3)
        .commit(1, 0)
        .transaction(2, 0, List.of(Verdict.COMMIT, Verdict.ABORT, Verdict.COMMIT))
        .commit(3, 4)
        .commit(4, 9)
        .build();
    int[] steps = steps(s);
    int runs = 0;
    for (int node = 0; node < s.nodes(); node++) {
      assertTrue(steps[node] > 0, "node " + node + " takes steps");
      for (int step = 1; step <= steps[node]; step++) {
        for (boolean after : new boolean[] {false, true}) {
          for (long down : new long[] {1, 25, 200}) {
            Faults.Crash crash = new Faults.Crash(NodeId.of(node), step, after, down);
            CommitOutcome o = run(s, Faults.NONE.with(crash));
            assertEquals(1, o.counter("crashes"), crash.toString());
            safe(o);
            assertTrue(o.blocked().isEmpty(), crash + ": everyone came back, yet " + o.blocked());
            assertEquals(Verdict.ABORT, o.transactions().get(2L).outcome().orElseThrow(), "a NO vote aborts");
            runs++;
          }
        }
      }
    }
    assertTrue(runs > 100, "crashed " + runs + " runs");
    assertEquals(6 * (steps[0] + steps[1] + steps[2] + steps[3]), runs, "every step of every node, both sides, 3 downtimes");
  }

  @Test
  void aNodeThatNeverComesBackLeavesOnlyTheBlockedTransactionsUndecided() {
    CommitScenario s = CommitScenario.builder(3).commit(1, 0).commit(2, 3).build();
    int[] steps = steps(s);
    for (int node = 0; node < s.nodes(); node++) {
      for (int step = 1; step <= steps[node]; step++) {
        for (boolean after : new boolean[] {false, true}) {
          CommitOutcome o = run(s, Faults.NONE.with(new Faults.Crash(NodeId.of(node), step, after, -1)));
          safe(o);
        }
      }
    }
  }

  @Test
  void generatedWorkloadsWithCrashesAndRecoveryAreAtomicValidAndDecided() {
    Property.forAll(CommitGen.cases(true, false)).tries(300).check(c -> {
      CommitOutcome o = run(c.scenario(), c.faults());
      safe(o);
      return o.blocked().isEmpty();
    });
  }

  @Test
  void lostDuplicatedAndLateMessagesAndNodesThatStayDownNeverBreakAtomicity() {
    Property.forAll(CommitGen.cases(false, true)).tries(300).check(c -> safe(run(c.scenario(), c.faults())));
  }

  @Test
  void theSameSeedGivesTheSameRun() {
    Property.forAll(CommitGen.cases(true, true)).tries(50).check(c ->
        run(c.scenario(), c.faults()).equals(run(c.scenario(), c.faults())));
  }
}
