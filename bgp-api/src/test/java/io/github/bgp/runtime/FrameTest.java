package io.github.bgp.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.bgp.api.InstanceId;
import io.github.bgp.api.NodeId;
import java.nio.ByteBuffer;
import java.nio.ReadOnlyBufferException;
import org.junit.jupiter.api.Test;

class FrameTest {

  private static Frame frame(int round, ByteBuffer payload) {
    return new Frame(InstanceId.of(7), round, NodeId.of(1), NodeId.of(2), 42, payload);
  }

  private static byte[] bytes(ByteBuffer b) {
    byte[] out = new byte[b.remaining()];
    b.get(out);
    return out;
  }

  @Test
  void thePayloadIsReadOnly() {
    Frame f = frame(1, ByteBuffer.wrap(new byte[] {1, 2, 3}));
    assertTrue(f.payload().isReadOnly());
    assertThrows(ReadOnlyBufferException.class, () -> f.payload().put((byte) 9));
    assertThrows(ReadOnlyBufferException.class, () -> f.payload().put(0, (byte) 9));
    assertThrows(ReadOnlyBufferException.class, () -> f.payload().array());
  }

  @Test
  void readingThePayloadDoesNotMoveAnotherReadersPosition() {
    Frame f = frame(1, ByteBuffer.wrap(new byte[] {1, 2, 3, 4}));
    ByteBuffer first = f.payload();
    assertArrayEquals(new byte[] {1, 2, 3, 4}, bytes(first));
    assertEquals(0, first.remaining());
    ByteBuffer second = f.payload();
    assertEquals(4, second.remaining());
    second.get();
    assertArrayEquals(new byte[] {1, 2, 3, 4}, bytes(f.payload()));
    assertEquals(4, f.size());
  }

  @Test
  void theCallersBufferPositionIsNotShared() {
    ByteBuffer source = ByteBuffer.wrap(new byte[] {9, 8, 7});
    Frame f = frame(2, source);
    source.get();
    source.get();
    assertEquals(3, f.size());
    assertArrayEquals(new byte[] {9, 8, 7}, bytes(f.payload()));
  }

  @Test
  void thePayloadIsTheRemainingBytesOfTheBufferGiven() {
    ByteBuffer source = ByteBuffer.wrap(new byte[] {0, 0, 5, 6, 7});
    source.position(2);
    Frame f = frame(1, source);
    assertEquals(3, f.size());
    assertArrayEquals(new byte[] {5, 6, 7}, bytes(f.payload()));
  }

  @Test
  void thePayloadIsAViewNotACopy() {
    byte[] array = {1, 2};
    Frame f = frame(1, ByteBuffer.wrap(array));
    array[0] = 100;
    assertArrayEquals(new byte[] {100, 2}, bytes(f.payload()));
  }

  @Test
  void theHeaderIsKept() {
    Frame f = frame(0, ByteBuffer.allocate(0));
    assertEquals(InstanceId.of(7), f.instance());
    assertEquals(0, f.round());
    assertEquals(NodeId.of(1), f.from());
    assertEquals(NodeId.of(2), f.to());
    assertEquals(42, f.lamport());
    assertEquals(0, f.size());
  }

  @Test
  void aNegativeRoundIsRejected() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> frame(-1, ByteBuffer.allocate(1)));
    assertTrue(e.getMessage().contains("-1"), e.getMessage());
  }

  @Test
  void theHeaderIsRequired() {
    ByteBuffer p = ByteBuffer.allocate(1);
    assertThrows(NullPointerException.class, () -> new Frame(null, 1, NodeId.of(1), NodeId.of(2), 0, p));
    assertThrows(NullPointerException.class, () -> new Frame(InstanceId.of(1), 1, null, NodeId.of(2), 0, p));
    assertThrows(NullPointerException.class, () -> new Frame(InstanceId.of(1), 1, NodeId.of(1), null, 0, p));
    assertThrows(NullPointerException.class, () -> new Frame(InstanceId.of(1), 1, NodeId.of(1), NodeId.of(2), 0, null));
  }
}
