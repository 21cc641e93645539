package io.github.bgp.sim;

import io.github.bgp.api.Decision;
import io.github.bgp.api.DropReason;
import io.github.bgp.api.Frame;
import io.github.bgp.api.InstanceId;
import io.github.bgp.api.LogicalMessage;
import io.github.bgp.api.Node;
import io.github.bgp.api.NodeId;
import io.github.bgp.api.NodeReport;
import io.github.bgp.api.Transport;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.LongSupplier;

/**
 * Runs one incarnation of a node's state machine over a {@link Transport}: decodes what it
 * receives (dropping what does not decode), keeps its Lamport clock, and holds what the node
 * asks for (log records, frames, timers) until the runtime {@link #flush flushes} it at the end of
 * the instant: the log is forced first if the node persisted anything (so nothing leaves before
 * what was logged before it is durable), then the frames are sent in order. Each force and each
 * send passes a {@link Gate} that may crash the node there. A host touches nothing but its own
 * state, so the hosts of one instant can run side by side.
 */
final class Host<M> implements Node.Context<M> {

  /** What a runtime needs to drive one kind of deployment (an agreement, a commit). */
  interface Cluster<M> {
    io.github.bgp.api.Codec<M> codec();

    Node<M> node(NodeId id);

    int logicalMessages(M message);

    /** Lists a frame's logical messages for a trace; only agreements trace. */
    void describe(NodeId from, NodeId to, int round, M message, LogicalMessage.Sink sink);
  }

  /** Decides, step by step, whether the node lives through its effects. */
  interface Gate {
    /** Whether {@code node} may carry out its next effect (false: it crashes before it). */
    boolean before(NodeId node, String effect);

    /** Whether {@code node} lives on after the effect it just carried out. */
    boolean after(NodeId node);
  }

  private final NodeId self;
  private final InstanceId instance;
  private final Cluster<M> cluster;
  private final Node<M> node;
  private final Transport transport;
  private final LongSupplier clock;
  private final MemoryLog log;
  private final boolean tracing;
  /** A frame the node sent this instant, with the logical messages it carries. */
  private record Held(Frame frame, int messages) {}

  private final List<Held> held = new ArrayList<>();
  private final List<long[]> timers = new ArrayList<>();
  private final List<LogicalMessage> trace = new ArrayList<>();
  private final Map<DropReason, Long> dropped = new EnumMap<>(DropReason.class);
  private final Map<String, Long> counters = new TreeMap<>();
  private long lamport;
  private Decision decision;
  private long messagesSent;
  private long framesSent;
  private long bytesSent;
  private int lastRound;
  private long messagesReceived;

  Host(NodeId self, InstanceId instance, Cluster<M> cluster, Transport transport, LongSupplier clock, MemoryLog log,
      boolean tracing) {
    this.self = self;
    this.instance = instance;
    this.cluster = cluster;
    this.node = cluster.node(self);
    this.transport = transport;
    this.clock = clock;
    this.log = log;
    this.tracing = tracing;
    transport.onReceive(this::deliver);
  }

  void start() {
    lamport++;
    node.start(this);
  }

  /** Restarts the node after a crash, from the records its log kept. */
  void recover() {
    lamport++;
    node.recover(log.recovered(), this);
  }

  void fire(long token) {
    lamport++;
    node.timer(token, this);
  }

  private void deliver(Frame frame) {
    lamport = Math.max(lamport, frame.lamport()) + 1;
    M message;
    try {
      message = cluster.codec().decode(frame.payload());
    } catch (IllegalArgumentException malformed) {
      drop(frame.from(), frame.round(), DropReason.MALFORMED);
      return;
    }
    messagesReceived += cluster.logicalMessages(message);
    if (tracing) {
      long receivedAt = lamport;
      cluster.describe(frame.from(), self, frame.round(), message, (level, value, path, others) ->
          trace.add(new LogicalMessage(frame.lamport(), receivedAt, frame.from(), self, frame.round(),
              level, value, path, others)));
    }
    node.receive(frame.from(), frame.round(), message, this);
  }

  /**
   * Carries out what the node asked for during the instant: forces the log if it persisted
   * anything, then sends every frame, each effect through {@code gate}.
   *
   * @return false if the node crashed on the way (the rest of its effects are lost)
   */
  boolean flush(Gate gate) {
    List<Held> frames = new ArrayList<>(held);
    held.clear();
    if (log.dirty()) {
      if (!gate.before(self, "force")) {
        return false;
      }
      log.force();
      if (!gate.after(self)) {
        return false;
      }
    }
    for (Held h : frames) {
      if (!gate.before(self, "send")) {
        return false;
      }
      Frame f = h.frame();
      transport.send(f);
      messagesSent += h.messages();
      framesSent++;
      bytesSent += f.size();
      lastRound = Math.max(lastRound, f.round());
      if (!gate.after(self)) {
        return false;
      }
    }
    return true;
  }

  /** The timers asked for since the last call, as {at, token} pairs; the list is then emptied. */
  List<long[]> timers() {
    List<long[]> asked = new ArrayList<>(timers);
    timers.clear();
    return asked;
  }

  /** What this incarnation did, for the run's outcome. */
  NodeReport report() {
    return new NodeReport(self, decision(), messagesSent, framesSent, bytesSent, messagesReceived, lastRound, dropped,
        new TreeMap<>(counters), trace);
  }

  Optional<Decision> decision() {
    return Optional.ofNullable(decision);
  }

  long messagesSent() {
    return messagesSent;
  }

  long framesSent() {
    return framesSent;
  }

  Map<String, Long> counters() {
    return counters;
  }

  @Override
  public NodeId self() {
    return self;
  }

  @Override
  public long now() {
    return clock.getAsLong();
  }

  @Override
  public void send(NodeId to, int round, M message) {
    if (to.equals(self)) {
      throw new IllegalStateException(self + " sent a message to itself in round " + round);
    }
    byte[] payload = cluster.codec().encode(message);
    held.add(new Held(new Frame(instance, round, self, to, ++lamport, ByteBuffer.wrap(payload)),
        cluster.logicalMessages(message)));
  }

  @Override
  public void setTimer(long at, long token) {
    timers.add(new long[] {at, token});
  }

  @Override
  public void decide(Decision d) {
    if (decision != null && !decision.value().equals(d.value())) {
      throw new IllegalStateException(
          self + " decided " + d.value() + " after having decided " + decision.value());
    }
    decision = d;
  }

  @Override
  public void drop(NodeId from, int round, DropReason reason) {
    dropped.merge(reason, 1L, Long::sum);
  }

  @Override
  public void count(String name, long delta) {
    counters.merge(name, delta, Long::sum);
  }

  @Override
  public void persist(byte[] record) {
    log.append(record);
  }
}
