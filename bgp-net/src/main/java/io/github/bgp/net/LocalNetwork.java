package io.github.bgp.net;

import io.github.bgp.api.NodeId;
import io.github.bgp.runtime.Frame;
import io.github.bgp.runtime.Transport;
import java.util.ArrayList;
import java.util.List;

/**
 * Live nodes in one process, without sockets: each endpoint hands a frame straight to the
 * receiver of the node it is for. With {@link LiveNode} it runs protocols on the wall clock with
 * real logs and no network, which is what an application embedding a whole cluster for tests
 * wants, and what benchmarks use to tell the network's cost from the rest.
 *
 * @since 0.1.0
 */
public final class LocalNetwork {

  private final List<Endpoint> endpoints = new ArrayList<>();

  /**
   * A network of {@code n} endpoints, nodes 0 to n-1.
   *
   * @param n how many endpoints, at least 2
   * @throws IllegalArgumentException if {@code n} is less than 2
   */
  public LocalNetwork(int n) {
    if (n < 2) {
      throw new IllegalArgumentException("a network needs at least 2 nodes, got " + n);
    }
    for (int i = 0; i < n; i++) {
      endpoints.add(new Endpoint(NodeId.of(i)));
    }
  }

  /**
   * The endpoint of {@code id}.
   *
   * @param id the node
   * @return its transport
   * @throws IllegalArgumentException if the network has no node {@code id}
   */
  public Transport endpoint(NodeId id) {
    if (id.index() >= endpoints.size()) {
      throw new IllegalArgumentException("the network has nodes 0 to " + (endpoints.size() - 1) + ", not " + id);
    }
    return endpoints.get(id.index());
  }

  private final class Endpoint implements Transport {
    private final NodeId self;
    private volatile Receiver receiver = f -> {};
    private volatile boolean closed;

    Endpoint(NodeId self) {
      this.self = self;
    }

    @Override
    public NodeId self() {
      return self;
    }

    @Override
    public void send(Frame frame) {
      if (!frame.from().equals(self)) {
        throw new IllegalArgumentException(self + " cannot send a frame from " + frame.from());
      }
      Endpoint to = (Endpoint) endpoint(frame.to());
      if (!closed && !to.closed) {
        to.receiver.receive(frame);
      }
    }

    @Override
    public void onReceive(Receiver receiver) {
      this.receiver = receiver;
    }

    @Override
    public void close() {
      closed = true;
    }
  }
}
