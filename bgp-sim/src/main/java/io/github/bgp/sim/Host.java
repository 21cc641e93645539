package io.github.bgp.sim;

import io.github.bgp.api.Agreement;
import io.github.bgp.api.Decision;
import io.github.bgp.api.DropReason;
import io.github.bgp.api.Frame;
import io.github.bgp.api.InstanceId;
import io.github.bgp.api.LogicalMessage;
import io.github.bgp.api.Node;
import io.github.bgp.api.NodeId;
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
 * Runs one node's state machine over a {@link Transport}: encodes what it sends, decodes what
 * it receives (dropping what does not decode), keeps its Lamport clock, and counts what it
 * sent, received and dropped. It touches nothing but its own state and its transport, so the
 * hosts of a simulation can run side by side; the timers it asks for wait in {@link #timers()}
 * for the runtime to schedule.
 */
final class Host<M> implements Node.Context<M> {

  private final NodeId self;
  private final InstanceId instance;
  private final Agreement<M> agreement;
  private final Node<M> node;
  private final Transport transport;
  private final LongSupplier clock;
  private final boolean tracing;
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

  Host(NodeId self, InstanceId instance, Agreement<M> agreement, Transport transport, LongSupplier clock,
      boolean tracing) {
    this.self = self;
    this.instance = instance;
    this.agreement = agreement;
    this.node = agreement.node(self);
    this.transport = transport;
    this.clock = clock;
    this.tracing = tracing;
    transport.onReceive(this::deliver);
  }

  void start() {
    lamport++;
    node.start(this);
  }

  void fire(long token) {
    lamport++;
    node.timer(token, this);
  }

  private void deliver(Frame frame) {
    lamport = Math.max(lamport, frame.lamport()) + 1;
    M message;
    try {
      message = agreement.codec().decode(frame.payload());
    } catch (IllegalArgumentException malformed) {
      drop(frame.from(), frame.round(), DropReason.MALFORMED);
      return;
    }
    messagesReceived += agreement.logicalMessages(message);
    if (tracing) {
      long receivedAt = lamport;
      agreement.describe(frame.from(), self, frame.round(), message, (level, value, path, others) ->
          trace.add(new LogicalMessage(frame.lamport(), receivedAt, frame.from(), self, frame.round(),
              level, value, path, others)));
    }
    node.receive(frame.from(), frame.round(), message, this);
  }

  /** The timers asked for since the last call, as {at, token} pairs; the list is then emptied. */
  List<long[]> timers() {
    List<long[]> asked = new ArrayList<>(timers);
    timers.clear();
    return asked;
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

  long bytesSent() {
    return bytesSent;
  }

  int lastRound() {
    return lastRound;
  }

  long messagesReceived() {
    return messagesReceived;
  }

  Map<DropReason, Long> dropped() {
    return dropped;
  }

  List<LogicalMessage> trace() {
    return trace;
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
    byte[] payload = agreement.codec().encode(message);
    Frame frame = new Frame(instance, round, self, to, ++lamport, ByteBuffer.wrap(payload));
    messagesSent += agreement.logicalMessages(message);
    framesSent++;
    bytesSent += payload.length;
    lastRound = Math.max(lastRound, round);
    transport.send(frame);
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
}
