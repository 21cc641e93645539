package io.github.bgp.api;

import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The result of one run of an agreement protocol: what every loyal lieutenant decided, what
 * the run cost, and whether the interactive consistency conditions held.
 *
 * <ul>
 *   <li>IC1: all loyal lieutenants obey the same order.
 *   <li>IC2: if the commander is loyal, every loyal lieutenant obeys the order it sends.
 * </ul>
 *
 * <p>A loyal lieutenant that never decided counts against both conditions. Traitors'
 * decisions are not recorded: the conditions say nothing about them.
 *
 * @param protocol the name of the protocol that ran
 * @param scenario the scenario that ran: who was a traitor, the commander's order
 * @param guarantee what the protocol promised for the scenario
 * @param decisions each loyal lieutenant's decision, by id
 * @param undecided loyal lieutenants that did not decide
 * @param messages logical messages actually sent (a traitor's silence is not counted)
 * @param frames frames sent: one per (round, sender, receiver) that carried anything
 * @param bytes payload bytes of those frames, as encoded for the wire
 * @param rounds the highest round any frame was sent in
 * @param received logical messages each general received
 * @param dropped incoming frames dropped, by reason
 * @param trace every logical message, if the run was traced; otherwise empty
 * @param notes what the nodes noted beyond their messages (lies, defaults, ties), if traced
 * @param counters the protocol's own counters, summed over the nodes
 * @since 0.1.0
 */
public record Outcome(
    String protocol,
    Scenario scenario,
    Guarantee guarantee,
    SortedMap<NodeId, Decision> decisions,
    SortedSet<NodeId> undecided,
    long messages,
    long frames,
    long bytes,
    int rounds,
    SortedMap<NodeId, Long> received,
    Map<DropReason, Long> dropped,
    List<LogicalMessage> trace,
    List<Note> notes,
    SortedMap<String, Long> counters) {

  /**
   * Checks the parts and makes immutable, sorted copies of every collection.
   *
   * @param protocol the name of the protocol that ran
   * @param scenario the scenario that ran: who was a traitor, the commander's order
   * @param guarantee what the protocol promised for the scenario
   * @param decisions each loyal lieutenant's decision, by id
   * @param undecided loyal lieutenants that did not decide
   * @param messages logical messages actually sent (a traitor's silence is not counted)
   * @param frames frames sent: one per (round, sender, receiver) that carried anything
   * @param bytes payload bytes of those frames, as encoded for the wire
   * @param rounds the highest round any frame was sent in
   * @param received logical messages each general received
   * @param dropped incoming frames dropped, by reason
   * @param trace every logical message, if the run was traced; otherwise empty
   * @param notes what the nodes noted beyond their messages (lies, defaults, ties), if traced
   * @param counters the protocol's own counters, summed over the nodes
   * @throws NullPointerException if a part is null
   * @throws IllegalArgumentException if a decision is recorded for a node that is not a loyal
   *     lieutenant, or {@code undecided} is not exactly the loyal lieutenants without a decision
   */
  public Outcome {
    Objects.requireNonNull(protocol, "protocol");
    Objects.requireNonNull(scenario, "scenario");
    Objects.requireNonNull(guarantee, "guarantee");
    decisions = Collections.unmodifiableSortedMap(byId(decisions));
    TreeSet<NodeId> notDecided = new TreeSet<>();
    notDecided.addAll(undecided);
    undecided = Collections.unmodifiableSortedSet(notDecided);
    received = Collections.unmodifiableSortedMap(byId(received));
    EnumMap<DropReason, Long> d = new EnumMap<>(DropReason.class);
    d.putAll(dropped);
    dropped = Collections.unmodifiableMap(d);
    trace = List.copyOf(trace);
    notes = List.copyOf(notes);
    TreeMap<String, Long> counted = new TreeMap<>(); // by name, whatever the caller's map sorts by
    counted.putAll(counters);
    counters = Collections.unmodifiableSortedMap(counted);
    List<NodeId> loyal = scenario.loyalLieutenants();
    for (NodeId id : decisions.keySet()) {
      if (!loyal.contains(id)) {
        throw new IllegalArgumentException("decision recorded for " + id + ", who is not a loyal lieutenant");
      }
    }
    TreeSet<NodeId> expected = new TreeSet<>(loyal);
    expected.removeAll(decisions.keySet());
    if (!expected.equals(undecided)) {
      throw new IllegalArgumentException("undecided must be exactly the loyal lieutenants without a decision, "
          + expected + ", not " + undecided);
    }
  }
  /**
   * An outcome without notes or protocol counters.
   *
   * @param protocol the name of the protocol that ran
   * @param scenario the scenario that ran
   * @param guarantee what the protocol promised for the scenario
   * @param decisions each loyal lieutenant's decision, by id
   * @param undecided loyal lieutenants that did not decide
   * @param messages logical messages actually sent
   * @param frames frames sent
   * @param bytes payload bytes of those frames
   * @param rounds the highest round any frame was sent in
   * @param received logical messages each general received
   * @param dropped incoming frames dropped, by reason
   * @param trace every logical message, if the run was traced; otherwise empty
   * @throws IllegalArgumentException as the canonical constructor does
   */
  public Outcome(String protocol, Scenario scenario, Guarantee guarantee, SortedMap<NodeId, Decision> decisions,
      SortedSet<NodeId> undecided, long messages, long frames, long bytes, int rounds,
      SortedMap<NodeId, Long> received, Map<DropReason, Long> dropped, List<LogicalMessage> trace) {
    this(protocol, scenario, guarantee, decisions, undecided, messages, frames, bytes, rounds, received, dropped,
        trace, List.of(), new TreeMap<>());
  }

  /**
   * The protocol's counter called {@code name}, summed over the nodes.
   *
   * @param name the counter's name, as the protocol counts it
   * @return its total, 0 if it never counted it
   */
  public long counter(String name) {
    return counters.getOrDefault(name, 0L);
  }

  private static <V> TreeMap<NodeId, V> byId(Map<NodeId, V> map) {
    TreeMap<NodeId, V> sorted = new TreeMap<>(); // by id, whatever the caller's map sorts by
    sorted.putAll(map);
    return sorted;
  }

  /**
   * IC1: every loyal lieutenant decided, and all decided the same value.
   *
   * @return whether IC1 held in this run
   */
  public boolean ic1() {
    return undecided.isEmpty() && decisions.values().stream().map(Decision::value).distinct().count() <= 1;
  }

  /**
   * IC2: if the commander is loyal, every loyal lieutenant decided the commander's order.
   * Holds vacuously when the commander is a traitor.
   *
   * @return whether IC2 held in this run
   */
  public boolean ic2() {
    if (!scenario.commanderIsLoyal()) {
      return true;
    }
    return undecided.isEmpty() && decisions.values().stream().allMatch(d -> d.value().equals(scenario.order()));
  }

  /**
   * The value each loyal lieutenant decided, without what it heard.
   *
   * @return the values by lieutenant id, unmodifiable; undecided lieutenants are absent
   */
  public SortedMap<NodeId, Value> values() {
    SortedMap<NodeId, Value> v = new TreeMap<>();
    decisions.forEach((id, d) -> v.put(id, d.value()));
    return Collections.unmodifiableSortedMap(v);
  }

  /**
   * Frames dropped for any reason.
   *
   * @return the sum of {@link #dropped()} over the reasons
   */
  public long droppedTotal() {
    return dropped.values().stream().mapToLong(Long::longValue).sum();
  }

  /** One line: the decisions and whether IC1 and IC2 held. */
  @Override
  public String toString() {
    return protocol + " " + values() + " messages=" + messages + " IC1=" + ic1() + " IC2=" + ic2();
  }
}
