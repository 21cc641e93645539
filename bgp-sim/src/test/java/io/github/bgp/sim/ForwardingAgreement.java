package io.github.bgp.sim;

import io.github.bgp.api.Agreement;
import io.github.bgp.api.Codec;
import io.github.bgp.api.LogicalMessage;
import io.github.bgp.api.Node;
import io.github.bgp.api.NodeId;

/** An agreement that forwards everything, for tests that change one answer. */
class ForwardingAgreement<M> implements Agreement<M> {
  private final Agreement<M> inner;

  ForwardingAgreement(Agreement<M> inner) {
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
