package io.github.bgp.threephase;

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

/** Three-phase commit's log records: 2PC's seven, the same bytes, and its two pre-commit records. */
class TpRecordTest {

  private static final Transaction T = new Transaction(7, new byte[] {(byte) 0xab, 0x01});

  @Test
  void everyRecordIsItsDocumentedBytesAndReadsBack() {
    assertArrayEquals(bytes("01 0000000000000007 00000002 ab01"), TpRecord.encode(new TpRecord.Begin(T)));
    assertArrayEquals(bytes("06 0000000000000005 01"), TpRecord.encode(new TpRecord.Voted(5, Vote.ABORT)));
    assertArrayEquals(bytes("08 0000000000000005"), TpRecord.encode(new TpRecord.PreCommit(5)));
    assertArrayEquals(bytes("09 0000000000000005"), TpRecord.encode(new TpRecord.PreCommitted(5)));
    RecordLayout.check("3PC", b -> TpRecord.encode(TpRecord.decode(b)), List.of(
        TpRecord.encode(new TpRecord.Begin(T)), TpRecord.encode(new TpRecord.Decided(5, Verdict.COMMIT)),
        TpRecord.encode(new TpRecord.End(5)), TpRecord.encode(new TpRecord.Ready(T)),
        TpRecord.encode(new TpRecord.Outcome(5, Verdict.ABORT)), TpRecord.encode(new TpRecord.Voted(5, Vote.READ_ONLY)),
        TpRecord.encode(new TpRecord.Ended(5)), TpRecord.encode(new TpRecord.PreCommit(5)),
        TpRecord.encode(new TpRecord.PreCommitted(5))));
  }

  @Test
  void whatNoRecordSaysIsRefusedSayingWhy() {
    assertEquals("unknown 3PC log record type 10", refused("0a 0000000000000005"));
    assertEquals("a 3PC VOTED record says COMMIT, which is logged as READY", refused("06 0000000000000005 00"));
    assertEquals("a 3PC log record ends before its verdict", refused("05 0000000000000005"));
  }

  private static String refused(String hex) {
    return assertThrows(IllegalArgumentException.class, () -> TpRecord.decode(bytes(hex))).getMessage();
  }
}
