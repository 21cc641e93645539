package io.github.bgp.view;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The events of a run on its nodes' lines, as a space-time diagram draws them: each event at
 * one node, a receipt tied to the send it receives, each with a Lamport timestamp and a vector
 * clock. Events are added in an order in which every send comes before its receipts and each
 * node's events come in the order they happened there (a causal order); the vector clocks are
 * derived from that order and the sends each receipt names, as Fidge and Mattern define them:
 * a node's own entry counts its events, and a receipt takes the entrywise maximum with the
 * send's clock. A Lamport timestamp is the runtime's where the run recorded it, and otherwise
 * derived alike (+1 per event, a receipt one more than the larger of its own and the send's).
 */
final class SpaceTime {

  /** What an event is. */
  enum Kind {
    SEND,
    RECEIVE,
    LOCAL
  }

  /** One event: at {@code node}; a receipt names the index of its send ({@code cause}), others -1. */
  record Event(int node, Kind kind, String label, long lamport, int cause) {
    Event {
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(label, "label");
    }
  }

  private final List<String> hosts;
  private final List<Event> events = new ArrayList<>();
  private long[] lamports;
  private int[][] clocks;

  /** A diagram of these nodes, named as ShiViz shows them (no spaces), by node index. */
  SpaceTime(List<String> hosts) {
    for (String h : hosts) {
      if (h.isEmpty() || h.chars().anyMatch(Character::isWhitespace)) {
        throw new IllegalArgumentException("a host's name is one word, got '" + h + "'");
      }
    }
    this.hosts = List.copyOf(hosts);
  }

  List<String> hosts() {
    return hosts;
  }

  /** Adds a send and returns its index. {@code lamport} is the runtime's, or -1 to derive it. */
  int send(int node, String label, long lamport) {
    return add(new Event(node, Kind.SEND, label, lamport, -1));
  }

  /** Adds the receipt of the send {@code cause} and returns its index. */
  int receive(int node, String label, long lamport, int cause) {
    if (cause < 0 || cause >= events.size() || events.get(cause).kind() != Kind.SEND) {
      throw new IllegalArgumentException("event " + cause + " is not a send added before this receipt");
    }
    return add(new Event(node, Kind.RECEIVE, label, lamport, cause));
  }

  /** Adds an event of one node alone (a log force, a timer, a state transition, a crash). */
  int local(int node, String label, long lamport) {
    return add(new Event(node, Kind.LOCAL, label, lamport, -1));
  }

  private int add(Event e) {
    if (e.node() < 0 || e.node() >= hosts.size()) {
      throw new IllegalArgumentException("node " + e.node() + " is not one of the " + hosts.size() + " nodes");
    }
    if (e.label().contains("\n") || e.label().contains("\r")) {
      throw new IllegalArgumentException("an event's label is one line, got '" + e.label() + "'");
    }
    lamports = null;
    events.add(e);
    return events.size() - 1;
  }

  List<Event> events() {
    return List.copyOf(events);
  }

  /** The event's Lamport timestamp: the runtime's, or derived. */
  long lamport(int event) {
    derive();
    return lamports[event];
  }

  /** The event's vector clock, one entry per node. */
  int[] clock(int event) {
    derive();
    return clocks[event].clone();
  }

  private void derive() {
    if (lamports != null) {
      return;
    }
    int n = hosts.size();
    long[] lamport = new long[events.size()];
    int[][] vc = new int[events.size()][];
    long[] nodeLamport = new long[n];
    int[][] nodeClock = new int[n][n];
    for (int i = 0; i < events.size(); i++) {
      Event e = events.get(i);
      int[] c = nodeClock[e.node()];
      long l = nodeLamport[e.node()] + 1;
      if (e.kind() == Kind.RECEIVE) {
        int[] sent = vc[e.cause()];
        for (int k = 0; k < n; k++) {
          c[k] = Math.max(c[k], sent[k]);
        }
        l = Math.max(nodeLamport[e.node()], lamport[e.cause()]) + 1;
      }
      c[e.node()]++;
      lamport[i] = e.lamport() >= 0 ? e.lamport() : l;
      nodeLamport[e.node()] = lamport[i];
      vc[i] = c.clone();
    }
    lamports = lamport;
    clocks = vc;
  }

  /** The events as the page reads them: node, kind, label, lamport, clock, and a receipt's send. */
  ArrayNode json() {
    derive();
    ArrayNode a = Json.array();
    for (int i = 0; i < events.size(); i++) {
      Event e = events.get(i);
      ObjectNode o = a.addObject();
      o.put("node", e.node());
      o.put("kind", e.kind().name().toLowerCase(java.util.Locale.ROOT));
      o.put("label", e.label());
      o.put("lamport", lamports[i]);
      ArrayNode c = o.putArray("clock");
      Arrays.stream(clocks[i]).forEach(c::add);
      if (e.cause() >= 0) {
        o.put("cause", e.cause());
      }
    }
    return a;
  }
}
