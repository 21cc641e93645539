package io.github.bgp.twophase;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.bgp.api.CommitProtocol;
import io.github.bgp.api.CommitSpec;
import io.github.bgp.api.InstanceId;
import io.github.bgp.api.NodeId;
import io.github.bgp.api.Protocols;
import io.github.bgp.api.Transaction;
import io.github.bgp.api.Value;
import io.github.bgp.runtime.NodeDriver;
import io.github.bgp.spi.Environment;
import io.github.bgp.spi.Input;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/** What two-phase commit refuses up front, rather than fail later in a way nobody can read. */
class TpcInputTest {

  private static final CommitProtocol TPC = Protocols.commit("2pc");

  private static NodeDriver<?> coordinator() {
    NodeDriver<?> d = new NodeDriver<>(NodeId.COMMANDER, InstanceId.of(1),
        TPC.create(CommitSpec.of(2), Environment.builder(InstanceId.of(1)).build()),
        NodeDriver.Options.defaults().durable(true));
    d.start(0);
    return d;
  }

  @Test
  void aTransactionTooLargeForAVoteRequestIsRefusedWhenItIsSubmitted() {
    byte[] big = new byte[TpcCodec.MAX_PAYLOAD + 1];
    NodeDriver<?> d = coordinator();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> d.input(new Input.Submit(new Transaction(5, big)), 0));
    assertTrue(e.getMessage().contains("transaction 5 carries " + big.length + " bytes"), e.getMessage());
    assertFalse(d.hasReady(), "nothing of a refused transaction is logged or sent");
    assertDoesNotThrow(() -> d.input(new Input.Submit(new Transaction(5, new byte[TpcCodec.MAX_PAYLOAD])), 0),
        "a payload of exactly the limit is taken");
    IllegalArgumentException twice = assertThrows(IllegalArgumentException.class,
        () -> d.input(new Input.Submit(new Transaction(5, new byte[0])), 0));
    assertTrue(twice.getMessage().contains("submitted already"), twice.getMessage());
    assertThrows(IllegalArgumentException.class, () -> d.input(new Input.Propose(Value.ATTACK), 0));
  }

  @Test
  void aLogRecordNamingANegativeTransactionIsRefused() {
    for (byte type : new byte[] {CommitRecords.DECIDED, CommitRecords.OUTCOME, CommitRecords.END}) {
      ByteBuffer b = ByteBuffer.allocate(type == CommitRecords.END ? 9 : 10).put(type).putLong(-7);
      if (type != CommitRecords.END) {
        b.put((byte) 0);
      }
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TpcRecord.decode(b.array()));
      assertTrue(e.getMessage().contains("transaction -7"), e.getMessage());
    }
  }
}
