package io.github.bgp.sim;

import io.github.bgp.api.LogicalMessage;
import io.github.bgp.api.NodeId;
import io.github.bgp.spi.Codec;
import io.github.bgp.spi.Node;
import io.github.bgp.spi.Setup;

/** An agreement that forwards everything, for tests that change one answer. */
class ForwardingAgreement<M> implements Setup<M> {
  private final Setup<M> inner;

  ForwardingAgreement(Setup<M> inner) {
    this.inner = inner;
  }

  @Override
  public Codec<M> codec() {
    return inner.codec();
  }

  @Override
  public Node<M> node(NodeId id) {
    return inner.node(id);
  }

  @Override
  public int logicalMessages(M message) {
    return inner.logicalMessages(message);
  }

  @Override
  public void describe(NodeId from, NodeId to, int round, M message, LogicalMessage.Sink sink) {
    inner.describe(from, to, round, message, sink);
  }

  @Override
  public long expectedMessages() {
    return inner.expectedMessages();
  }

  @Override
  public long estimatedBytes() {
    return inner.estimatedBytes();
  }
}
