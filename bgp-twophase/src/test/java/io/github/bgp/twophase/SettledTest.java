package io.github.bgp.twophase;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.bgp.api.CommitScenario;
import io.github.bgp.api.NodeId;
import io.github.bgp.api.Transaction;
import io.github.bgp.api.Verdict;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SettledTest {

  private final TwoPhaseCommit tpc = new TwoPhaseCommit();
  private final CommitScenario scenario = CommitScenario.builder(2)
      .transaction(1, 0, List.of(Verdict.COMMIT, Verdict.COMMIT))
      .transaction(2, 0, List.of(Verdict.ABORT, Verdict.COMMIT))
      .build();

  private static byte[] rec(TpcRecord r) {
    return TpcRecord.encode(r);
  }

  @Test
  void theCoordinatorIsSettledOnlyWhenEveryTransactionEnded() {
    List<byte[]> log = new ArrayList<>(List.of(rec(new TpcRecord.Begin(new Transaction(1, new byte[0]))), rec(new TpcRecord.Begin(new Transaction(2, new byte[0]))),
        rec(new TpcRecord.Decided(1, Verdict.COMMIT)), rec(new TpcRecord.Decided(2, Verdict.ABORT)),
        rec(new TpcRecord.End(1))));
    assertFalse(tpc.settled(scenario, NodeId.of(0), log), "transaction 2 decided but not acknowledged by all");
    log.add(rec(new TpcRecord.End(2)));
    assertTrue(tpc.settled(scenario, NodeId.of(0), log));
  }

  @Test
  void aParticipantIsSettledWhenItHoldsEveryOutcome() {
    List<byte[]> log = new ArrayList<>(List.of(rec(new TpcRecord.Ready(new Transaction(1, new byte[0]))), rec(new TpcRecord.Outcome(2, Verdict.ABORT))));
    assertFalse(tpc.settled(scenario, NodeId.of(1), log), "READY for 1 is not an outcome");
    log.add(rec(new TpcRecord.Outcome(1, Verdict.COMMIT)));
    assertTrue(tpc.settled(scenario, NodeId.of(1), log));
    assertFalse(tpc.settled(scenario, NodeId.of(0), log), "the coordinator needs END records, not outcomes");
  }
}
