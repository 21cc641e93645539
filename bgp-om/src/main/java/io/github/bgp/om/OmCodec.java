package io.github.bgp.om;

import io.github.bgp.spi.Codec;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * OM(m)'s wire format, version 2. The header is big-endian:
 *
 * <pre>
 * orders:  u8 3, i32 count, u8 flags (bit 0: an absence mask follows),
 *          [ceil(count/8) bytes of mask], ceil(count/8) bytes of orders
 * numbers: u8 2, i32 count, u8 flags (bit 0: an absence mask follows),
 *          [ceil(count/8) bytes of mask, bit set = absent], count x i64
 * </pre>
 *
 * Orders are a bit each, value i in bit {@code i % 8} of byte {@code i / 8} (1 ATTACK, 0
 * RETREAT; 0 where absent), the unused bits of the last byte 0; the absence mask of either
 * kind is laid out the same way, a set bit an absent value. Version 1 sent orders as
 * {@code u8 1, i32 count, count x u8 (0 RETREAT, 1 ATTACK, 255 absent)}; such frames are still
 * read, and never written.
 *
 * <p>Anything else (an unknown type, a negative count, a length that does not match the count,
 * an order byte other than 0, 1 or 255, unknown flags, bits set past the count or under an
 * absent mark, trailing bytes) is rejected with a message that says which.
 */
final class OmCodec implements Codec<OmFrame> {

  static final OmCodec INSTANCE = new OmCodec();

  /** Version 1's orders, a byte each: read, never written. */
  static final byte ORDER_BYTES = 1;
  static final byte NUMBERS = 2;
  /** Version 2's orders, a bit each. */
  static final byte ORDER_BITS = 3;
  private static final byte ABSENT_BYTE = -1;

  private OmCodec() {}

  @Override
  public byte[] encode(OmFrame frame) {
    if (frame instanceof OmFrame.Orders o) {
      int count = o.size();
      int bytes = (int) ((count + 7L) >>> 3);
      long[] absent = o.absent();
      ByteBuffer b = ByteBuffer.allocate(6 + (absent == null ? 0 : bytes) + bytes);
      b.put(ORDER_BITS).putInt(count).put((byte) (absent == null ? 0 : 1));
      if (absent != null) {
        putBits(b, absent, bytes);
      }
      putBits(b, o.words(), bytes);
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

  /** Writes the first {@code bytes} bytes of {@code words} as a little-endian byte stream. */
  private static void putBits(ByteBuffer b, long[] words, int bytes) {
    int full = bytes >>> 3;
    b.order(ByteOrder.LITTLE_ENDIAN).asLongBuffer().put(words, 0, full);
    b.position(b.position() + 8 * full);
    for (int i = 8 * full; i < bytes; i++) {
      b.put((byte) (words[i >>> 3] >>> (8 * (i & 7))));
    }
    b.order(ByteOrder.BIG_ENDIAN);
  }

  /** Reads {@code count} bits written by {@link #putBits}, refusing bits set past the count. */
  private static long[] getBits(ByteBuffer in, int count, String what) {
    int bytes = (int) ((count + 7L) >>> 3);
    long[] words = Bits.words(count);
    int full = bytes >>> 3;
    in.order(ByteOrder.LITTLE_ENDIAN).asLongBuffer().get(words, 0, full);
    in.position(in.position() + 8 * full);
    in.order(ByteOrder.BIG_ENDIAN);
    for (int i = 8 * full; i < bytes; i++) {
      words[i >>> 3] |= (in.get() & 0xFFL) << (8 * (i & 7));
    }
    int rest = count & 63;
    if (rest != 0 && (words[count >>> 6] & ~Bits.mask(rest)) != 0) {
      throw new IllegalArgumentException("OM frame of " + count + " orders has " + what + " bits set past its count");
    }
    return words;
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
    if (type == ORDER_BITS) {
      int mask = flags(in, "orders");
      int bytes = (int) ((count + 7L) >>> 3);
      long expected = (long) bytes * (mask + 1);
      if (in.remaining() != expected) {
        throw new IllegalArgumentException(
            "OM frame of " + count + " orders should have " + expected + " more bytes, has " + in.remaining());
      }
      long[] absent = mask > 0 ? getBits(in, count, "absence") : null;
      long[] words = getBits(in, count, "order");
      if (absent != null) {
        for (int w = 0; w < words.length; w++) {
          long both = words[w] & absent[w];
          if (both != 0) {
            throw new IllegalArgumentException("OM frame's order " + (64L * w + Long.numberOfTrailingZeros(both))
                + " is marked absent but set");
          }
        }
      }
      return new OmFrame.Orders(words, count, absent);
    }
    if (type == ORDER_BYTES) {
      if (in.remaining() != count) {
        throw new IllegalArgumentException(
            "OM frame of " + count + " orders carries " + in.remaining() + " bytes of values");
      }
      long[] words = Bits.words(count);
      long[] absent = null;
      for (int i = 0; i < count; i++) {
        byte v = in.get();
        if (v == 1) {
          Bits.set(words, i, 1);
        } else if (v == ABSENT_BYTE) {
          if (absent == null) {
            absent = Bits.words(count);
          }
          Bits.set(absent, i, 1);
        } else if (v != 0) {
          throw new IllegalArgumentException("OM frame value " + i + " is " + (v & 0xFF)
              + ", not an order (0 RETREAT, 1 ATTACK, 255 absent)");
        }
      }
      return new OmFrame.Orders(words, count, absent);
    }
    if (type == NUMBERS) {
      int mask = flags(in, "numbers") > 0 ? (int) ((count + 7L) / 8) : 0;
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
      in.position(in.limit());
      return new OmFrame.Numbers(values, absent);
    }
    throw new IllegalArgumentException("unknown OM frame type " + (type & 0xFF)
        + " (expected 3 orders, 2 numbers, or 1 orders of wire format 1)");
  }

  /** Reads the flags byte: 1 if an absence mask follows, else 0. */
  private static int flags(ByteBuffer in, String kind) {
    if (in.remaining() < 1) {
      throw new IllegalArgumentException("OM frame of " + kind + " has no flags byte");
    }
    byte flags = in.get();
    if ((flags & ~1) != 0) {
      throw new IllegalArgumentException("OM frame has unknown flags " + (flags & 0xFF));
    }
    return flags & 1;
  }
}
