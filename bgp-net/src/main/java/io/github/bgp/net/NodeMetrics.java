package io.github.bgp.net;

import io.github.bgp.api.DropReason;
import io.github.bgp.api.NodeId;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAccumulator;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * What a running node has done, counted as it happens and readable at any time from any thread:
 * frames, logical messages and bytes in and out, frames dropped by reason, frames unsent by
 * reason, connections refused by reason, reconnections, back-pressure, round deadlines missed,
 * instances started and decided, log forces, protocol counters, and three latencies (a log force,
 * an instance's start to its decision, a transaction's submission to its outcome at the
 * coordinator). A node prints them on exit ({@link #toText}).
 *
 * <p>It is a Micrometer {@link MeterBinder}: {@link #bindTo} registers every figure with a
 * registry as a function counter or function timer tagged with the node (meters that appear later,
 * such as a new drop reason's, are registered as they appear), which is how
 * {@link MetricsServer} serves {@code /metrics} through Micrometer's Prometheus registry.
 *
 * <p>Each distinct problem (a drop reason, a refusal reason, per peer) is also logged once, the
 * first time; after that it is only counted, so a misbehaving peer cannot flood the log.
 */
public final class NodeMetrics implements MeterBinder {

  private static final System.Logger LOG = System.getLogger("io.github.bgp.net");
  /** The most characters of a problem's detail that a log line quotes. */
  private static final int DETAIL_LIMIT = 200;
  /** How many distinct (trouble, peer) pairs a node logs at most. */
  private static final int LOGGED_LIMIT = 10_000;
  /** How many distinct names a labelled family (refusal reasons, decision values, counters) holds. */
  private static final int NAMES_LIMIT = 1_000;

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
  private final Family unsentBy = new Family("bgp.frames.unsent", "Frames that could not be sent, by reason.",
      "reason");
  private final Family refused = new Family("bgp.connections.refused", "Connections refused, by reason.", "reason");
  private final Family decisions = new Family("bgp.decisions", "Decisions, by value.", "value");
  private final Family counters = new Family("bgp.protocol", "Protocol and runtime counters, by name.", "name");
  private final Latency forces = new Latency("bgp.log.force", "Forcing a durable log: one per group commit.");
  private final Latency decisionLatency = new Latency("bgp.decision",
      "From an instance's start to this node's decision.");
  private final Latency commitLatency = new Latency("bgp.commit",
      "From a transaction's submission to its outcome, at the coordinator.");
  private final Set<String> logged = ConcurrentHashMap.newKeySet();
  private final List<MeterRegistry> registries = new CopyOnWriteArrayList<>();

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

  /**
   * Registers every figure with {@code registry}, tagged {@code node=<id>}: counters as
   * {@link FunctionCounter}s over this object's counts, latencies as {@link FunctionTimer}s (and
   * their maximum as a {@link TimeGauge}). Figures that first appear later are registered then.
   */
  @Override
  public void bindTo(MeterRegistry registry) {
    registries.add(registry);
    Tags node = Tags.of("node", self.toString());
    counter(registry, "bgp.frames.in", "Frames received.", node, framesIn);
    counter(registry, "bgp.frames.out", "Frames sent.", node, framesOut);
    counter(registry, "bgp.bytes.in", "Frame bytes received.", node, bytesIn);
    counter(registry, "bgp.bytes.out", "Frame bytes sent.", node, bytesOut);
    counter(registry, "bgp.messages.in", "Logical protocol messages received.", node, messagesIn);
    counter(registry, "bgp.messages.out", "Logical protocol messages sent.", node, messagesOut);
    counter(registry, "bgp.reconnects", "Connections re-established after a peer went away.", node, reconnects);
    counter(registry, "bgp.round.deadline.misses", "Messages missing when a round closed at its deadline.", node,
        deadlineMisses);
    counter(registry, "bgp.instances.started", "Protocol instances registered.", node, started);
    counter(registry, "bgp.instances.decided", "Protocol instances this node decided.", node, decided);
    dropped.forEach((r, n) -> counter(registry, "bgp.frames.dropped", "Frames dropped, by reason.",
        node.and("reason", word(r.name())), n));
    for (Family f : List.of(unsentBy, refused, decisions, counters)) {
      f.bindTo(registry);
    }
    for (Latency l : List.of(forces, decisionLatency, commitLatency)) {
      l.bindTo(registry);
    }
  }

  private void counter(MeterRegistry registry, String name, String help, Tags tags, LongAdder n) {
    FunctionCounter.builder(name, n, LongAdder::doubleValue).description(help).tags(tags).register(registry);
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
    decisions.add(value, 1);
  }

  /** A decision {@code nanos} after its instance started here. */
  void decided(String value, long nanos) {
    decided(value);
    decisionLatency.record(nanos);
  }

  /** A log force that took {@code nanos}. */
  void forced(long nanos) {
    forces.record(nanos);
    count("log.forces", 1);
  }

  /** A transaction's outcome {@code nanos} after it was submitted here. */
  void committed(long nanos) {
    commitLatency.record(nanos);
  }

  /**
   * Counts a frame that could not be sent, and logs the first of each {@code reason} (a fixed word)
   * for each {@code peer}.
   */
  void unsent(String reason, String peer, String detail) {
    unsent.increment();
    unsentBy.add(reason, 1);
    once("unsent " + reason + " " + peer, () -> "could not send a frame to " + peer + ": " + brief(detail)
        + " (further ones are counted, not logged)");
  }

  void count(String name, long delta) {
    counters.add(name, delta);
  }

  /** Counts a dropped frame, and logs the first of each reason from each peer. */
  void dropped(DropReason reason, String peer, String detail) {
    dropped.get(reason).increment();
    once("drop " + reason + " " + peer, () -> "dropped a frame from " + peer + " that " + reason.description()
        + (detail.isEmpty() ? "" : " (" + brief(detail) + ")") + "; further ones are counted, not logged");
  }

  /** Counts a refused connection, and logs the first of each reason from each address. */
  void refused(String reason, String peer, String detail) {
    refused.add(reason, 1);
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
  private void once(String key, Supplier<String> message) {
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
    unsentBy.forEach((r, n) -> s.put("unsent." + r, n));
    refused.forEach((r, n) -> s.put("refused." + r, n));
    decisions.forEach((v, n) -> s.put("decisions." + v, n));
    counters.forEach((c, n) -> s.put("protocol." + c, n));
    for (Latency l : List.of(forces, decisionLatency, commitLatency)) {
      String key = "latency." + l.name.substring("bgp.".length());
      s.put(key + ".count", l.count.sum());
      s.put(key + ".total.micros", TimeUnit.NANOSECONDS.toMicros(l.totalNanos.sum()));
      s.put(key + ".max.micros", TimeUnit.NANOSECONDS.toMicros(l.maxNanos.get()));
    }
    return s;
  }

  /** The figures as {@code name value} lines, for people (printed when a node exits). */
  public String toText() {
    StringBuilder b = new StringBuilder("node " + self + " metrics:\n");
    snapshot().forEach((k, v) -> b.append("  ").append(k).append(' ').append(v).append('\n'));
    return b.toString();
  }

  private static String word(String constant) {
    return constant.toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /**
   * Counters of one name told apart by one tag whose values appear as they come (a refusal
   * reason, a decided value, a counter's name): each new one is registered with every bound
   * registry. At most {@link #NAMES_LIMIT} values; beyond that, counts go to {@code other}.
   */
  private final class Family {
    private final String name;
    private final String help;
    private final String tag;
    private final Map<String, LongAdder> byValue = new ConcurrentSkipListMap<>();

    Family(String name, String help, String tag) {
      this.name = name;
      this.help = help;
      this.tag = tag;
    }

    void add(String value, long delta) {
      LongAdder n = byValue.get(value);
      if (n == null) {
        String key = byValue.size() < NAMES_LIMIT ? value : "other";
        n = byValue.computeIfAbsent(key, k -> {
          LongAdder fresh = new LongAdder();
          registries.forEach(r -> register(r, k, fresh));
          return fresh;
        });
      }
      n.add(delta);
    }

    void bindTo(MeterRegistry registry) {
      byValue.forEach((v, n) -> register(registry, v, n));
    }

    private void register(MeterRegistry registry, String value, LongAdder n) {
      counter(registry, name, help, Tags.of("node", self.toString(), tag, value), n);
    }

    void forEach(java.util.function.BiConsumer<String, Long> each) {
      byValue.forEach((v, n) -> each.accept(v, n.sum()));
    }
  }

  /** A latency: how many, their total, the longest. */
  private final class Latency {
    private final String name;
    private final String help;
    private final LongAdder count = new LongAdder();
    private final LongAdder totalNanos = new LongAdder();
    private final LongAccumulator maxNanos = new LongAccumulator(Math::max, 0);

    Latency(String name, String help) {
      this.name = name;
      this.help = help;
    }

    void record(long nanos) {
      long n = Math.max(0, nanos);
      count.increment();
      totalNanos.add(n);
      maxNanos.accumulate(n);
    }

    void bindTo(MeterRegistry registry) {
      Tags node = Tags.of("node", self.toString());
      FunctionTimer.builder(name, this, l -> l.count.sum(), l -> l.totalNanos.sum(), TimeUnit.NANOSECONDS)
          .description(help).tags(node).register(registry);
      TimeGauge.builder(name + ".max", this, TimeUnit.NANOSECONDS, l -> l.maxNanos.get())
          .description(help + " The longest.").tags(node).register(registry);
    }
  }
}
