package io.github.bgp.om;

import io.github.bgp.api.Value;

/**
 * What one general sends another in one round of OM(m): the values of every path the round
 * relays between them, in the canonical order of {@link Layout}. A frame never carries paths;
 * both ends enumerate them. A value may be absent (a traitor that chose to say nothing about
 * that path); the receiver then uses the default, as for a missing message.
 */
sealed interface OmFrame permits OmFrame.Orders, OmFrame.Numbers {

  /** The number of values, present or absent. */
  int size();

  /** How many values are present: the logical messages this frame carries. */
  int present();

  /** The i-th value, or null if absent. For traces and tests; nodes read the arrays instead. */
  Value valueAt(int i);

  /** ATTACK/RETREAT at a bit each ({@link Bits}): 1 ATTACK, 0 RETREAT, with a mask of absent values. */
  final class Orders implements OmFrame {
    private final long[] words;
    private final int count;
    private final long[] absent;
    private final int present;

    /**
     * Takes ownership of {@code words} (made by {@link Bits#words} for {@code count} bits, the
     * bits past {@code count} 0) and {@code absent} (null if every value is present; else the
     * same shape, a set bit an absent value, whose bit in {@code words} must be 0).
     */
    Orders(long[] words, int count, long[] absent) {
      if (count < 0 || words.length != Bits.wordsFor(count) + 1 || (absent != null && absent.length != words.length)) {
        throw new IllegalArgumentException("a frame of " + count + " orders needs " + (Bits.wordsFor(count) + 1)
            + " words, got " + words.length + (absent == null ? "" : " and a mask of " + absent.length));
      }
      this.words = words;
      this.count = count;
      long missing = absent == null ? 0 : Bits.popcount(absent, count);
      this.absent = missing == 0 ? null : absent;
      this.present = (int) (count - missing);
    }

    /** A frame of one order. */
    static Orders of(Value order) {
      long[] words = Bits.words(1);
      words[0] = order.code();
      return new Orders(words, 1, null);
    }

    /** The values as bits, absent ones 0. */
    long[] words() {
      return words;
    }

    /** The absence mask, or null if every value is present. */
    long[] absent() {
      return absent;
    }

    /**
     * The values with every absent one replaced by {@code fallback} (0 or 1): the words
     * themselves when none is absent or the fallback is 0, else a new array.
     */
    long[] resolved(int fallback) {
      if (absent == null || fallback == 0) {
        return words;
      }
      long[] out = words.clone();
      for (int w = 0; w < out.length; w++) {
        out[w] |= absent[w];
      }
      return out;
    }

    @Override
    public int size() {
      return count;
    }

    @Override
    public int present() {
      return present;
    }

    @Override
    public Value valueAt(int i) {
      if (i < 0 || i >= count) {
        throw new IndexOutOfBoundsException("value " + i + " of a frame of " + count);
      }
      if (absent != null && Bits.bit(absent, i) == 1) {
        return null;
      }
      return Bits.bit(words, i) == 1 ? Value.ATTACK : Value.RETREAT;
    }
  }

  /** Numbers, with a mask of absent positions (null if every value is present). */
  final class Numbers implements OmFrame {
    private final long[] values;
    private final boolean[] absent;
    private final int present;

    /** Takes ownership of both arrays. */
    Numbers(long[] values, boolean[] absent) {
      if (absent != null && absent.length != values.length) {
        throw new IllegalArgumentException("absence mask of " + absent.length + " for " + values.length + " values");
      }
      int p = values.length;
      if (absent != null) {
        for (boolean a : absent) {
          if (a) {
            p--;
          }
        }
      }
      this.values = values;
      this.absent = p == values.length ? null : absent;
      this.present = p;
    }

    long[] array() {
      return values;
    }

    boolean isAbsent(int i) {
      return absent != null && absent[i];
    }

    boolean hasAbsent() {
      return absent != null;
    }

    /** The values with every absent one replaced by {@code fallback}: the array itself when none is absent. */
    long[] resolved(long fallback) {
      if (absent == null) {
        return values;
      }
      long[] out = values.clone();
      for (int i = 0; i < out.length; i++) {
        if (absent[i]) {
          out[i] = fallback;
        }
      }
      return out;
    }

    @Override
    public int size() {
      return values.length;
    }

    @Override
    public int present() {
      return present;
    }

    @Override
    public Value valueAt(int i) {
      return isAbsent(i) ? null : Value.number(values[i]);
    }
  }
}
