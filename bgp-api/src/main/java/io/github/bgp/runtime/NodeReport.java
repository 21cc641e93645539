package io.github.bgp.runtime;

import io.github.bgp.api.Decision;
import io.github.bgp.api.DropReason;
import io.github.bgp.api.LogicalMessage;
import io.github.bgp.api.NodeId;
import io.github.bgp.api.Note;
import io.github.bgp.api.Verdict;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What one node did in one protocol instance: its decision (agreement) or outcomes (commit), what
 * it sent and received, what it dropped and its counters. The {@link NodeDriver} makes one per
 * node; {@link Outcomes#of} combines a run's reports, which is how a run whose nodes are separate
 * processes gets the same {@code Outcome} as a simulation.
 *
 * @param node the node reporting
 * @param decision the agreement decision this node released, if any
 * @param outcomes the commit outcomes this node released, by transaction
 * @param messagesSent logical messages sent
 * @param framesSent frames sent (each carries one or more logical messages)
 * @param bytesSent payload bytes of those frames, as encoded for the wire
 * @param messagesReceived logical messages received (whether or not then dropped)
 * @param lastRound the highest round this node sent in
 * @param dropped incoming frames this node dropped, by reason
 * @param counters the protocol's counters at this node, and the driver's ({@code log.forces})
 * @param trace the logical messages this node received, if the run was traced
 * @param notes the facts this node noted, if the run was traced
 * @since 0.1.0
 */
public record NodeReport(NodeId node, Optional<Decision> decision, SortedMap<Long, Verdict> outcomes,
    long messagesSent, long framesSent, long bytesSent, long messagesReceived, int lastRound,
    Map<DropReason, Long> dropped, SortedMap<String, Long> counters, List<LogicalMessage> trace, List<Note> notes) {

  /**
   * Checks the parts and makes immutable, sorted copies of every collection.
   *
   * @param node the node reporting
   * @param decision the agreement decision this node released, if any
   * @param outcomes the commit outcomes this node released, by transaction
   * @param messagesSent logical messages sent
   * @param framesSent frames sent (each carries one or more logical messages)
   * @param bytesSent payload bytes of those frames, as encoded for the wire
   * @param messagesReceived logical messages received (whether or not then dropped)
   * @param lastRound the highest round this node sent in
   * @param dropped incoming frames this node dropped, by reason
   * @param counters the protocol's counters at this node, and the driver's ({@code log.forces})
   * @param trace the logical messages this node received, if the run was traced
   * @param notes the facts this node noted, if the run was traced
   * @throws NullPointerException if a part is null
   */
  public NodeReport {
    Objects.requireNonNull(node, "node");
    Objects.requireNonNull(decision, "decision");
    outcomes = Collections.unmodifiableSortedMap(new TreeMap<>(outcomes));
    EnumMap<DropReason, Long> d = new EnumMap<>(DropReason.class);
    d.putAll(dropped);
    dropped = Collections.unmodifiableMap(d);
    counters = Collections.unmodifiableSortedMap(new TreeMap<>(counters));
    trace = List.copyOf(trace);
    notes = List.copyOf(notes);
  }

  /**
   * A report with a decision and no outcomes, trace or notes (for reports read back from another process).
   *
   * @param node the node reporting
   * @param decision the agreement decision it released, if any
   * @param messagesSent logical messages sent
   * @param framesSent frames sent
   * @param bytesSent payload bytes of those frames
   * @param messagesReceived logical messages received
   * @param lastRound the highest round it sent in
   * @param dropped incoming frames it dropped, by reason
   * @param counters its counters
   * @return the report
   */
  public static NodeReport of(NodeId node, Optional<Decision> decision, long messagesSent, long framesSent,
      long bytesSent, long messagesReceived, int lastRound, Map<DropReason, Long> dropped,
      SortedMap<String, Long> counters) {
    return new NodeReport(node, decision, new TreeMap<>(), messagesSent, framesSent, bytesSent, messagesReceived,
        lastRound, dropped, counters, List.of(), List.of());
  }

  /**
   * The counter called {@code name} at this node.
   *
   * @param name the counter's name
   * @return its value, 0 if never counted
   */
  public long counter(String name) {
    return counters.getOrDefault(name, 0L);
  }
}
