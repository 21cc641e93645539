package io.github.bgp.api;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What one lieutenant decided, what it heard, and what it can prove.
 *
 * <p>{@code heard} holds the values it gave to its final choice, keyed by the general each came
 * from (for OM(m), the commander's own order and, for every other lieutenant j, the outcome of
 * the OM(m-1) that j led): the "what it heard" column of the seeds' tables. {@code evidence}
 * says in words what the lieutenant learnt beyond its decision, for instance that it holds two
 * different orders both signed by the commander, which proves the commander a traitor.
 *
 * @param value the value the lieutenant decided
 * @param heard the values its choice was made from, by the general each came from (kept sorted by id)
 * @param evidence what it can prove beyond its decision, one sentence each; empty if nothing
 * @since 0.1.0
 */
public record Decision(Value value, SortedMap<NodeId, Value> heard, List<String> evidence) {

  /**
   * Checks the value and makes immutable, id-sorted copies of {@code heard} and {@code evidence}.
   *
   * @param value the value the lieutenant decided
   * @param heard the values its choice was made from, by the general each came from (kept sorted by id)
   * @param evidence what it can prove beyond its decision, one sentence each; empty if nothing
   * @throws NullPointerException if {@code value}, {@code heard} or {@code evidence} is null
   */
  public Decision {
    Objects.requireNonNull(value, "value");
    TreeMap<NodeId, Value> sorted = new TreeMap<>(); // by id, whatever the caller's map sorts by
    sorted.putAll(heard);
    heard = Collections.unmodifiableSortedMap(sorted);
    evidence = List.copyOf(evidence);
  }

  /**
   * A decision with what was heard and no evidence.
   *
   * @param value the value decided
   * @param heard the values the choice was made from, by the general each came from
   */
  public Decision(Value value, SortedMap<NodeId, Value> heard) {
    this(value, heard, List.of());
  }

  /**
   * A decision with nothing to show for how it was reached (nothing heard, no evidence).
   *
   * @param value the value decided
   * @return the decision
   */
  public static Decision of(Value value) {
    return new Decision(value, new TreeMap<>());
  }

  /**
   * A decision and what was heard, from any map (it is kept sorted by id), with no evidence.
   *
   * @param value the value decided
   * @param heard the values the choice was made from, by the general each came from
   * @return the decision
   */
  public static Decision of(Value value, Map<NodeId, Value> heard) {
    return new Decision(value, new TreeMap<>(heard));
  }
}
