package io.github.bgp.paxoscommit;

import static io.github.bgp.twophase.RecordLayout.bytes;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.bgp.api.Transaction;
import io.github.bgp.api.Verdict;
import io.github.bgp.api.Vote;
import io.github.bgp.twophase.RecordLayout;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Paxos Commit's log records: 2PC's seven, the same bytes, and the acceptors' PROMISED and ACCEPTED. */
class PcRecordTest {

  private static final Transaction T = new Transaction(7, new byte[] {(byte) 0xab, 0x01});

  @Test
  void everyRecordIsItsDocumentedBytesAndReadsBack() {
    assertArrayEquals(bytes("04 0000000000000007 00000002 ab01"), PcRecord.encode(new PcRecord.Ready(T)));
    assertArrayEquals(bytes("0a 0000000000000005 0000000000000003"), PcRecord.encode(new PcRecord.Promised(5, 3)));
    assertArrayEquals(bytes("0b 0000000000000005 0002 0000000000000003 01"),
        PcRecord.encode(new PcRecord.Accepted(5, 2, 3, PcMessage.Value.values()[1])));
    RecordLayout.check("Paxos Commit", b -> PcRecord.encode(PcRecord.decode(b)), List.of(
        PcRecord.encode(new PcRecord.Begin(T)), PcRecord.encode(new PcRecord.Decided(5, Verdict.COMMIT)),
        PcRecord.encode(new PcRecord.End(5)), PcRecord.encode(new PcRecord.Ready(T)),
        PcRecord.encode(new PcRecord.Outcome(5, Verdict.ABORT)), PcRecord.encode(new PcRecord.Voted(5, Vote.ABORT)),
        PcRecord.encode(new PcRecord.Ended(5)), PcRecord.encode(new PcRecord.Promised(5, Long.MAX_VALUE)),
        PcRecord.encode(new PcRecord.Accepted(5, 65_535, 0, PcMessage.Value.PREPARED))));
  }

  @Test
  void whatNoRecordSaysIsRefusedSayingWhy() {
    assertEquals("unknown Paxos Commit log record type 8", refused("08 0000000000000005"));
    assertEquals("a Paxos Commit log record ends before a ballot", refused("0a 0000000000000005 00"));
    assertEquals("unknown value 9 in a Paxos Commit log record", refused("0b 0000000000000005 0002 0000000000000003 09"));
  }

  private static String refused(String hex) {
    return assertThrows(IllegalArgumentException.class, () -> PcRecord.decode(bytes(hex))).getMessage();
  }
}
