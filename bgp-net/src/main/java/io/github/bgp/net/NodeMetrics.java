package io.github.bgp.net;

import io.github.bgp.api.DropReason;
import io.github.bgp.api.NodeId;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * What a running node has done, counted as it happens and readable at any time from any thread:
 * frames, logical messages and bytes in and out, frames dropped by reason, connections refused by
 * reason, reconnections, round deadlines missed, instances started and decided, protocol
 * counters. A node prints them on exit ({@link #toText}) and serves them while it runs
 * ({@link #toPrometheus}, at {@code /metrics}).
 *
 * <p>Each distinct problem (a drop reason, a refusal reason, per peer) is also logged once, the
 * first time; after that it is only counted, so a misbehaving peer cannot flood the log.
 */
public final class NodeMetrics {

  private static final System.Logger LOG = System.getLogger("io.github.bgp.net");
  /** The most characters of a problem's detail that a log line quotes. */
  private static final int DETAIL_LIMIT = 200;
  /** How many distinct (trouble, peer) pairs a node logs at most. */
  private static final int LOGGED_LIMIT = 10_000;

  private final NodeId self;
  private final LongAdder framesIn = new LongAdder();
  private final LongAdder framesOut = new LongAdder();
  private final LongAdder bytesIn = new LongAdder();
  private final LongAdder bytesOut = new LongAdder();
  private final LongAdder messagesIn = new LongAdder();
  private final LongAdder messagesOut = new LongAdder();
  private final LongAdder reconnects = new LongAdder();
  private final LongAdder deadlineMisses = new LongAdder();
  private final LongAdder started = new LongAdder();
  private final LongAdder decided = new LongAdder();
  private final LongAdder unsent = new LongAdder();
  private final Map<DropReason, LongAdder> dropped = new EnumMap<>(DropReason.class);
  private final Map<String, LongAdder> refused = new ConcurrentSkipListMap<>();
  private final Map<String, LongAdder> decisions = new ConcurrentSkipListMap<>();
  private final Map<String, LongAdder> counters = new ConcurrentSkipListMap<>();
  private final Set<String> logged = ConcurrentHashMap.newKeySet();

  public NodeMetrics(NodeId self) {
    this.self = self;
    for (DropReason r : DropReason.values()) {
      dropped.put(r, new LongAdder());
    }
  }

  /** The node these metrics belong to. */
  public NodeId self() {
    return self;
  }

  void frameIn(int bytes) {
    framesIn.increment();
    bytesIn.add(bytes);
  }

  void frameOut(int bytes) {
    framesOut.increment();
    bytesOut.add(bytes);
  }

  void messagesIn(long n) {
    messagesIn.add(n);
  }

  void messagesOut(long n) {
    messagesOut.add(n);
  }

  void reconnect() {
    reconnects.increment();
  }

  void deadlineMisses(long n) {
    deadlineMisses.add(n);
  }

  void started() {
    started.increment();
  }

  void decided(String value) {
    decided.increment();
    decisions.computeIfAbsent(value, v -> new LongAdder()).increment();
  }

  /**
   * Counts a frame that could not be sent, and logs the first of each {@code reason} (a fixed word)
   * for each {@code peer}.
   */
  void unsent(String reason, String peer, String detail) {
    unsent.increment();
    once("unsent " + reason + " " + peer, () -> "could not send a frame to " + peer + ": " + brief(detail)
        + " (further ones are counted, not logged)");
  }

  void count(String name, long delta) {
    counters.computeIfAbsent(name, n -> new LongAdder()).add(delta);
  }

  /** Counts a dropped frame, and logs the first of each reason from each peer. */
  void dropped(DropReason reason, String peer, String detail) {
    dropped.get(reason).increment();
    once("drop " + reason + " " + peer, () -> "dropped a frame from " + peer + " that " + reason.description()
        + (detail.isEmpty() ? "" : " (" + brief(detail) + ")") + "; further ones are counted, not logged");
  }

  /** Counts a refused connection, and logs the first of each reason from each address. */
  void refused(String reason, String peer, String detail) {
    refused.computeIfAbsent(reason, r -> new LongAdder()).increment();
    once("refuse " + reason + " " + peer, () -> "refused a connection from " + peer + " (" + reason + "): "
        + brief(detail) + "; further ones are counted, not logged");
  }

  /**
   * A detail cut to a line's worth: details quote what peers sent (TLS's "not an SSL/TLS record"
   * dumps the whole record in hex), and a peer must not choose how long a log line is.
   */
  private static String brief(String detail) {
    return detail.length() <= DETAIL_LIMIT ? detail : detail.substring(0, DETAIL_LIMIT) + "...";
  }

  /**
   * Logs {@code message} the first time {@code key} comes. The keys name peers, which hostile ones
   * choose (their addresses), so only the first {@link #LOGGED_LIMIT} are remembered; after that
   * nothing more is logged, and everything is still counted.
   */
  private void once(String key, java.util.function.Supplier<String> message) {
    if (logged.size() < LOGGED_LIMIT && logged.add(key)) {
      LOG.log(System.Logger.Level.WARNING, "node " + self + ": " + message.get()
          + (logged.size() == LOGGED_LIMIT ? "; that is " + LOGGED_LIMIT + " kinds of trouble logged, no more will be" : ""));
    }
  }

  /** Frames dropped for {@code reason} so far. */
  public long dropped(DropReason reason) {
    return dropped.get(reason).sum();
  }

  /** Every figure by name, in a stable order, zeros included for drop reasons. */
  public Map<String, Long> snapshot() {
    Map<String, Long> s = new TreeMap<>();
    s.put("frames.in", framesIn.sum());
    s.put("frames.out", framesOut.sum());
    s.put("bytes.in", bytesIn.sum());
    s.put("bytes.out", bytesOut.sum());
    s.put("messages.in", messagesIn.sum());
    s.put("messages.out", messagesOut.sum());
    s.put("frames.unsent", unsent.sum());
    s.put("connections.reconnects", reconnects.sum());
    s.put("rounds.deadline.misses", deadlineMisses.sum());
    s.put("instances.started", started.sum());
    s.put("instances.decided", decided.sum());
    dropped.forEach((r, n) -> s.put("dropped." + word(r.name()), n.sum()));
    refused.forEach((r, n) -> s.put("refused." + r, n.sum()));
    decisions.forEach((v, n) -> s.put("decisions." + v, n.sum()));
    counters.forEach((c, n) -> s.put("protocol." + c, n.sum()));
    return s;
  }

  /** The figures as {@code name value} lines, for people (printed when a node exits). */
  public String toText() {
    StringBuilder b = new StringBuilder("node " + self + " metrics:\n");
    snapshot().forEach((k, v) -> b.append("  ").append(k).append(' ').append(v).append('\n'));
    return b.toString();
  }

  /** The figures in the Prometheus text exposition format. */
  public String toPrometheus() {
    StringBuilder b = new StringBuilder();
    String node = "node=\"" + self + "\"";
    counter(b, "bgp_frames_in_total", "Frames received.", node, framesIn.sum());
    counter(b, "bgp_frames_out_total", "Frames sent.", node, framesOut.sum());
    counter(b, "bgp_bytes_in_total", "Frame bytes received.", node, bytesIn.sum());
    counter(b, "bgp_bytes_out_total", "Frame bytes sent.", node, bytesOut.sum());
    counter(b, "bgp_messages_in_total", "Logical protocol messages received.", node, messagesIn.sum());
    counter(b, "bgp_messages_out_total", "Logical protocol messages sent.", node, messagesOut.sum());
    counter(b, "bgp_frames_unsent_total", "Frames that could not be sent.", node, unsent.sum());
    counter(b, "bgp_reconnects_total", "Connections re-established after a peer went away.", node, reconnects.sum());
    counter(b, "bgp_round_deadline_misses_total", "Messages missing when a round closed at its deadline.", node,
        deadlineMisses.sum());
    counter(b, "bgp_instances_started_total", "Protocol instances started.", node, started.sum());
    counter(b, "bgp_instances_decided_total", "Protocol instances this node decided.", node, decided.sum());
    b.append("# HELP bgp_frames_dropped_total Frames dropped, by reason.\n# TYPE bgp_frames_dropped_total counter\n");
    dropped.forEach((r, n) -> b.append("bgp_frames_dropped_total{").append(node).append(",reason=\"")
        .append(word(r.name())).append("\"} ").append(n.sum()).append('\n'));
    b.append("# HELP bgp_connections_refused_total Connections refused, by reason.\n")
        .append("# TYPE bgp_connections_refused_total counter\n");
    refused.forEach((r, n) -> b.append("bgp_connections_refused_total{").append(node).append(",reason=\"")
        .append(r).append("\"} ").append(n.sum()).append('\n'));
    b.append("# HELP bgp_decisions_total Decisions, by value.\n# TYPE bgp_decisions_total counter\n");
    decisions.forEach((v, n) -> b.append("bgp_decisions_total{").append(node).append(",value=\"").append(v)
        .append("\"} ").append(n.sum()).append('\n'));
    b.append("# HELP bgp_protocol_total Protocol counters, by name.\n# TYPE bgp_protocol_total counter\n");
    counters.forEach((c, n) -> b.append("bgp_protocol_total{").append(node).append(",name=\"").append(c)
        .append("\"} ").append(n.sum()).append('\n'));
    return b.toString();
  }

  private static void counter(StringBuilder b, String name, String help, String labels, long value) {
    b.append("# HELP ").append(name).append(' ').append(help).append('\n')
        .append("# TYPE ").append(name).append(" counter\n")
        .append(name).append('{').append(labels).append("} ").append(value).append('\n');
  }

  private static String word(String constant) {
    return constant.toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
