package io.github.bgp.om;

import io.github.bgp.spi.Codec;
import java.nio.ByteBuffer;

/**
 * OM(m)'s wire format. Big-endian:
 *
 * <pre>
 * orders:  u8 1, i32 count, count x u8 (0 RETREAT, 1 ATTACK, 255 absent)
 * numbers: u8 2, i32 count, u8 flags (bit 0: an absence mask follows),
 *          [ceil(count/8) bytes of mask, bit set = absent], count x i64
 * </pre>
 *
 * Anything else (an unknown type, a negative count, a length that does not match the count,
 * an order byte other than 0, 1 or 255, unknown flags, trailing bytes) is rejected with a
 * message that says which.
 */
final class OmCodec implements Codec<OmFrame> {

  static final OmCodec INSTANCE = new OmCodec();

  private static final byte ORDERS = 1;
  private static final byte NUMBERS = 2;

  private OmCodec() {}

  @Override
  public byte[] encode(OmFrame frame) {
    if (frame instanceof OmFrame.Orders o) {
      byte[] values = o.array();
      ByteBuffer b = ByteBuffer.allocate(5 + values.length);
      b.put(ORDERS).putInt(values.length).put(values);
      return b.array();
    }
    OmFrame.Numbers n = (OmFrame.Numbers) frame;
    long[] values = n.array();
    int mask = n.hasAbsent() ? (values.length + 7) / 8 : 0;
    ByteBuffer b = ByteBuffer.allocate(6 + mask + 8 * values.length);
    b.put(NUMBERS).putInt(values.length).put((byte) (mask > 0 ? 1 : 0));
    if (mask > 0) {
      byte[] bits = new byte[mask];
      for (int i = 0; i < values.length; i++) {
        if (n.isAbsent(i)) {
          bits[i >> 3] |= (byte) (1 << (i & 7));
        }
      }
      b.put(bits);
    }
    b.asLongBuffer().put(values);
    return b.array();
  }

  @Override
  public int size(OmFrame frame) {
    if (frame instanceof OmFrame.Orders o) {
      return 5 + o.size();
    }
    OmFrame.Numbers n = (OmFrame.Numbers) frame;
    return 6 + (n.hasAbsent() ? (n.size() + 7) / 8 : 0) + 8 * n.size();
  }

  @Override
  public OmFrame decode(ByteBuffer in) {
    if (in.remaining() < 5) {
      throw new IllegalArgumentException("OM frame of " + in.remaining() + " bytes is shorter than its 5-byte header");
    }
    byte type = in.get();
    int count = in.getInt();
    if (count < 0) {
      throw new IllegalArgumentException("OM frame claims a negative count of " + count + " values");
    }
    if (type == ORDERS) {
      if (in.remaining() != count) {
        throw new IllegalArgumentException(
            "OM frame of " + count + " orders carries " + in.remaining() + " bytes of values");
      }
      byte[] values = new byte[count];
      in.get(values);
      return new OmFrame.Orders(values, count - OmFrame.Orders.absentIn(values));
    }
    if (type == NUMBERS) {
      if (in.remaining() < 1) {
        throw new IllegalArgumentException("OM frame of numbers has no flags byte");
      }
      byte flags = in.get();
      if ((flags & ~1) != 0) {
        throw new IllegalArgumentException("OM frame has unknown flags " + (flags & 0xFF));
      }
      int mask = (flags & 1) != 0 ? (int) ((count + 7L) / 8) : 0;
      long expected = mask + 8L * count;
      if (in.remaining() != expected) {
        throw new IllegalArgumentException(
            "OM frame of " + count + " numbers should have " + expected + " more bytes, has " + in.remaining());
      }
      boolean[] absent = null;
      if (mask > 0) {
        absent = new boolean[count];
        for (int i = 0; i < mask; i++) {
          byte bits = in.get();
          for (int bit = 0; bit < 8; bit++) {
            int index = i * 8 + bit;
            boolean set = (bits & (1 << bit)) != 0;
            if (index < count) {
              absent[index] = set;
            } else if (set) {
              throw new IllegalArgumentException("OM frame's absence mask marks value " + index + " of " + count);
            }
          }
        }
      }
      long[] values = new long[count];
      in.asLongBuffer().get(values);
      return new OmFrame.Numbers(values, absent);
    }
    throw new IllegalArgumentException("unknown OM frame type " + (type & 0xFF) + " (expected 1 orders or 2 numbers)");
  }
}
