package io.github.bgp.api;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What one lieutenant decided, and what it heard: the values it gave to its final majority,
 * keyed by the general each came from (for OM(m), the commander's own order and, for every
 * other lieutenant j, the outcome of the OM(m-1) that j led). This is the "what it heard"
 * column of the seeds' tables.
 */
public record Decision(Value value, SortedMap<NodeId, Value> heard) {

  public Decision {
    Objects.requireNonNull(value, "value");
    TreeMap<NodeId, Value> sorted = new TreeMap<>(); // by id, whatever the caller's map sorts by
    sorted.putAll(heard);
    heard = Collections.unmodifiableSortedMap(sorted);
  }

  /** A decision with nothing to show for how it was reached. */
  public static Decision of(Value value) {
    return new Decision(value, new TreeMap<>());
  }

  /** A decision and what was heard, from any map (it is kept sorted by id). */
  public static Decision of(Value value, Map<NodeId, Value> heard) {
    return new Decision(value, new TreeMap<>(heard));
  }
}
