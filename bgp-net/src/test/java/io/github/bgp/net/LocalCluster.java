package io.github.bgp.net;

import io.github.bgp.api.NodeId;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A cluster of live nodes in this JVM on 127.0.0.1, with fresh keys, for tests. */
final class LocalCluster implements AutoCloseable {

  /** The cluster as bound: every node's actual port. */
  ClusterConfig config;
  final List<NettyTransport> transports = new ArrayList<>();
  final List<LiveNode> nodes = new ArrayList<>();

  private LocalCluster(ClusterConfig config) {
    this.config = config;
  }

  /** {@code n} nodes with certificates in {@code dir}, listening on free ports, connected. */
  static LocalCluster start(Path dir, int n, long roundTimeoutMillis) throws IOException, InterruptedException {
    return start(Certificates.makeCluster(dir, "test", n, "127.0.0.1", 0, roundTimeoutMillis), dir);
  }

  static LocalCluster start(ClusterConfig made, Path dir) throws InterruptedException {
    LocalCluster c = new LocalCluster(made);
    ClusterConfig bound = made;
    for (int i = 0; i < made.size(); i++) {
      NodeId id = NodeId.of(i);
      Certificates.NodeKeys keys = made.security() == ClusterConfig.Security.TLS
          ? Certificates.read(id, dir.resolve(Certificates.keyFile(id)), made.certificate(id)) : null;
      NettyTransport t = NettyTransport.listen(made, id, keys, new NodeMetrics(id));
      c.transports.add(t);
      bound = bound.withPort(id, t.port());
    }
    for (NettyTransport t : c.transports) {
      t.connect(bound);
      c.nodes.add(new LiveNode(t, t.metrics()));
    }
    for (NettyTransport t : c.transports) {
      t.mesh().join();
    }
    c.config = bound;
    return c;
  }

  LiveNode node(int i) {
    return nodes.get(i);
  }

  @Override
  public void close() {
    for (LiveNode n : nodes) {
      n.close();
    }
  }
}
