package io.github.bgp.twophase;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.bgp.api.CommitProtocol;
import io.github.bgp.api.CommitScenario;
import io.github.bgp.api.Environment;
import io.github.bgp.api.InstanceId;
import io.github.bgp.api.Protocols;
import io.github.bgp.api.Transaction;
import io.github.bgp.api.Verdict;
import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What two-phase commit refuses up front, rather than fail later in a way nobody can read. */
class TpcInputTest {

  private static final CommitProtocol TPC = Protocols.byName("2pc", CommitProtocol.class);

  @Test
  void aTransactionTooLargeForAVoteRequestIsRefusedWhenTheCommitIsMade() {
    byte[] big = new byte[TpcCodec.MAX_PAYLOAD + 1];
    CommitScenario s = CommitScenario.builder(2)
        .transaction(new Transaction(5, big), 0, List.of(Verdict.COMMIT, Verdict.COMMIT)).build();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> TPC.create(s, Environment.builder(InstanceId.of(1)).build(), TPC.scriptedResources(s)));
    assertTrue(e.getMessage().contains("transaction 5 carries " + big.length + " bytes"), e.getMessage());
    CommitScenario fits = CommitScenario.builder(2)
        .transaction(new Transaction(5, new byte[TpcCodec.MAX_PAYLOAD]), 0, List.of(Verdict.COMMIT, Verdict.COMMIT))
        .build();
    assertDoesNotThrow(() -> TPC.create(fits, Environment.builder(InstanceId.of(1)).build(),
        TPC.scriptedResources(fits)), "a payload of exactly the limit is taken");
  }

  @Test
  void aLogRecordNamingANegativeTransactionIsRefused() {
    for (byte type : new byte[] {TpcRecord.DECIDED, TpcRecord.OUTCOME, TpcRecord.END}) {
      ByteBuffer b = ByteBuffer.allocate(type == TpcRecord.END ? 9 : 10).put(type).putLong(-7);
      if (type != TpcRecord.END) {
        b.put((byte) 0);
      }
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TpcRecord.decode(b.array()));
      assertTrue(e.getMessage().contains("transaction -7"), e.getMessage());
    }
  }
}
