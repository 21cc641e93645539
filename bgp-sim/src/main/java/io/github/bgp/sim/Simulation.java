package io.github.bgp.sim;

import io.github.bgp.api.Agreement;
import io.github.bgp.api.AgreementProtocol;
import io.github.bgp.api.Decision;
import io.github.bgp.api.DropReason;
import io.github.bgp.api.Environment;
import io.github.bgp.api.Frame;
import io.github.bgp.api.Guarantee;
import io.github.bgp.api.InstanceId;
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
 * detected at the deadline (A3) and the receiver uses the default. Events happen in the order
 * of their time, ties broken by the order they were scheduled in, so a run is a function of
 * its protocol, scenario and seed: the same seed gives the same outcome and the same trace,
 * byte for byte.
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

  private final boolean trace;
  private final long roundTimeout;
  private final long latency;

  private Simulation(Builder b) {
    this.trace = b.trace;
    this.roundTimeout = b.roundTimeout;
    this.latency = b.latency;
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
    Environment environment =
        Environment.builder(InstanceId.fromSeed(scenario.seed())).roundTimeout(roundTimeout).build();
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

  /** One run: the event queue, the nodes, and what they did. */
  private final class Run<M> implements Host.Clock, Host.Listener {
    private final Agreement<M> agreement;
    private final Scenario scenario;
    private final InstanceId instance;
    private final PriorityQueue<Event> queue = new PriorityQueue<>();
    private final List<Host<M>> hosts = new ArrayList<>();
    private final List<SimTransport> transports = new ArrayList<>();
    private final SortedMap<NodeId, Decision> decisions = new TreeMap<>();
    private final long[] received;
    private final Map<DropReason, Long> dropped = new EnumMap<>(DropReason.class);
    private final List<LogicalMessage> traced = new ArrayList<>();
    private long now;
    private long seq;
    private long messages;
    private long frames;
    private long bytes;
    private int rounds;

    Run(Agreement<M> agreement, Scenario scenario, InstanceId instance) {
      this.agreement = agreement;
      this.scenario = scenario;
      this.instance = instance;
      this.received = new long[scenario.generals()];
    }

    Outcome execute(String protocol, Guarantee guarantee) {
      for (int i = 0; i < scenario.generals(); i++) {
        SimTransport t = new SimTransport(NodeId.of(i));
        transports.add(t);
        hosts.add(new Host<>(NodeId.of(i), instance, agreement, t, this, this, trace));
      }
      for (Host<M> h : hosts) {
        h.start();
      }
      while (!queue.isEmpty()) {
        Event e = queue.poll();
        now = e.time;
        if (e.frame != null) {
          transports.get(e.frame.to().index()).deliver(e.frame);
        } else {
          hosts.get(e.node.index()).fire(e.token);
        }
      }
      SortedMap<NodeId, Long> receivedBy = new TreeMap<>();
      TreeSet<NodeId> undecided = new TreeSet<>();
      for (int i = 0; i < received.length; i++) {
        receivedBy.put(NodeId.of(i), received[i]);
      }
      for (NodeId l : scenario.loyalLieutenants()) {
        if (!decisions.containsKey(l)) {
          undecided.add(l);
        }
      }
      return new Outcome(protocol, scenario, guarantee, decisions, undecided, messages, frames, bytes, rounds,
          receivedBy, dropped, traced);
    }

    private void enqueue(Event e) {
      queue.add(e);
    }

    @Override
    public long now() {
      return now;
    }

    @Override
    public void schedule(NodeId node, long at, long token) {
      enqueue(new Event(Math.max(at, now), seq++, null, node, token));
    }

    @Override
    public void sent(Frame frame, int logicalMessages) {
      messages += logicalMessages;
      frames++;
      bytes += frame.size();
      rounds = Math.max(rounds, frame.round());
    }

    @Override
    public void received(Frame frame, int logicalMessages) {
      received[frame.to().index()] += logicalMessages;
    }

    @Override
    public void dropped(NodeId at, NodeId from, int round, DropReason reason) {
      dropped.merge(reason, 1L, Long::sum);
    }

    @Override
    public void decided(NodeId node, Decision decision) {
      if (scenario.loyalLieutenants().contains(node)) {
        decisions.put(node, decision);
      }
    }

    @Override
    public void traced(LogicalMessage message) {
      traced.add(message);
    }

    /** A node's endpoint of the simulated network. */
    private final class SimTransport implements Transport {
      private final NodeId self;
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
        enqueue(new Event(now + latency, seq++, frame, null, 0));
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

    private Builder() {}

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
