package io.github.bgp.om;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.bgp.check.Gen;
import io.github.bgp.check.Property;
import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The wire format round-trips every frame and rejects every malformed one with a reason. */
class OmCodecTest {

  private static final OmCodec CODEC = OmCodec.INSTANCE;

  /** A frame of orders from codes: 0 RETREAT, 1 ATTACK, -1 absent. */
  static OmFrame.Orders orders(List<Integer> codes) {
    long[] words = Bits.words(codes.size());
    long[] absent = Bits.words(codes.size());
    for (int i = 0; i < codes.size(); i++) {
      if (codes.get(i) == 1) {
        Bits.set(words, i, 1);
      } else if (codes.get(i) == -1) {
        Bits.set(absent, i, 1);
      }
    }
    return new OmFrame.Orders(words, codes.size(), absent);
  }

  private static List<Integer> codes(OmFrame frame) {
    List<Integer> codes = new java.util.ArrayList<>();
    for (int i = 0; i < frame.size(); i++) {
      io.github.bgp.api.Value v = frame.valueAt(i);
      codes.add(v == null ? -1 : (int) v.code());
    }
    return codes;
  }

  @Test
  void framesOfOrdersRoundTripAtABitEach() {
    // Up to 300 values: every length modulo 8 and 64, with and without absences.
    Gen<List<Integer>> codes = Gen.lists(Gen.elements(List.of(0, 1, -1)), 0, 300)
        .flatMap(list -> Gen.booleans().map(keep -> keep ? list : list.stream().map(c -> c < 0 ? 1 : c).toList()));
    Property.forAll(codes).tries(400).check(list -> {
      OmFrame.Orders frame = orders(list);
      byte[] bytes = CODEC.encode(frame);
      boolean absences = list.contains(-1);
      int packed = (list.size() + 7) / 8;
      assertEquals(6 + packed * (absences ? 2 : 1), bytes.length, "a bit per order, and a bit per order of mask");
      OmFrame decoded = CODEC.decode(ByteBuffer.wrap(bytes).asReadOnlyBuffer());
      assertEquals(list, codes(decoded));
      return decoded.present() == list.stream().filter(c -> c >= 0).count();
    });
  }

  @Test
  void ordersAreLittleEndianBitsAfterTheHeader() {
    // ATTACK at 0, 9 and 10 of 11: bytes 0b00000001, 0b00000110.
    List<Integer> list = List.of(1, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1);
    assertArrayEquals(new byte[] {3, 0, 0, 0, 11, 0, 1, 6}, CODEC.encode(orders(list)));
  }

  @Test
  void framesOfWireFormatOneAreStillRead() {
    Gen<List<Integer>> codes = Gen.lists(Gen.elements(List.of(0, 1, -1)), 0, 150);
    Property.forAll(codes).tries(200).check(list -> {
      ByteBuffer b = ByteBuffer.allocate(5 + list.size()).put(OmCodec.ORDER_BYTES).putInt(list.size());
      list.forEach(c -> b.put(c.byteValue()));
      return codes(CODEC.decode(b.flip())).equals(list);
    });
  }

  @Test
  void framesOfNumbersRoundTripWithAndWithoutAbsences() {
    Gen<List<Long>> numbers = Gen.lists(Gen.longs(), 0, 70);
    Property.forAll(numbers.flatMap(ns -> Gen.lists(Gen.booleans(), ns.size(), ns.size()).map(mask -> List.of(ns, mask))))
        .tries(300).check(pair -> {
          @SuppressWarnings("unchecked")
          List<Long> ns = (List<Long>) pair.get(0);
          @SuppressWarnings("unchecked")
          List<Boolean> mask = (List<Boolean>) pair.get(1);
          long[] values = ns.stream().mapToLong(Long::longValue).toArray();
          boolean[] absent = new boolean[values.length];
          boolean any = false;
          for (int i = 0; i < absent.length; i++) {
            absent[i] = mask.get(i);
            any |= absent[i];
          }
          OmFrame.Numbers frame = new OmFrame.Numbers(values.clone(), any ? absent : null);
          OmFrame.Numbers decoded = (OmFrame.Numbers) CODEC.decode(ByteBuffer.wrap(CODEC.encode(frame)));
          assertArrayEquals(values, decoded.array());
          for (int i = 0; i < values.length; i++) {
            assertEquals(absent[i], decoded.isAbsent(i), "absence of " + i);
          }
          return decoded.present() == frame.present();
        });
  }

  @Test
  void malformedFramesAreRejectedWithAReason() {
    assertRejected(new byte[] {1, 0, 0}, "shorter than its 5-byte header");
    assertRejected(new byte[] {1, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF}, "negative count");
    assertRejected(new byte[] {1, 0, 0, 0, 3, 1, 0}, "3 orders carries 2 bytes");
    assertRejected(new byte[] {1, 0, 0, 0, 2, 1, 7}, "value 1 is 7, not an order");
    assertRejected(new byte[] {3, 0, 0, 0, 9, 0, 1}, "should have 2 more bytes, has 1");
    assertRejected(new byte[] {3, 0, 0, 0, 9, 1, 0, 0, 0}, "should have 4 more bytes, has 3");
    assertRejected(new byte[] {3, 0, 0, 0, 9}, "orders has no flags byte");
    assertRejected(new byte[] {3, 0, 0, 0, 9, 2, 0, 0}, "unknown flags 2");
    assertRejected(new byte[] {3, 0, 0, 0, 9, 0, 0, 2}, "order bits set past its count");
    assertRejected(new byte[] {3, 0, 0, 0, 9, 1, 0, 4, 0, 0}, "absence bits set past its count");
    assertRejected(new byte[] {3, 0, 0, 0, 9, 1, 8, 0, 8, 0}, "order 3 is marked absent but set");
    assertRejected(new byte[] {9, 0, 0, 0, 0}, "unknown OM frame type 9");
    assertRejected(new byte[] {2, 0, 0, 0, 1}, "no flags byte");
    assertRejected(new byte[] {2, 0, 0, 0, 0, 4}, "unknown flags 4");
    assertRejected(new byte[] {2, 0, 0, 0, 1, 0, 1, 2, 3}, "should have 8 more bytes, has 3");
    assertRejected(new byte[] {2, 0, 0, 0, 1, 1, 2, 0, 0, 0, 0, 0, 0, 0, 0}, "marks value 1 of 1");
    // A huge claimed count with few bytes is refused before anything is allocated for it.
    assertRejected(new byte[] {1, 0x7F, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 1}, "carries 1 bytes");
    assertRejected(new byte[] {3, 0x7F, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0, 1}, "has 1");
  }

  @Test
  void garbageNeverEscapesAsAnythingButIllegalArgument() {
    Property.forAll(Gen.lists(Gen.ints(-128, 127), 0, 40)).tries(2_000).check(bytes -> {
      byte[] b = new byte[bytes.size()];
      for (int i = 0; i < b.length; i++) {
        b[i] = bytes.get(i).byteValue();
      }
      try {
        CODEC.decode(ByteBuffer.wrap(b));
      } catch (IllegalArgumentException expected) {
        return !expected.getMessage().isBlank();
      }
      return true;
    });
  }

  private static void assertRejected(byte[] bytes, String reason) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CODEC.decode(ByteBuffer.wrap(bytes)));
    assertTrue(e.getMessage().contains(reason), e.getMessage());
  }
}
