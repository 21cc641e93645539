package io.github.bgp.api;

import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What one node did in one protocol instance: its decision, what it sent and received, what it
 * dropped and its protocol counters. A runtime makes one per node; {@link Outcome#of} combines a
 * run's reports, which is how a run whose nodes are separate processes gets the same
 * {@link Outcome} as a simulation.
 *
 * @param messagesSent logical messages sent
 * @param messagesReceived logical messages received (whether or not then dropped)
 * @param lastRound the highest round this node sent in
 * @param trace the logical messages this node received, if the run was traced
 */
public record NodeReport(NodeId node, Optional<Decision> decision, long messagesSent, long framesSent, long bytesSent,
    long messagesReceived, int lastRound, Map<DropReason, Long> dropped, SortedMap<String, Long> counters,
    List<LogicalMessage> trace) {

  public NodeReport {
    Objects.requireNonNull(node, "node");
    Objects.requireNonNull(decision, "decision");
    EnumMap<DropReason, Long> d = new EnumMap<>(DropReason.class);
    d.putAll(dropped);
    dropped = Collections.unmodifiableMap(d);
    counters = Collections.unmodifiableSortedMap(new TreeMap<>(counters));
    trace = List.copyOf(trace);
  }
}
