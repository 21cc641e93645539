package io.github.bgp.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What every node of an agreement instance knows alike, loyal or not: how many generals, how
 * many rounds of relaying the algorithm is run for ({@code m}), the kind of value agreed on, how
 * a lieutenant takes a majority, the value a missing message counts as, and (for application
 * values) the largest value the instance carries. The commander is node 0, the lieutenants 1..n-1.
 * Nothing here names a traitor, a strategy or a seed: those belong to a simulation's
 * {@link Scenario}.
 *
 * @param generals n, at least 2
 * @param m the number of traitors the algorithm is run to tolerate, at least 0
 * @param kind the kind of value agreed on
 * @param majority the majority function lieutenants apply
 * @param fallback the value of a missing message (A3), and the default of the majority-with-default
 * @param maxValueBytes for {@code BYTES} values, the largest a node accepts or proposes
 * @since 0.1.0
 */
public record AgreementSpec(int generals, int m, Value.Kind kind, Majority majority, Value fallback, int maxValueBytes) {

  /** The largest application value an instance carries unless it says otherwise: 4 KiB. */
  public static final int DEFAULT_MAX_VALUE_BYTES = 4096;

  /** The largest bound an instance may set: 1 MiB. */
  public static final int MAX_VALUE_BYTES = 1 << 20;

  /**
   * Checks that the parts fit together.
   *
   * @param generals n, at least 2
   * @param m the number of traitors the algorithm is run to tolerate, at least 0
   * @param kind the kind of value agreed on
   * @param majority the majority function lieutenants apply
   * @param fallback the value of a missing message (A3), and the default of the majority-with-default
   * @param maxValueBytes for {@code BYTES} values, the largest a node accepts or proposes
   * @throws IllegalArgumentException if {@code generals} is less than 2, {@code m} is negative,
   *     {@code fallback} or the majority's default is not of {@code kind}, {@code maxValueBytes} is
   *     outside 0 to {@link #MAX_VALUE_BYTES}, or {@code fallback} is larger than it
   * @throws NullPointerException if {@code kind}, {@code majority} or {@code fallback} is null
   */
  public AgreementSpec {
    if (generals < 2) {
      throw new IllegalArgumentException(
          "generals must be at least 2 (a commander and one lieutenant), got " + generals);
    }
    if (m < 0) {
      throw new IllegalArgumentException("m must be at least 0, got " + m);
    }
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(majority, "majority");
    Objects.requireNonNull(fallback, "fallback");
    if (fallback.kind() != kind) {
      throw new IllegalArgumentException("the fallback value " + fallback + " is not a value of kind " + kind);
    }
    majority.defaultValue().ifPresent(d -> {
      if (d.kind() != kind) {
        throw new IllegalArgumentException("the majority's default " + d + " is not a value of kind " + kind);
      }
    });
    if (maxValueBytes < 0 || maxValueBytes > MAX_VALUE_BYTES) {
      throw new IllegalArgumentException("the largest value must be 0 to " + MAX_VALUE_BYTES + " bytes, got "
          + maxValueBytes);
    }
    if (fallback.size() > maxValueBytes) {
      throw new IllegalArgumentException("the fallback value has " + fallback.size() + " bytes, more than the "
          + maxValueBytes + " the instance carries");
    }
  }

  /**
   * n generals agreeing on orders, run for the largest m with n &gt; 3m, majority with RETREAT as the default.
   *
   * @param generals n, at least 2
   * @return the spec (m = (n-1)/3)
   * @throws IllegalArgumentException if {@code generals} is less than 2
   */
  public static AgreementSpec orders(int generals) {
    return orders(generals, Scenario.largestTolerableM(generals));
  }

  /**
   * n generals agreeing on orders with OM(m) or SM(m), majority with RETREAT as the default.
   *
   * @param generals n, at least 2
   * @param m the traitors to tolerate, at least 0 (OM guarantees IC1 and IC2 only for n &gt; 3m)
   * @return the spec
   * @throws IllegalArgumentException if {@code generals} is less than 2 or {@code m} is negative
   */
  public static AgreementSpec orders(int generals, int m) {
    return new AgreementSpec(generals, m, Value.Kind.ORDER, Majority.withDefault(Value.RETREAT), Value.RETREAT, 0);
  }

  /**
   * n generals agreeing on numbers (sensor readings) under the median, 0 for a missing message.
   *
   * @param generals n, at least 2
   * @param m the traitors to tolerate, at least 0
   * @return the spec
   * @throws IllegalArgumentException if {@code generals} is less than 2 or {@code m} is negative
   */
  public static AgreementSpec numbers(int generals, int m) {
    return new AgreementSpec(generals, m, Value.Kind.NUMBER, Majority.median(), Value.number(0), 0);
  }

  /**
   * n generals agreeing on application values of at most {@code maxValueBytes} bytes, by
   * majority with the empty value as the default (and for a missing message).
   *
   * @param generals n, at least 2
   * @param m the traitors to tolerate, at least 0
   * @param maxValueBytes the largest value, 0 to {@link #MAX_VALUE_BYTES} bytes
   * @return the spec
   * @throws IllegalArgumentException if a bound is broken
   */
  public static AgreementSpec bytes(int generals, int m, int maxValueBytes) {
    return new AgreementSpec(generals, m, Value.Kind.BYTES, Majority.withDefault(Value.EMPTY), Value.EMPTY,
        maxValueBytes);
  }

  /**
   * The commander.
   *
   * @return node 0, always
   */
  public NodeId commander() {
    return NodeId.COMMANDER;
  }

  /**
   * The lieutenants.
   *
   * @return nodes 1..n-1, in order, unmodifiable
   */
  public List<NodeId> lieutenants() {
    List<NodeId> all = new ArrayList<>(generals - 1);
    for (int i = 1; i < generals; i++) {
      all.add(NodeId.of(i));
    }
    return List.copyOf(all);
  }

  /**
   * Checks that {@code value} may be proposed in this instance.
   *
   * @param value the value to propose
   * @return {@code value} itself, so a call can wrap it
   * @throws NullPointerException if {@code value} is null
   * @throws IllegalArgumentException if it is of another kind, or larger than the instance carries
   */
  public Value check(Value value) {
    Objects.requireNonNull(value, "value");
    if (value.kind() != kind) {
      throw new IllegalArgumentException("cannot propose " + value + " in an instance agreeing on values of kind "
          + kind);
    }
    if (value.size() > maxValueBytes) {
      throw new IllegalArgumentException("a value of " + value.size() + " bytes is larger than the " + maxValueBytes
          + " this instance carries");
    }
    return value;
  }
}
