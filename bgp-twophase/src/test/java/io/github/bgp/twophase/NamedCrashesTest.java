package io.github.bgp.twophase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.bgp.api.CommitOutcome;
import io.github.bgp.api.CommitProtocol;
import io.github.bgp.api.CommitScenario;
import io.github.bgp.api.NodeId;
import io.github.bgp.api.Protocols;
import io.github.bgp.api.Step;
import io.github.bgp.api.Verdict;
import io.github.bgp.paxoscommit.PaxosCommit;
import io.github.bgp.sim.Faults;
import io.github.bgp.sim.Simulation;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Crashes named after-decision and after-vote, in every commit protocol: where they fall, and what
 * a coordinator that dies for good right after its decision leaves: 2PC blocked, 3PC and Paxos
 * Commit (F = 1) decided everywhere.
 */
class NamedCrashesTest {

  private static final CommitScenario THREE = CommitScenario.builder(3).tolerance(1).commit(1, 0).build();

  private static Simulation.CommitRun run(String protocol, CommitScenario s, Faults f) {
    return Simulation.builder().faults(f).build().run(Protocols.commit(protocol), s, Simulation.scripted(s));
  }

  private static Faults coordinatorDiesAfterDeciding() {
    return Faults.NONE.with(Faults.NamedCrash.parse("0:after-decision:never", 100));
  }

  @Test
  void twoPhaseCommitIsBlockedWhenTheCoordinatorDiesForGoodRightAfterItsDecision() {
    CommitOutcome o = run("2pc", THREE, coordinatorDiesAfterDeciding()).outcome();
    assertEquals(1, o.counter("crashes"));
    CommitOutcome.Txn t = o.transactions().get(1L);
    assertEquals(java.util.Optional.of(Verdict.COMMIT), t.decision(), "it had decided, and forced it");
    assertTrue(t.blocked().isPresent(), t.toString());
    assertTrue(t.blocked().get().contains("READY"), t.blocked().get());
    assertTrue(o.atomic() && o.valid());
    assertTrue(o.events().stream().anyMatch(e -> e.contains("(after-decision)") && e.contains("stays down")),
        o.events().toString());
  }

  @ParameterizedTest
  @ValueSource(strings = {"3pc", "paxos-commit"})
  void threePhaseAndPaxosCommitDecideEverywhereWithoutTheCoordinator(String protocol) {
    CommitOutcome o = run(protocol, THREE, coordinatorDiesAfterDeciding()).outcome();
    assertEquals(1, o.counter("crashes"), protocol);
    CommitOutcome.Txn t = o.transactions().get(1L);
    assertTrue(t.blocked().isEmpty(), protocol + ": " + t);
    assertTrue(o.atomic() && o.valid() && o.decided(), protocol + ": " + o.transactions());
    assertEquals(java.util.Optional.of(Verdict.COMMIT), t.outcome(), protocol + ": everyone committed, atomically");
    for (NodeId p : THREE.participantIds()) {
      assertEquals(CommitOutcome.State.COMMIT, t.states().get(p), protocol + " " + p);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"2pc", "3pc", "paxos-commit"})
  void aNamedCrashFallsRightAfterTheForceOfTheRecordItNames(String protocol) {
    CommitProtocol p = Protocols.commit(protocol);
    Simulation.CommitRun clean = run(protocol, THREE, Faults.NONE);
    // The coordinator's first force that holds a DECISION record, from the run's own steps and logs.
    Step decision = clean.outcome().steps().stream()
        .filter(s -> s.node().equals(NodeId.COMMANDER) && s.kind() == Step.Kind.FORCE && s.detail().contains("DECIDED"))
        .findFirst().orElseThrow();
    Simulation.CommitRun named = run(protocol, THREE, coordinatorDiesAfterDeciding());
    Simulation.CommitRun numbered = run(protocol, THREE,
        Faults.NONE.with(new Faults.Crash(NodeId.COMMANDER, decision.number(), true, -1)));
    assertEquals(numbered.outcome().transactions(), named.outcome().transactions(), protocol);
    assertEquals(numbered.logs().keySet(), named.logs().keySet());
    assertTrue(clean.logs().get(NodeId.COMMANDER).stream().anyMatch(r ->
        p.milestone(r).equals(java.util.Optional.of(CommitProtocol.Milestone.DECISION))));
    // after-vote: participant 2 dies right after forcing its vote, before the vote leaves.
    Simulation.CommitRun vote = run(protocol, THREE, Faults.NONE.with(Faults.NamedCrash.parse("2:after-vote:50", 0)));
    assertEquals(1, vote.outcome().counter("crashes"));
    assertEquals(1, vote.outcome().counter("restarts"));
    List<byte[]> log = vote.logs().get(NodeId.of(2));
    assertTrue(p.milestone(log.get(0)).equals(java.util.Optional.of(CommitProtocol.Milestone.VOTE)), protocol);
    assertTrue(vote.outcome().atomic() && vote.outcome().decided(), protocol + ": " + vote.outcome().transactions());
  }

