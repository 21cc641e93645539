package io.github.bgp.net;

import io.github.bgp.api.NodeId;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import io.github.bgp.runtime.Transport;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.concurrent.TimeUnit;

/** A cluster of live nodes in this JVM on 127.0.0.1, with fresh keys, for tests. */
final class LocalCluster implements AutoCloseable {

  /** How long a test waits for the nodes to connect before it fails. */
  private static final long CONNECT_SECONDS = 30;

  /** The cluster as bound: every node's actual port (0 for an absent node's). */
  ClusterConfig config;
  /** Every node's transport, null for an absent node. */
  final List<NettyTransport> transports = new ArrayList<>();
  /** Every node's live node, null for an absent node. */
  final List<LiveNode> nodes = new ArrayList<>();

  private LocalCluster(ClusterConfig config) {
    this.config = config;
  }

  /** {@code n} nodes with certificates in {@code dir}, listening on free ports, connected. */
  static LocalCluster start(Path dir, int n, long roundTimeoutMillis) throws IOException, InterruptedException {
    return start(Certificates.makeCluster(dir, "test", n, "127.0.0.1", 0, roundTimeoutMillis), dir);
  }

  static LocalCluster start(ClusterConfig made, Path dir) throws InterruptedException {
    return start(made, dir, Set.of());
  }

  /**
   * The nodes of {@code made} but {@code absent}, which are never started (the others dial them in
   * vain), each listening on a free port, connected to every other present node.
   */
  static LocalCluster start(ClusterConfig made, Path dir, Set<Integer> absent) throws InterruptedException {
    return start(made, dir, absent, Map.of());
  }

  /**
   * As {@link #start(ClusterConfig, Path, Set)}, node i's live node running over
   * {@code wrappers.get(i)} of its transport where there is one (a traitor's recorder, say).
   */
  static LocalCluster start(ClusterConfig made, Path dir, Set<Integer> absent,
      Map<Integer, UnaryOperator<Transport>> wrappers) throws InterruptedException {
    LocalCluster c = new LocalCluster(made);
    ClusterConfig bound = made;
    for (int i = 0; i < made.size(); i++) {
      NodeId id = NodeId.of(i);
      if (absent.contains(i)) {
        c.transports.add(null);
        continue;
      }
      Certificates.NodeKeys keys = made.security() == ClusterConfig.Security.TLS
          ? Certificates.read(id, dir.resolve(Certificates.keyFile(id)), made.certificate(id)) : null;
      NettyTransport t = NettyTransport.listen(made, id, keys, new NodeMetrics(id));
      c.transports.add(t);
      bound = bound.withPort(id, t.port());
    }
    for (NettyTransport t : c.transports) {
      if (t == null) {
        c.nodes.add(null);
        continue;
      }
      t.connect(bound);
      Transport over = wrappers.getOrDefault(t.self().index(), UnaryOperator.identity()).apply(t);
      c.nodes.add(new LiveNode(over, t.metrics(), made.name()));
    }
    c.config = bound;
    c.awaitConnected(absent);
    return c;
  }

  /** Waits until every present node is connected both ways to every other present node. */
  void awaitConnected(Set<Integer> absent) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(CONNECT_SECONDS);
    int present = config.size() - absent.size();
    for (NettyTransport t : transports) {
      while (t != null && t.connected().size() < present - 1) {
        if (System.nanoTime() > deadline) {
          throw new AssertionError("node " + t.self() + " connected only to " + t.connected());
        }
        TimeUnit.MILLISECONDS.sleep(5);
      }
    }
  }

  LiveNode node(int i) {
    return nodes.get(i);
  }

  @Override
  public void close() {
    for (LiveNode n : nodes) {
      if (n != null) {
        n.close();
      }
    }
  }
}
