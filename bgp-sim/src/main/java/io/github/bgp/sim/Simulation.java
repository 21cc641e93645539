package io.github.bgp.sim;

import io.github.bgp.api.Agreement;
import io.github.bgp.api.AgreementProtocol;
import io.github.bgp.api.Decision;
import io.github.bgp.api.DropReason;
import io.github.bgp.api.Environment;
import io.github.bgp.api.Frame;
import io.github.bgp.api.Guarantee;
import io.github.bgp.api.InstanceId;
import io.github.bgp.api.KeyRing;
import io.github.bgp.api.LogicalMessage;
import io.github.bgp.api.NodeId;
import io.github.bgp.api.Outcome;
import io.github.bgp.api.Scenario;
import io.github.bgp.api.Transport;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The embedded runtime: a deterministic network of n nodes on one thread, in virtual time.
 *
 * <p>Every node starts at time 0. A frame takes {@link Builder#latency latency} time units to
 * arrive; round r ends at the latest at {@code r * roundTimeout}, so a missing message is
 * detected at the deadline (A3) and the receiver uses the default. Within one instant each node
 * handles its events in the order they were scheduled, and what the nodes send is scheduled in
 * the order of their ids, so a run is a function of its protocol, scenario and seed: the same
 * seed gives the same outcome and the same trace, byte for byte, whether the nodes of an
 * instant ran on one core or on all of them.
 *
 * <p>Every frame goes through the protocol's {@link io.github.bgp.api.Codec} on its way, so
 * every simulation tests the wire format too.
 *
 * <pre>{@code
 * Outcome outcome = Simulation.run(Protocols.agreement("om"),
 *     Scenario.builder(7).traitors(3, 4).strategy(Strategy.SPLIT).build());
 * }</pre>
 */
public final class Simulation {

  /** Heap kept aside for everything but the run itself when checking that a run fits. */
  private static final long HEAP_RESERVE = 64L << 20;

  /** Above this many logical messages a run refuses to record a trace (each is an object). */
  public static final long TRACE_LIMIT = 2_000_000;

  /** An instant carrying at least this many payload bytes is worth spreading over the cores. */
  private static final long PARALLEL_PAYLOAD = 256 * 1024;

  private final boolean trace;
  private final long roundTimeout;
  private final long latency;
  private final boolean parallel;
  private final KeyRing keys;

  private Simulation(Builder b) {
    this.keys = b.keys;
    this.trace = b.trace;
    this.roundTimeout = b.roundTimeout;
    this.latency = b.latency;
    this.parallel = b.parallel;
  }

  /** Runs {@code scenario} under {@code protocol} with the default settings (no trace). */
  public static Outcome run(AgreementProtocol protocol, Scenario scenario) {
    return builder().build().execute(protocol, scenario);
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * Runs {@code scenario} under {@code protocol}.
   *
   * @throws IllegalArgumentException if the run cannot be done: it would not fit in this JVM's
   *     heap, or a trace of it would be too large
   */
  public Outcome execute(AgreementProtocol protocol, Scenario scenario) {
    Environment.Builder env = Environment.builder(InstanceId.fromSeed(scenario.seed())).roundTimeout(roundTimeout);
    if (keys != null) {
      env.keys(keys);
    }
    Environment environment = env.build();
    Agreement<?> agreement = protocol.create(scenario, environment);
    Guarantee guarantee = protocol.guarantee(scenario);
    checkFits(protocol, scenario, agreement);
    return new Run<>(agreement, scenario, environment.instance()).execute(protocol.name(), guarantee);
  }

  private void checkFits(AgreementProtocol protocol, Scenario scenario, Agreement<?> agreement) {
    long need = agreement.estimatedBytes();
    long max = Runtime.getRuntime().maxMemory();
    long limit = max - Math.min(HEAP_RESERVE, max / 4);
    if (need > limit) {
      throw new IllegalArgumentException(String.format(
          "%s with %d generals and m=%d sends %s messages and needs about %s of heap, but this JVM's heap is %s"
              + " (-Xmx); raise it (for ./bgp: BGP_JAVA_OPTS=-Xmx...) or run a smaller scenario",
          protocol.name(), scenario.generals(), scenario.m(), count(agreement.expectedMessages()), bytes(need),
          bytes(max)));
    }
    if (trace && agreement.expectedMessages() > TRACE_LIMIT) {
      throw new IllegalArgumentException(String.format(
          "a trace of %,d messages is too large to record (the limit is %,d); trace a smaller scenario",
          agreement.expectedMessages(), TRACE_LIMIT));
    }
  }

  static String count(long n) {
    return n == Long.MAX_VALUE ? "more than 9.2e18" : String.format("%,d", n);
  }

  static String bytes(long n) {
    if (n == Long.MAX_VALUE) {
      return "more than 8 EB";
    }
    if (n >= 1L << 30) {
      return String.format("%.1f GB", n / (double) (1L << 30));
    }
    return String.format("%d MB", Math.max(1, n >> 20));
  }

  /**
   * One run: the event queue, the nodes, and what they did.
   *
   * <p>Time advances in instants. All the events of one instant are grouped by the node they
   * happen at, and each node handles its own in the order they were scheduled; the nodes are
   * independent within an instant (a frame sent now arrives at the earliest one latency later),
   * so they may run side by side. What they send and the timers they set are then scheduled in
   * the order of node ids, so the run is the same, event for event, on one thread or many.
   */
  private final class Run<M> {
    private final Agreement<M> agreement;
    private final Scenario scenario;
    private final InstanceId instance;
    private final PriorityQueue<Event> queue = new PriorityQueue<>();
    private final List<Host<M>> hosts = new ArrayList<>();
    private final List<SimTransport> transports = new ArrayList<>();
    private long now;
    private long seq;

    Run(Agreement<M> agreement, Scenario scenario, InstanceId instance) {
      this.agreement = agreement;
      this.scenario = scenario;
      this.instance = instance;
    }

    Outcome execute(String protocol, Guarantee guarantee) {
      for (int i = 0; i < scenario.generals(); i++) {
        SimTransport t = new SimTransport(NodeId.of(i));
        transports.add(t);
        hosts.add(new Host<>(NodeId.of(i), instance, agreement, t, () -> now, trace));
      }
      List<Runnable> starts = new ArrayList<>();
      for (Host<M> h : hosts) {
        starts.add(h::start);
      }
      runAll(starts, false);
      flush();
      while (!queue.isEmpty()) {
        now = queue.peek().time;
        Map<Integer, List<Event>> byNode = new TreeMap<>();
        long payload = 0;
        while (!queue.isEmpty() && queue.peek().time == now) {
          Event e = queue.poll();
          int node = e.frame != null ? e.frame.to().index() : e.node.index();
          byNode.computeIfAbsent(node, k -> new ArrayList<>()).add(e);
          payload += e.frame != null ? e.frame.size() : 0;
        }
        List<Runnable> work = new ArrayList<>();
        byNode.forEach((node, events) -> work.add(() -> {
          for (Event e : events) {
            if (e.frame != null) {
              transports.get(node).deliver(e.frame);
            } else {
              hosts.get(node).fire(e.token);
            }
          }
        }));
        runAll(work, payload >= PARALLEL_PAYLOAD);
        flush();
      }
      return outcome(protocol, guarantee);
    }

    /** Runs each node's share of an instant, side by side when it is worth a thread. */
    private void runAll(List<Runnable> work, boolean heavy) {
      if (parallel && heavy && work.size() > 1) {
        work.parallelStream().forEach(Runnable::run);
      } else {
        work.forEach(Runnable::run);
      }
    }

    /** Schedules what every node sent and the timers it set, in the order of node ids. */
    private void flush() {
      for (int i = 0; i < hosts.size(); i++) {
        for (Frame f : transports.get(i).takeOutbox()) {
          queue.add(new Event(now + latency, seq++, f, null, 0));
        }
        for (long[] timer : hosts.get(i).timers()) {
          queue.add(new Event(Math.max(timer[0], now), seq++, null, NodeId.of(i), timer[1]));
        }
      }
    }

    private Outcome outcome(String protocol, Guarantee guarantee) {
      SortedMap<NodeId, Decision> decisions = new TreeMap<>();
      SortedMap<NodeId, Long> received = new TreeMap<>();
      TreeSet<NodeId> undecided = new TreeSet<>();
      Map<DropReason, Long> dropped = new EnumMap<>(DropReason.class);
      List<LogicalMessage> traced = new ArrayList<>();
      SortedMap<String, Long> counters = new TreeMap<>();
      long messages = 0;
      long frames = 0;
      long bytes = 0;
      int rounds = 0;
      List<NodeId> loyal = scenario.loyalLieutenants();
      for (Host<M> h : hosts) {
        NodeId id = h.self();
        if (loyal.contains(id)) {
          h.decision().ifPresentOrElse(d -> decisions.put(id, d), () -> undecided.add(id));
        }
        received.put(id, h.messagesReceived());
        h.dropped().forEach((reason, count) -> dropped.merge(reason, count, Long::sum));
        traced.addAll(h.trace());
        h.counters().forEach((name, count) -> counters.merge(name, count, Long::sum));
        messages += h.messagesSent();
        frames += h.framesSent();
        bytes += h.bytesSent();
        rounds = Math.max(rounds, h.lastRound());
      }
      return new Outcome(protocol, scenario, guarantee, decisions, undecided, messages, frames, bytes, rounds,
          received, dropped, traced, counters);
    }

    /** A node's endpoint of the simulated network: what it sends waits in its outbox until the instant ends. */
    private final class SimTransport implements Transport {
      private final NodeId self;
      private final List<Frame> outbox = new ArrayList<>();
      private Receiver receiver;

      SimTransport(NodeId self) {
        this.self = self;
      }

      @Override
      public NodeId self() {
        return self;
      }

      @Override
      public void send(Frame frame) {
        if (!frame.from().equals(self)) {
          throw new IllegalArgumentException(self + " tried to send a frame as " + frame.from());
        }
        if (frame.to().index() >= transports.size()) {
          throw new IllegalArgumentException(self + " sent a frame to " + frame.to()
              + ", who is not in this run of " + transports.size() + " generals");
        }
        outbox.add(frame);
      }

      List<Frame> takeOutbox() {
        List<Frame> taken = new ArrayList<>(outbox);
        outbox.clear();
        return taken;
      }

      void deliver(Frame frame) {
        if (receiver != null) {
          receiver.receive(frame);
        }
      }

      @Override
      public void onReceive(Receiver r) {
        this.receiver = r;
      }

      @Override
      public void close() {
        receiver = null;
      }
    }
  }

  /** A frame arriving, or a timer firing. */
  private static final class Event implements Comparable<Event> {
    final long time;
    final long seq;
    final Frame frame;
    final NodeId node;
    final long token;

    Event(long time, long seq, Frame frame, NodeId node, long token) {
      this.time = time;
      this.seq = seq;
      this.frame = frame;
      this.node = node;
      this.token = token;
    }

    @Override
    public int compareTo(Event o) {
      int c = Long.compare(time, o.time);
      return c != 0 ? c : Long.compare(seq, o.seq);
    }
  }

  /** Settings of a {@link Simulation}. */
  public static final class Builder {
    private boolean trace;
    private long roundTimeout = Environment.DEFAULT_ROUND_TIMEOUT;
    private long latency = 1;
    private boolean parallel = true;
    private KeyRing keys;

    private Builder() {}

    /**
     * The cluster's keys, for protocols that sign; without them a signing protocol derives keys
     * from the scenario's seed.
     */
    public Builder keys(KeyRing keys) {
      this.keys = java.util.Objects.requireNonNull(keys, "keys");
      return this;
    }

    /**
     * Whether the nodes of one instant may run on several cores when there is enough work (the
     * default); the run is the same either way, event for event.
     */
    public Builder parallel(boolean parallel) {
      this.parallel = parallel;
      return this;
    }

    /** Records every logical message with its Lamport timestamps in {@link Outcome#trace()}. */
    public Builder trace(boolean trace) {
      this.trace = trace;
      return this;
    }

    /** The length of a round in virtual time units; {@value Environment#DEFAULT_ROUND_TIMEOUT} by default. */
    public Builder roundTimeout(long roundTimeout) {
      this.roundTimeout = roundTimeout;
      return this;
    }

    /** How long a frame takes to arrive, in virtual time units; 1 by default. */
    public Builder latency(long latency) {
      this.latency = latency;
      return this;
    }

    /**
     * @throws IllegalArgumentException unless {@code 0 < latency < roundTimeout} (a frame must be
     *     able to arrive within its round)
     */
    public Simulation build() {
      if (latency <= 0 || latency >= roundTimeout) {
        throw new IllegalArgumentException("the latency must be positive and less than the round timeout, got latency "
            + latency + " and round timeout " + roundTimeout);
      }
      return new Simulation(this);
    }
  }
}
