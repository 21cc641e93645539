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
import java.util.Optional;

/**
 * Runs one node's state machine over a {@link Transport}: encodes what it sends, decodes what
 * it receives (dropping what does not decode), keeps its Lamport clock, and reports sends,
 * receipts, drops, decisions and trace lines to a {@link Listener}. It knows nothing about
 * virtual time beyond the {@link Clock} it is given.
 */
final class Host<M> implements Node.Context<M> {

  /** The time and timers a host lives by. */
  interface Clock {
    long now();

    void schedule(NodeId node, long at, long token);
  }

  /** What a host reports. */
  interface Listener {
    void sent(Frame frame, int logicalMessages);

    void received(Frame frame, int logicalMessages);

    void dropped(NodeId at, NodeId from, int round, DropReason reason);

    void decided(NodeId node, Decision decision);

    void traced(LogicalMessage message);
  }

  private final NodeId self;
  private final InstanceId instance;
  private final Agreement<M> agreement;
  private final Node<M> node;
  private final Transport transport;
  private final Clock clock;
  private final Listener listener;
  private final boolean tracing;
  private long lamport;
  private Decision decision;

  Host(NodeId self, InstanceId instance, Agreement<M> agreement, Transport transport, Clock clock,
      Listener listener, boolean tracing) {
    this.self = self;
    this.instance = instance;
    this.agreement = agreement;
    this.node = agreement.node(self);
    this.transport = transport;
    this.clock = clock;
    this.listener = listener;
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
      listener.dropped(self, frame.from(), frame.round(), DropReason.MALFORMED);
      return;
    }
    listener.received(frame, agreement.logicalMessages(message));
    if (tracing) {
      long receivedAt = lamport;
      agreement.describe(frame.from(), self, frame.round(), message, (level, value, path, others) ->
          listener.traced(new LogicalMessage(frame.lamport(), receivedAt, frame.from(), self, frame.round(),
              level, value, path, others)));
    }
    node.receive(frame.from(), frame.round(), message, this);
  }

  Optional<Decision> decision() {
    return Optional.ofNullable(decision);
  }

  @Override
  public NodeId self() {
    return self;
  }

  @Override
  public long now() {
    return clock.now();
  }

  @Override
  public void send(NodeId to, int round, M message) {
    if (to.equals(self)) {
      throw new IllegalStateException(self + " sent a message to itself in round " + round);
    }
    byte[] payload = agreement.codec().encode(message);
    Frame frame = new Frame(instance, round, self, to, ++lamport, ByteBuffer.wrap(payload));
    listener.sent(frame, agreement.logicalMessages(message));
    transport.send(frame);
  }

  @Override
  public void setTimer(long at, long token) {
    clock.schedule(self, at, token);
  }

  @Override
  public void decide(Decision d) {
    if (decision != null && !decision.value().equals(d.value())) {
      throw new IllegalStateException(
          self + " decided " + d.value() + " after having decided " + decision.value());
    }
    decision = d;
    listener.decided(self, d);
  }

  @Override
  public void drop(NodeId from, int round, DropReason reason) {
    listener.dropped(self, from, round, reason);
  }
}
