package io.github.bgp.om;

/**
 * Orders at a bit each: bit i of a {@code long[]} is bit {@code i & 63} of word {@code i >>> 6}
 * (1 ATTACK, 0 RETREAT), the order of a little-endian byte stream, which is how
 * {@link OmCodec} writes them. Every array made by {@link #words} has one spare word at the
 * end, so {@link #read} takes up to 64 bits at any position without a bounds test.
 */
final class Bits {

  private Bits() {}

  /** An array for {@code bits} bits, with the spare word {@link #read} may touch. */
  static long[] words(long bits) {
    return new long[wordsFor(bits) + 1];
  }

  /** Words that hold {@code bits} bits, without the spare one. */
  static int wordsFor(long bits) {
    return (int) ((bits + 63) >>> 6);
  }

  /** The low {@code len} bits set, for {@code len} from 1 to 64. */
  static long mask(int len) {
    return -1L >>> -len;
  }

  /** Bit {@code i}: 0 or 1. */
  static int bit(long[] a, long i) {
    return (int) (a[(int) (i >>> 6)] >>> i) & 1;
  }

  /** Sets bit {@code i} to {@code value} (0 or 1). */
  static void set(long[] a, long i, int value) {
    int w = (int) (i >>> 6);
    a[w] = (a[w] & ~(1L << i)) | ((long) value << i);
  }

  /** The {@code len} bits (1 to 64) from position {@code pos}, bit {@code pos} lowest. */
  static long read(long[] a, long pos, int len) {
    int w = (int) (pos >>> 6);
    int s = (int) pos & 63;
    // The second word's contribution is shifted in two steps so that s = 0 adds nothing.
    long v = (a[w] >>> s) | ((a[w + 1] << (63 - s)) << 1);
    return v & mask(len);
  }

  /** {@code x} without bit {@code q}: the bits above it move down one. */
  static long compress(long x, int q) {
    long low = (1L << q) - 1;
    return (x & low) | ((x >>> 1) & ~low);
  }

  /** {@code x} with a 0 inserted at bit {@code q}: the bits from q up move up one. */
  static long expand(long x, int q) {
    long low = (1L << q) - 1;
    return (x & low) | ((x & ~low) << 1);
  }

  /** Bits set in the first {@code count} bits. */
  static long popcount(long[] a, long count) {
    long ones = 0;
    int full = (int) (count >>> 6);
    for (int w = 0; w < full; w++) {
      ones += Long.bitCount(a[w]);
    }
    int rest = (int) count & 63;
    if (rest > 0) {
      ones += Long.bitCount(a[full] & mask(rest));
    }
    return ones;
  }

  /** An array of {@code count} bits all equal to {@code value} (0 or 1), unused bits 0. */
  static long[] filled(long count, int value) {
    long[] a = words(count);
    if (value != 0 && count > 0) {
      int full = (int) (count >>> 6);
      java.util.Arrays.fill(a, 0, full, -1L);
      int rest = (int) count & 63;
      if (rest > 0) {
        a[full] = mask(rest);
      }
    }
    return a;
  }

  /** Inverts the first {@code count} bits in place, leaving the unused ones 0. */
  static void invert(long[] a, long count) {
    int full = (int) (count >>> 6);
    for (int w = 0; w < full; w++) {
      a[w] = ~a[w];
    }
    int rest = (int) count & 63;
    if (rest > 0) {
      a[full] = ~a[full] & mask(rest);
    }
  }

  /**
   * Appends bits to an array, in order, a word at a time. Bits above what was appended stay 0,
   * so a finished array is in the canonical form the codec writes.
   */
  static final class Writer {
    private final long[] out;
    private int word;
    private long acc;
    private int fill;

    Writer(long[] out) {
      this.out = out;
    }

    /** Appends the low {@code len} bits of {@code bits} (1 to 64); the bits above them must be 0. */
    void append(long bits, int len) {
      acc |= bits << fill;
      int f = fill + len;
      if (f >= 64) {
        out[word++] = acc;
        // What did not fit; shifted in two steps so that fill = 0 leaves nothing.
        acc = (bits >>> (63 - fill)) >>> 1;
        f -= 64;
      }
      fill = f;
    }

    /** Appends {@code len} bits (any number) of {@code src} from position {@code pos}. */
    void copy(long[] src, long pos, long len) {
      while (len >= 64) {
        append(read(src, pos, 64), 64);
        pos += 64;
        len -= 64;
      }
      if (len > 0) {
        append(read(src, pos, (int) len), (int) len);
      }
    }

    /** Appends {@code len} copies of {@code value} (0 or 1). */
    void repeat(int value, long len) {
      long bits = value == 0 ? 0 : -1L;
      while (len >= 64) {
        append(bits, 64);
        len -= 64;
      }
      if (len > 0) {
        append(bits & mask((int) len), (int) len);
      }
    }

    /** Writes out the last, partial word; returns the array. */
    long[] finish() {
      if (fill > 0) {
        out[word] = acc;
      }
      return out;
    }
  }
}
