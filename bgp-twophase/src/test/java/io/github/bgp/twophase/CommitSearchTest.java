package io.github.bgp.twophase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.bgp.api.CommitOutcome;
import io.github.bgp.api.Protocols;
import io.github.bgp.sim.Faults;
import io.github.bgp.sim.Simulation;
import io.github.bgp.testkit.CommitSearch;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The commit search with partitions allowed: it finds, shrinks and reports a 3PC run in which one
 * participant commits and another aborts, and finds no atomicity violation in 2PC or Paxos Commit
 * (which may block, and do).
 */
class CommitSearchTest {

  private static final long SEED = 0x3BC;

  @Test
  void aPartitionAsTheCoordinatorPreCommitsSplitsThreePhaseCommit() {
    Optional<CommitSearch.Violation> found = CommitSearch.of(Protocols.commit("3pc")).seed(SEED).tries(3_000).run();
    assertTrue(found.isPresent(), "3pc kept atomicity under every partition tried");
    CommitSearch.Violation v = found.get();
    System.out.println(v.report());
    String replay = " (search seed " + v.seed() + ")\n" + v.report();
    assertFalse(v.outcome().atomic(), replay);
    assertTrue(v.outcome().transactions().values().stream().anyMatch(t ->
        t.states().containsValue(CommitOutcome.State.COMMIT) && t.states().containsValue(CommitOutcome.State.ABORT)),
        "one participant committed and another aborted" + replay);
    assertEquals(1, v.shrunk().faults().partitions().size(), "a partition did it" + replay);
    assertTrue(v.shrunk().scenario().participants() == 2, "shrunk to two participants" + replay);
    assertEquals(1, v.shrunk().scenario().transactions().size(), "and one transaction" + replay);
    assertTrue(v.shrinkSteps() > 0, replay);
    CommitOutcome replayed = Simulation.builder().faults(v.shrunk().faults()).build()
        .execute(Protocols.commit("3pc"), v.shrunk().scenario());
    assertFalse(replayed.atomic(), "the shrunk case replays" + replay);
    Faults.Partition cut = v.shrunk().faults().partitions().get(0);
    io.github.bgp.api.NodeId coordinator = io.github.bgp.api.NodeId.COMMANDER;
    assertTrue(cut.a().contains(coordinator) || cut.b().contains(coordinator),
        "the coordinator is cut off from a participant" + replay);
    assertTrue(v.report().contains("breaks atomic commit") && v.report().contains("partition " + cut), v.report());
    assertFalse(v.notes().isEmpty(), "traced");
    assertEquals(1, v.broken().size(), v.broken().toString());
  }

  @ParameterizedTest
  @ValueSource(strings = {"2pc", "paxos-commit"})
  void twoPhaseAndPaxosCommitKeepAtomicityUnderEveryPartitionTried(String protocol) {
    Optional<CommitSearch.Violation> found = CommitSearch.of(Protocols.commit(protocol)).seed(SEED).tries(1_500)
        .crashes(true).split(false).run();
    assertTrue(found.isEmpty(), () -> found.get().report());
  }

  @Test
  void countingADisagreementWithTheDecisionTooItFindsEvenASingleParticipantCutOff() {
    CommitSearch.Violation v = CommitSearch.of(Protocols.commit("3pc")).seed(SEED).tries(3_000).split(false)
        .participants(1, 3).run().orElseThrow();
    assertFalse(v.outcome().atomic(), v.report());
    assertFalse(v.broken().isEmpty(), v.report());
  }

  @Test
  void theSameSeedFindsTheSameViolation() {
    CommitSearch.Violation a = CommitSearch.of(Protocols.commit("3pc")).seed(7).tries(3_000).run().orElseThrow();
    CommitSearch.Violation b = CommitSearch.of(Protocols.commit("3pc")).seed(7).tries(3_000).run().orElseThrow();
    assertEquals(a.found(), b.found());
    assertEquals(a.shrunk(), b.shrunk());
  }
}
