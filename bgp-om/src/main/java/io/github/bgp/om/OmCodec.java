package io.github.bgp.om;

import io.github.bgp.api.Value;
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
 * values:  u8 4, i32 count, u8 flags (bit 0: an absence mask follows),
 *          [ceil(count/8) bytes of mask, bit set = absent],
 *          i32 distinct, distinct x (i32 length, length bytes), count x i32 code
 * </pre>
 *
 * Orders are a bit each, value i in bit {@code i % 8} of byte {@code i / 8} (1 ATTACK, 0
 * RETREAT; 0 where absent), the unused bits of the last byte 0; the absence mask of either
 * kind is laid out the same way, a set bit an absent value. Version 1 sent orders as
 * {@code u8 1, i32 count, count x u8 (0 RETREAT, 1 ATTACK, 255 absent)}; such frames are still
 * read, and never written. Application values (kind {@code BYTES}) go as a table of the
 * frame's distinct values and a code per value, an index into the table (0 where absent); the
 * table repeats no value and holds none that no present value uses, so it is never longer than
 * the values the frame carries.
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
  /** Application values, numbered within the frame. */
  static final byte VALUES = 4;
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
    if (frame instanceof OmFrame.Values v) {
      return encodeValues(v);
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

  private static byte[] encodeValues(OmFrame.Values v) {
    ByteBuffer b = ByteBuffer.allocate(valuesSize(v));
    int count = v.size();
    b.put(VALUES).putInt(count).put((byte) (v.hasAbsent() ? 1 : 0));
    if (v.hasAbsent()) {
      byte[] bits = new byte[(count + 7) / 8];
      for (int i = 0; i < count; i++) {
        if (v.isAbsent(i)) {
          bits[i >> 3] |= (byte) (1 << (i & 7));
        }
      }
      b.put(bits);
    }
    Value[] table = v.table();
    b.putInt(table.length);
    for (Value value : table) {
      b.putInt(value.size()).put(value.bytes());
    }
    for (long code : v.codes()) {
      b.putInt((int) code);
    }
    return b.array();
  }

  private static int valuesSize(OmFrame.Values v) {
    long size = 6 + (v.hasAbsent() ? (v.size() + 7L) / 8 : 0) + 4 + 4L * v.size();
    for (Value value : v.table()) {
      size += 4 + value.size();
    }
    if (size > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("an OM frame of " + v.size() + " application values would take " + size
          + " bytes, more than one frame can hold");
    }
    return (int) size;
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
    if (frame instanceof OmFrame.Values v) {
      return valuesSize(v);
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
    if (type == VALUES) {
      return decodeValues(in, count);
    }
    if (type == NUMBERS) {
      int mask = flags(in, "numbers") > 0 ? (int) ((count + 7L) / 8) : 0;
      long expected = mask + 8L * count;
      if (in.remaining() != expected) {
        throw new IllegalArgumentException(
            "OM frame of " + count + " numbers should have " + expected + " more bytes, has " + in.remaining());
      }
      boolean[] absent = mask > 0 ? absenceMask(in, count) : null;
      long[] values = new long[count];
      in.asLongBuffer().get(values);
      in.position(in.limit());
      return new OmFrame.Numbers(values, absent);
    }
    throw new IllegalArgumentException("unknown OM frame type " + (type & 0xFF)
        + " (expected 3 orders, 2 numbers, 4 application values, or 1 orders of wire format 1)");
  }

  /** Reads an absence mask of {@code count} values, a byte per 8, refusing bits set past the count. */
  private static boolean[] absenceMask(ByteBuffer in, int count) {
    boolean[] absent = new boolean[count];
    int mask = (int) ((count + 7L) / 8);
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
    return absent;
  }

  private static OmFrame.Values decodeValues(ByteBuffer in, int count) {
    boolean masked = flags(in, "values") > 0;
    long mask = masked ? (count + 7L) / 8 : 0;
    // The least the rest can be: the mask, the table's length, no entries, a code per value.
    long least = mask + 4 + 4L * count;
    if (in.remaining() < least) {
      throw new IllegalArgumentException(
          "OM frame of " + count + " values should have at least " + least + " more bytes, has " + in.remaining());
    }
    boolean[] absent = masked ? absenceMask(in, count) : null;
    int distinct = in.getInt();
    if (distinct < 0 || distinct > count) {
      throw new IllegalArgumentException("OM frame of " + count + " values claims a table of " + distinct
          + " distinct values (0 to " + count + ")");
    }
    Value[] table = new Value[distinct];
    for (int t = 0; t < distinct; t++) {
      if (in.remaining() < 4) {
        throw new IllegalArgumentException("OM frame's table ends before entry " + t + " of " + distinct);
      }
      int length = in.getInt();
      if (length < 0 || length > in.remaining() - 4L * count) {
        throw new IllegalArgumentException("OM frame's table entry " + t + " claims " + length + " bytes, has "
            + Math.max(0, in.remaining() - 4L * count));
      }
      byte[] bytes = new byte[length];
      in.get(bytes);
      table[t] = Value.bytes(bytes);
    }
    if (in.remaining() != 4L * count) {
      throw new IllegalArgumentException("OM frame of " + count + " values should have " + 4L * count
          + " bytes of codes, has " + in.remaining());
    }
    long[] codes = new long[count];
    for (int i = 0; i < count; i++) {
      codes[i] = in.getInt();
    }
    return new OmFrame.Values(codes, absent, table);
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
