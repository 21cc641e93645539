package io.github.bgp.om;

import io.github.bgp.api.Value;
import java.util.Arrays;

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

  /** The i-th value, or null if absent. For traces and tests; nodes copy arrays instead. */
  Value valueAt(int i);

  /**
   * Copies the values into {@code level} (a {@code byte[]} for orders, a {@code long[]} for
   * numbers) from position {@code start}, an absent value as {@code fallback}.
   */
  void copyInto(Object level, int start, long fallback);

  /** A frame over {@code values} (a {@code byte[]} or {@code long[]}, owned from now on). */
  static OmFrame of(Object values, boolean[] absent) {
    if (values instanceof byte[] orders) {
      int missing = 0;
      if (absent != null) {
        for (int i = 0; i < absent.length; i++) {
          if (absent[i]) {
            orders[i] = Orders.ABSENT;
            missing++;
          }
        }
      }
      return new Orders(orders, orders.length - missing);
    }
    return new Numbers((long[]) values, absent);
  }

  /** Fills {@code length} positions of {@code level} from {@code start} with {@code value}. */
  static void fill(Object level, int start, int length, long value) {
    if (level instanceof byte[] orders) {
      Arrays.fill(orders, start, start + length, (byte) value);
    } else {
      Arrays.fill((long[]) level, start, start + length, value);
    }
  }

  /** ATTACK/RETREAT as bytes: 0 RETREAT, 1 ATTACK, {@link #ABSENT} for no value. */
  final class Orders implements OmFrame {
    static final byte ABSENT = -1;

    private final byte[] values;
    private final int present;

    /** Takes ownership of {@code values}, which must hold only 0, 1 and ABSENT, {@code present} of them not ABSENT. */
    Orders(byte[] values, int present) {
      this.values = values;
      this.present = present;
    }

    /** Takes ownership of {@code values}, counting the present ones. */
    Orders(byte[] values) {
      this(values, values.length - absentIn(values));
    }

    /**
     * How many of {@code values} are ABSENT.
     *
     * @throws IllegalArgumentException if one is not 0, 1 or ABSENT, naming its position
     */
    static int absentIn(byte[] values) {
      int absent = 0;
      for (int i = 0; i < values.length; i++) {
        int shifted = (values[i] + 1) & 0xFF; // ABSENT -> 0, RETREAT -> 1, ATTACK -> 2
        if (shifted > 2) {
          throw new IllegalArgumentException("OM frame value " + i + " is " + (values[i] & 0xFF)
              + ", not an order (0 RETREAT, 1 ATTACK, 255 absent)");
        }
        absent += shifted == 0 ? 1 : 0;
      }
      return absent;
    }

    byte[] array() {
      return values;
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
      byte v = values[i];
      return v == ABSENT ? null : v == 1 ? Value.ATTACK : Value.RETREAT;
    }

    @Override
    public void copyInto(Object level, int start, long fallback) {
      byte[] into = (byte[]) level;
      System.arraycopy(values, 0, into, start, values.length);
      if (present != values.length) {
        for (int i = 0; i < values.length; i++) {
          if (values[i] == ABSENT) {
            into[start + i] = (byte) fallback;
          }
        }
      }
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
      this.values = values;
      this.absent = absent;
      int p = values.length;
      if (absent != null) {
        for (boolean a : absent) {
          if (a) {
            p--;
          }
        }
      }
      this.present = p;
    }

    long[] array() {
      return values;
    }

    boolean isAbsent(int i) {
      return absent != null && absent[i];
    }

    boolean hasAbsent() {
      return present != values.length;
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

    @Override
    public void copyInto(Object level, int start, long fallback) {
      long[] into = (long[]) level;
      System.arraycopy(values, 0, into, start, values.length);
      if (hasAbsent()) {
        for (int i = 0; i < values.length; i++) {
          if (absent[i]) {
            into[start + i] = fallback;
          }
        }
      }
    }
  }
}
