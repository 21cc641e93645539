package io.github.bgp.bench;

import io.github.bgp.api.NodeId;
import io.github.bgp.net.Certificates;
import io.github.bgp.net.ClusterConfig;
import io.github.bgp.net.LiveNode;
import io.github.bgp.net.LocalNetwork;
import io.github.bgp.net.NettyTransport;
import io.github.bgp.net.NodeMetrics;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * n live nodes in this process, either over TCP with mutual TLS 1.3 on 127.0.0.1 (the network
 * runtime as a real cluster runs it, each node with its own Netty transport, certificate and
 * port) or over a {@link LocalNetwork} (the same live nodes, no sockets).
 */
final class LiveCluster implements AutoCloseable {

  /** How long {@link #tls} waits for every node to have dialed and been dialed by every other. */
  static final long MESH_TIMEOUT_SECONDS = 30;

  private final List<LiveNode> nodes = new ArrayList<>();

  private LiveCluster() {}

  /**
   * {@code n} nodes over mutual TLS on 127.0.0.1, with fresh keys and certificates in
   * {@code dir}, each listening on a free port, all connected to each other.
   */
  static LiveCluster tls(Path dir, int n, long roundTimeoutMillis) throws IOException, InterruptedException {
    ClusterConfig made = Certificates.makeCluster(dir, "bench", n, "127.0.0.1", 0, roundTimeoutMillis);
    LiveCluster c = new LiveCluster();
    List<NettyTransport> transports = new ArrayList<>();
    try {
      ClusterConfig bound = made;
      for (int i = 0; i < n; i++) {
        NodeId id = NodeId.of(i);
        Certificates.NodeKeys keys = Certificates.read(id, dir.resolve(Certificates.keyFile(id)), made.certificate(id));
        NettyTransport t = NettyTransport.listen(made, id, keys, new NodeMetrics(id));
        transports.add(t);
        bound = bound.withPort(id, t.port());
      }
      for (NettyTransport t : transports) {
        t.connect(bound);
        c.nodes.add(new LiveNode(t, t.metrics()));
      }
      for (NettyTransport t : transports) {
        t.mesh().get(MESH_TIMEOUT_SECONDS, TimeUnit.SECONDS);
      }
    } catch (ExecutionException | TimeoutException e) {
      c.close();
      transports.forEach(NettyTransport::close);
      throw new IllegalStateException("the " + n + " nodes on 127.0.0.1 did not all connect within "
          + MESH_TIMEOUT_SECONDS + " s: " + e, e);
    } catch (InterruptedException | RuntimeException e) {
      c.close();
      transports.forEach(NettyTransport::close);
      throw e;
    }
    return c;
  }

  /** {@code n} nodes over a {@link LocalNetwork}: frames handed straight to the receiving node. */
  static LiveCluster memory(int n) {
    LocalNetwork net = new LocalNetwork(n);
    LiveCluster c = new LiveCluster();
    for (int i = 0; i < n; i++) {
      NodeId id = NodeId.of(i);
      c.nodes.add(new LiveNode(net.endpoint(id), new NodeMetrics(id)));
    }
    return c;
  }

  List<LiveNode> nodes() {
    return List.copyOf(nodes);
  }

  /** Every node's metric {@code name} (as {@link NodeMetrics#snapshot} names it), summed. */
  long sum(String name) {
    long total = 0;
    for (LiveNode n : nodes) {
      total += n.metrics().snapshot().getOrDefault(name, 0L);
    }
    return total;
  }

  /** Stops every node and closes its transport. */
  @Override
  public void close() {
    for (int i = nodes.size() - 1; i >= 0; i--) {
      nodes.get(i).close();
    }
  }
}
