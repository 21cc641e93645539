package io.github.bgp.api;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What generals agree on: an order ({@link #RETREAT} or {@link #ATTACK}) or an ordered
 * number (a sensor reading, for the median variant of the algorithm).
 *
 * <p>Values of one kind are totally ordered: {@code RETREAT < ATTACK}, numbers by their
 * natural order. Comparing values of different kinds is a mistake in the caller and throws.
 * Every value has a {@link #code()}, a {@code long} that names it within its kind (0 and 1 for
 * the orders, the number itself for numbers); protocols use codes to keep values in flat
 * arrays and on the wire.
 *
 * <p>Instances are immutable; the two orders are singletons.
 */
public final class Value implements Comparable<Value> {

  /** The kinds of value. A run uses one kind throughout. */
  public enum Kind {
    /** ATTACK or RETREAT. */
    ORDER,
    /** A signed 64-bit integer. */
    NUMBER
  }

  /** The default order: what a lieutenant does on a tie or when no order arrives. */
  public static final Value RETREAT = new Value(Kind.ORDER, 0);

  /** The order to attack. */
  public static final Value ATTACK = new Value(Kind.ORDER, 1);

  private static final Pattern INTEGER = Pattern.compile("[+-]?[0-9]+");

  private final Kind kind;
  private final long code;

  private Value(Kind kind, long code) {
    this.kind = kind;
    this.code = code;
  }

  /** A numeric value. */
  public static Value number(long number) {
    return new Value(Kind.NUMBER, number);
  }

  /**
   * The value of the given kind with the given code.
   *
   * @throws IllegalArgumentException if {@code kind} is {@code ORDER} and {@code code} is not 0 or 1
   */
  public static Value of(Kind kind, long code) {
    Objects.requireNonNull(kind, "kind");
    if (kind == Kind.NUMBER) {
      return number(code);
    }
    if (code == 0) {
      return RETREAT;
    }
    if (code == 1) {
      return ATTACK;
    }
    throw new IllegalArgumentException("not an order code: " + code + " (expected 0 for RETREAT or 1 for ATTACK)");
  }

  /**
   * Parses {@code ATTACK} or {@code RETREAT} (any case) or a decimal integer.
   *
   * @throws IllegalArgumentException naming the text if it is none of those
   */
  public static Value parse(String text) {
    if (text == null) {
      throw new IllegalArgumentException("not a value: null (expected ATTACK, RETREAT or an integer)");
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
            throw new IllegalArgumentException(
                "not a value: '" + text + "' (an integer must lie between " + Long.MIN_VALUE + " and "
                    + Long.MAX_VALUE + ")");
          }
        }
        throw new IllegalArgumentException(
            "not a value: '" + text + "' (expected ATTACK, RETREAT or an integer)");
    }
  }

  public Kind kind() {
    return kind;
  }

  public boolean isOrder() {
    return kind == Kind.ORDER;
  }

  /** The code of this value within its kind: 0 or 1 for orders, the number for numbers. */
  public long code() {
    return code;
  }

  /**
   * The number this value holds.
   *
   * @throws IllegalStateException if this is an order
   */
  public long number() {
    if (kind != Kind.NUMBER) {
      throw new IllegalStateException(this + " is an order, not a number");
    }
    return code;
  }

  /**
   * Orders values of the same kind.
   *
   * @throws IllegalArgumentException if the kinds differ (an order is not comparable to a number)
   */
  @Override
  public int compareTo(Value other) {
    if (kind != other.kind) {
      throw new IllegalArgumentException("cannot compare " + this + " with " + other + ": an order is not a number");
    }
    return Long.compare(code, other.code);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Value v && v.kind == kind && v.code == code;
  }

  @Override
  public int hashCode() {
    return Long.hashCode(code) * 31 + kind.ordinal();
  }

  /** {@code ATTACK}, {@code RETREAT} or the decimal number; {@link #parse} reads it back. */
  @Override
  public String toString() {
    if (kind == Kind.NUMBER) {
      return Long.toString(code);
    }
    return code == 1 ? "ATTACK" : "RETREAT";
  }
}
