package io.github.bgp.api;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What generals agree on: an order ({@link #RETREAT} or {@link #ATTACK}), an ordered number (a
 * sensor reading, for the median variant of the algorithm), or an application's own value as
 * bytes (anything a {@link ValueCodec} writes, compared by equality).
 *
 * <p>Values of one kind are totally ordered: {@code RETREAT < ATTACK}, numbers by their natural
 * order, bytes lexicographically as unsigned. Comparing values of different kinds is a mistake
 * in the caller and throws. Orders and numbers have a {@link #code()}, a {@code long} that names
 * the value within its kind (0 and 1 for the orders, the number itself for numbers); protocols
 * use codes to keep values in flat arrays and on the wire. Bytes have no code: a protocol that
 * keeps flat arrays numbers the distinct byte values of its instance.
 *
 * <p>Instances are immutable; the two orders are singletons.
 *
 * @since 0.1.0
 */
public final class Value implements Comparable<Value> {

  /**
   * The kinds of value. A run uses one kind throughout.
   *
   * @since 0.1.0
   */
  public enum Kind {
    /** ATTACK or RETREAT. */
    ORDER,
    /** A signed 64-bit integer. */
    NUMBER,
    /** An application's value: a byte string, compared by equality (and ordered lexicographically). */
    BYTES
  }

  /** The default order: what a lieutenant does on a tie or when no order arrives. */
  public static final Value RETREAT = new Value(Kind.ORDER, 0, null);

  /** The order to attack. */
  public static final Value ATTACK = new Value(Kind.ORDER, 1, null);

  /** The empty byte string: the default for application values unless a run sets another. */
  public static final Value EMPTY = new Value(Kind.BYTES, 0, new byte[0]);

  private static final Pattern INTEGER = Pattern.compile("[+-]?[0-9]+");
  private static final Pattern HEX = Pattern.compile("0[xX]([0-9a-fA-F]{2})*");

  private final Kind kind;
  private final long code;
  private final byte[] bytes;

  private Value(Kind kind, long code, byte[] bytes) {
    this.kind = kind;
    this.code = code;
    this.bytes = bytes;
  }

  /**
   * A numeric value, of kind {@code NUMBER}; its code is the number itself.
   *
   * @param number any 64-bit integer
   * @return the value
   */
  public static Value number(long number) {
    return new Value(Kind.NUMBER, number, null);
  }

  /**
   * An application value, of kind {@code BYTES}: these bytes (copied, so later changes to the
   * array do not change the value).
   *
   * @param bytes the application's encoding; an empty array gives {@link #EMPTY}
   * @return the value
   * @throws NullPointerException if {@code bytes} is null
   */
  public static Value bytes(byte[] bytes) {
    Objects.requireNonNull(bytes, "bytes");
    return bytes.length == 0 ? EMPTY : new Value(Kind.BYTES, 0, bytes.clone());
  }

  /**
   * The value of the given kind with the given code: the inverse of {@link #code()}.
   *
   * @param kind {@code ORDER} or {@code NUMBER}
   * @param code 0 ({@link #RETREAT}) or 1 ({@link #ATTACK}) for orders, any number for numbers
   * @return the value
   * @throws IllegalArgumentException if {@code kind} is {@code ORDER} and {@code code} is not 0 or 1,
   *     or {@code kind} is {@code BYTES}, which has no codes
   */
  public static Value of(Kind kind, long code) {
    Objects.requireNonNull(kind, "kind");
    switch (kind) {
      case NUMBER:
        return number(code);
      case ORDER:
        if (code == 0) {
          return RETREAT;
        }
        if (code == 1) {
          return ATTACK;
        }
        throw new IllegalArgumentException("not an order code: " + code + " (expected 0 for RETREAT or 1 for ATTACK)");
      default:
        throw new IllegalArgumentException("byte values have no code; use Value.bytes");
    }
  }

  /**
   * Parses {@code ATTACK} or {@code RETREAT} (any case), a decimal integer, or {@code 0x} followed
   * by an even number of hexadecimal digits (an application value; {@code 0x} alone is the empty
   * value). Leading and trailing white space is ignored.
   *
   * @param text the text, as {@link #toString()} writes it
   * @return the value it names
   * @throws IllegalArgumentException naming the text if it is none of those (or null, or an integer
   *     outside the range of {@code long})
   */
  public static Value parse(String text) {
    String expected = "expected ATTACK, RETREAT, an integer or 0x and hexadecimal bytes";
    if (text == null) {
      throw new IllegalArgumentException("not a value: null (" + expected + ")");
    }
    String t = text.strip();
    switch (t.toUpperCase(Locale.ROOT)) {
      case "ATTACK":
        return ATTACK;
      case "RETREAT":
        return RETREAT;
      default:
        if (INTEGER.matcher(t).matches()) {
          try {
            return number(Long.parseLong(t));
          } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a value: '" + text + "' (an integer must lie between "
                + Long.MIN_VALUE + " and " + Long.MAX_VALUE + ")");
          }
        }
        if (HEX.matcher(t).matches()) {
          return bytes(HexFormat.of().parseHex(t.substring(2)));
        }
        throw new IllegalArgumentException("not a value: '" + text + "' (" + expected + ")");
    }
  }

  /**
   * The kind of this value.
   *
   * @return {@code ORDER}, {@code NUMBER} or {@code BYTES}
   */
  public Kind kind() {
    return kind;
  }

  /**
   * Whether this value is one of the two orders.
   *
   * @return {@code true} for {@link #ATTACK} and {@link #RETREAT}
   */
  public boolean isOrder() {
    return kind == Kind.ORDER;
  }

  /**
   * The code of this value within its kind: 0 or 1 for orders, the number for numbers.
   *
   * @return the code; {@link #of(Kind, long)} gives the value back
   * @throws IllegalStateException for byte values, which have none
   */
  public long code() {
    if (kind == Kind.BYTES) {
      throw new IllegalStateException("a byte value has no code: " + this);
    }
    return code;
  }

  /**
   * The number this value holds.
   *
   * @return the number
   * @throws IllegalStateException if this is not a number
   */
  public long number() {
    if (kind != Kind.NUMBER) {
      throw new IllegalStateException(this + " is not a number");
    }
    return code;
  }

  /**
   * The bytes this value holds (a copy).
   *
   * @return a fresh copy of the bytes, empty for {@link #EMPTY}
   * @throws IllegalStateException if this is not a byte value
   */
  public byte[] bytes() {
    if (kind != Kind.BYTES) {
      throw new IllegalStateException(this + " is not a byte value");
    }
    return bytes.clone();
  }

  /**
   * How many bytes this value holds, without copying them.
   *
   * @return the number of bytes of a byte value; 0 for orders and numbers
   */
  public int size() {
    return kind == Kind.BYTES ? bytes.length : 0;
  }

  /**
   * Orders values of the same kind.
   *
   * @throws IllegalArgumentException if the kinds differ (an order is not comparable to a number)
   */
  @Override
  public int compareTo(Value other) {
    if (kind != other.kind) {
      throw new IllegalArgumentException("cannot compare " + this + " with " + other + ": they are of different kinds");
    }
    if (kind == Kind.BYTES) {
      return Arrays.compareUnsigned(bytes, other.bytes);
    }
    return Long.compare(code, other.code);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Value v && v.kind == kind && v.code == code && Arrays.equals(v.bytes, bytes);
  }

  @Override
  public int hashCode() {
    return kind == Kind.BYTES ? Arrays.hashCode(bytes) * 31 + 2 : Long.hashCode(code) * 31 + kind.ordinal();
  }

  /** {@code ATTACK}, {@code RETREAT}, the decimal number, or {@code 0x} and hex; {@link #parse} reads it back. */
  @Override
  public String toString() {
    switch (kind) {
      case NUMBER:
        return Long.toString(code);
      case BYTES:
        return "0x" + HexFormat.of().formatHex(bytes);
      default:
        return code == 1 ? "ATTACK" : "RETREAT";
    }
  }
}
