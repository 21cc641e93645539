package io.github.bgp.twophase;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.bgp.api.CommitSpec;
import io.github.bgp.api.NodeId;
import io.github.bgp.api.Transaction;
import io.github.bgp.api.Verdict;
import io.github.bgp.api.Vote;
import io.github.bgp.twophase.internal.CommitRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SettledTest {

  private final TwoPhaseCommit tpc = new TwoPhaseCommit();
  private final CommitSpec spec = CommitSpec.of(2);
  private final Set<Long> txns = Set.of(1L, 2L);

  private static byte[] rec(CommitRecord r) {
    return TpcRecord.encode(r);
  }

  @Test
  void theCoordinatorIsSettledOnlyWhenEveryTransactionEnded() {
    List<byte[]> log = new ArrayList<>(List.of(rec(new TpcRecord.Begin(new Transaction(1, new byte[0]))), rec(new TpcRecord.Begin(new Transaction(2, new byte[0]))),
        rec(new TpcRecord.Decided(1, Verdict.COMMIT)), rec(new TpcRecord.Decided(2, Verdict.ABORT)),
        rec(new TpcRecord.End(1))));
    assertFalse(tpc.settled(spec, NodeId.of(0), txns, log), "transaction 2 decided but not acknowledged by all");
    log.add(rec(new TpcRecord.End(2)));
    assertTrue(tpc.settled(spec, NodeId.of(0), txns, log));
  }

  @Test
  void aParticipantIsSettledWhenTheCoordinatorEndedEveryTransactionItTookPartIn() {
    List<byte[]> log = new ArrayList<>(List.of(rec(new TpcRecord.Ready(new Transaction(1, new byte[0]))),
        rec(new TpcRecord.Voted(2, Vote.READ_ONLY))));
    assertFalse(tpc.settled(spec, NodeId.of(1), txns, log), "READY for 1 is not an outcome");
    log.add(rec(new TpcRecord.Outcome(1, Verdict.COMMIT)));
    assertFalse(tpc.settled(spec, NodeId.of(1), txns, log), "the coordinator may still ask for its acknowledgement");
    log.add(rec(new TpcRecord.Ended(1)));
    assertTrue(tpc.settled(spec, NodeId.of(1), txns, log), "a READ_ONLY voter takes no part in phase two");
    assertFalse(tpc.settled(spec, NodeId.of(0), txns, log), "the coordinator needs END records, not outcomes");
  }
}
