package io.github.bgp.sm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.bgp.api.NodeId;
import io.github.bgp.api.Value;
import io.github.bgp.check.Gen;
import io.github.bgp.check.Property;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SmCodecTest {

  private static final SmCodec CODEC = SmCodec.INSTANCE;

  private static final Gen<Signature> SIGNATURE = Gen.ints(0, 40).zip(Gen.longs(), (signer, fill) -> {
    byte[] bytes = ByteBuffer.allocate(64).putLong(fill).putLong(~fill).array();
    return new Signature(NodeId.of(signer), bytes);
  });

  private static final Gen<SignedValue> SIGNED = Gen.booleans().flatMap(order -> order
      ? Gen.elements(List.of(Value.ATTACK, Value.RETREAT))
      : Gen.longs().map(Value::number)).zip(Gen.lists(SIGNATURE, 0, 12), SignedValue::new);

  @Test
  void framesRoundTrip() {
    Property.forAll(Gen.lists(SIGNED, 0, 5).map(SmFrame::new)).tries(300)
        .check(f -> CODEC.decode(ByteBuffer.wrap(CODEC.encode(f))).equals(f));
  }

  @Test
  void malformedFramesAreRejectedWithAReason() {
    assertRejected(new byte[] {1, 0}, "bytes short of its header");
    assertRejected(new byte[] {2, 0, 0}, "unknown SM frame version 2");
    assertRejected(new byte[] {1, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 7, 0}, "carries order code 7");
    assertRejected(new byte[] {1, 0, 1, 5, 0, 0, 0, 0, 0, 0, 0, 1, 0}, "unknown kind 5");
    assertRejected(new byte[] {1, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 0, 0}, "short of the 1 signatures of message 0");
    assertRejected(new byte[] {1, 0, 0, 9}, "1 bytes after its 0 messages");
    assertRejected(new byte[] {1, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0}, "short of message 1");
    assertRejected(new byte[] {1, 0, 1, 0, 0}, "SM frame ends 8 bytes short of message 0");
    assertRejected(new byte[] {1, 0, 1, 2, 0, 0}, "SM frame ends 2 bytes short of the value length of message 0");
  }

  @Test
  void garbageNeverEscapesAsAnythingButIllegalArgument() {
    Property.forAll(Gen.lists(Gen.ints(-128, 127), 0, 200)).tries(2_000).check(list -> {
      byte[] b = new byte[list.size()];
      for (int i = 0; i < b.length; i++) {
        b[i] = list.get(i).byteValue();
      }
      try {
        CODEC.decode(ByteBuffer.wrap(b));
      } catch (IllegalArgumentException expected) {
        return !expected.getMessage().isBlank();
      }
      return true;
    });
  }

  @Test
  void signaturesAreCopiedAndComparedByContent() {
    byte[] bytes = new byte[64];
    Signature s = new Signature(NodeId.of(1), bytes);
    bytes[0] = 9;
    assertEquals(new Signature(NodeId.of(1), new byte[64]), s);
    assertThrows(IllegalArgumentException.class, () -> new Signature(NodeId.of(1), new byte[63]));
    List<Signature> chain = new ArrayList<>(List.of(s));
    SignedValue signed = new SignedValue(Value.ATTACK, chain);
    chain.clear();
    assertEquals(1, signed.chain().size());
  }

  @Test
  void applicationValuesRoundTripWithinTheirBound() {
    SmCodec carrying = SmCodec.carrying(64);
    Gen<SignedValue> bytes = Gen.lists(Gen.ints(-128, 127), 0, 64).map(list -> {
      byte[] b = new byte[list.size()];
      for (int i = 0; i < b.length; i++) {
        b[i] = list.get(i).byteValue();
      }
      return Value.bytes(b);
    }).zip(Gen.lists(SIGNATURE, 0, 4), SignedValue::new);
    Property.forAll(Gen.lists(bytes, 0, 3).map(SmFrame::new)).tries(200)
        .check(f -> carrying.decode(ByteBuffer.wrap(carrying.encode(f))).equals(f));
  }

  @Test
  void anApplicationValueLargerThanTheBoundIsRejected() {
    SmFrame f = new SmFrame(List.of(new SignedValue(Value.bytes(new byte[65]), List.of())));
    byte[] wire = SmCodec.carrying(65).encode(f);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> SmCodec.carrying(64).decode(ByteBuffer.wrap(wire)));
    assertTrue(e.getMessage().contains("65 bytes, more than the 64"), e.getMessage());
    IllegalArgumentException none = assertThrows(IllegalArgumentException.class,
        () -> CODEC.decode(ByteBuffer.wrap(wire)));
    assertTrue(none.getMessage().contains("more than the 0"), none.getMessage());
    byte[] cut = java.util.Arrays.copyOf(wire, wire.length - 10);
    IllegalArgumentException shortValue = assertThrows(IllegalArgumentException.class,
        () -> SmCodec.carrying(65).decode(ByteBuffer.wrap(cut)));
    assertTrue(shortValue.getMessage().contains("short of the 65-byte value of message 0"), shortValue.getMessage());
  }

  private static void assertRejected(byte[] bytes, String reason) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CODEC.decode(ByteBuffer.wrap(bytes)));
    assertTrue(e.getMessage().contains(reason), e.getMessage());
  }
}
