package io.github.bgp.twophase;

import static io.github.bgp.twophase.RecordLayout.bytes;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.bgp.api.Transaction;
import io.github.bgp.api.Verdict;
import io.github.bgp.api.Vote;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Two-phase commit's log records, byte for byte as {@link TpcRecord} documents them. */
class TpcRecordTest {

  private static final Transaction T = new Transaction(7, new byte[] {(byte) 0xab, 0x01});

  @Test
  void everyRecordIsItsDocumentedBytesAndReadsBack() {
    assertArrayEquals(bytes("01 0000000000000007 00000002 ab01"), TpcRecord.encode(new TpcRecord.Begin(T)));
    assertArrayEquals(bytes("02 0000000000000005 01"), TpcRecord.encode(new TpcRecord.Decided(5, Verdict.ABORT)));
    assertArrayEquals(bytes("03 0000000000000005"), TpcRecord.encode(new TpcRecord.End(5)));
    assertArrayEquals(bytes("04 0000000000000007 00000002 ab01"), TpcRecord.encode(new TpcRecord.Ready(T)));
    assertArrayEquals(bytes("05 0000000000000005 00"), TpcRecord.encode(new TpcRecord.Outcome(5, Verdict.COMMIT)));
    assertArrayEquals(bytes("06 0000000000000005 02"), TpcRecord.encode(new TpcRecord.Voted(5, Vote.READ_ONLY)));
    assertArrayEquals(bytes("07 0000000000000005"), TpcRecord.encode(new TpcRecord.Ended(5)));
    RecordLayout.check("2PC", b -> TpcRecord.encode(TpcRecord.decode(b)), List.of(
        TpcRecord.encode(new TpcRecord.Begin(T)), TpcRecord.encode(new TpcRecord.Begin(new Transaction(0, new byte[0]))),
        TpcRecord.encode(new TpcRecord.Decided(5, Verdict.ABORT)), TpcRecord.encode(new TpcRecord.End(5)),
        TpcRecord.encode(new TpcRecord.Ready(T)), TpcRecord.encode(new TpcRecord.Outcome(5, Verdict.COMMIT)),
        TpcRecord.encode(new TpcRecord.Voted(5, Vote.ABORT)), TpcRecord.encode(new TpcRecord.Ended((1L << 60) - 1))));
  }

  @Test
  void whatNoRecordSaysIsRefusedSayingWhy() {
    assertEquals("unknown 2PC log record type 8", refused("08 0000000000000005"));
    assertEquals("a 2PC log record names transaction -1; ids are 0 to 2^60 - 1", refused("03 ffffffffffffffff"));
    assertEquals("a 2PC log record names transaction 1152921504606846976; ids are 0 to 2^60 - 1",
        refused("03 1000000000000000"));
    assertEquals("a 2PC VOTED record says COMMIT, which is logged as READY", refused("06 0000000000000005 00"));
    assertEquals("unknown vote 3 in a 2PC log record", refused("06 0000000000000005 03"));
    assertEquals("unknown verdict 2 in a 2PC log record", refused("02 0000000000000005 02"));
    assertEquals("a 2PC log record claims 3 payload bytes and has 2", refused("01 0000000000000007 00000003 ab01"));
    assertEquals("a 2PC log record claims -1 payload bytes and has 0", refused("04 0000000000000007 ffffffff"));
  }

  private static String refused(String hex) {
    return assertThrows(IllegalArgumentException.class, () -> TpcRecord.decode(bytes(hex))).getMessage();
  }
}