  @Test
  void aNamedCrashTheRunNeverReachesIsAnErrorNamingIt() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> run("2pc", THREE,
        Faults.NONE.with(Faults.NamedCrash.parse("1:after-decision:never", 100))));
    assertTrue(e.getMessage().contains("node 1 after-decision") && e.getMessage().contains("never forced a DECISION"),
        e.getMessage());
    IllegalArgumentException outside = assertThrows(IllegalArgumentException.class, () -> run("2pc", THREE,
        Faults.NONE.with(Faults.NamedCrash.parse("9:after-vote", 100))));
    assertTrue(outside.getMessage().contains("node 9"), outside.getMessage());
  }

  @Test
  void fewerThanFPlusOneAcceptorsUpBlockPaxosCommitAndSaySo() {
    // F = 1: acceptors 0, 4 and 5. The coordinator and acceptor 4 down for good: one acceptor of three.
    Faults f = coordinatorDiesAfterDeciding().with(new Faults.Crash(NodeId.of(4), 1, false, -1));
    CommitOutcome o = run("paxos-commit", THREE, f).outcome();
    assertTrue(o.atomic(), o.transactions().toString());
    CommitOutcome.Txn t = o.transactions().get(1L);
    assertTrue(t.blocked().isPresent() && t.blocked().get().contains("fewer than the F+1 = 2"), t.toString());
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 2})
  void paxosCommitSendsItsFormulasMessagesAndIsTwoPhaseCommitAtFZero(int f) {
    for (int p = 1; p <= 5; p++) {
      CommitScenario s = CommitScenario.builder(p).tolerance(f).commit(1, 0).build();
      CommitOutcome o = Simulation.builder().build().execute(Protocols.commit("paxos-commit"), s);
      assertTrue(o.decided() && o.atomic(), o.transactions().toString());
      assertEquals(PaxosCommit.messages(p, f), o.messages(), "p=" + p + " F=" + f);
      assertEquals(p + 1 + 2 * f, Protocols.commit("paxos-commit").nodes(s.spec()));
      if (f == 0) {
        CommitOutcome tpc = Simulation.builder().build().execute(Protocols.commit("2pc"), s);
        assertEquals(tpc.messages(), o.messages(), "F = 0 is 2PC's message pattern, p=" + p);
        assertEquals(5L * p, o.messages());
        assertEquals(tpc.counter("log.forces"), o.counter("log.forces"), "and its forces, p=" + p);
      }
    }
    assertFalse(PaxosCommit.messages(3, 1) == PaxosCommit.messages(3, 0));
  }

  @Test
  void threePhaseCommitSendsSevenMessagesAParticipant() {
    for (int p = 1; p <= 5; p++) {
      CommitScenario s = CommitScenario.builder(p).commit(1, 0).build();
      assertEquals(7L * p, Simulation.builder().build().execute(Protocols.commit("3pc"), s).messages(), "p=" + p);
    }
  }
}
