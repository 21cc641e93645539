package io.github.bgp.net;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.bgp.api.NodeId;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * bgp-net on Netty 4.1, as an application that manages Netty 4.1 (Spring Boot 3) runs it: the
 * first transport or metrics server fails at once, naming the versions, instead of a
 * NoClassDefFoundError later. Runs only with Netty 4.1 in place of 4.2 on the test class path:
 * {@code mvn -B verify -pl bgp-net -am -Pnetty-4.1 -Dtest=OldNettyTest -Dsurefire.failIfNoSpecifiedTests=false}
 * (the normal build leaves out the tag netty-4.1; on its class path this test fails).
 */
@Tag("netty-4.1")
class OldNettyTest {

  @Test
  void theClassPathHasNetty41() {
    String common = NettyVersion.found().get("netty-common");
    assertTrue(common != null && common.startsWith("4.1."), "this test runs on Netty 4.1 (-Pnetty-4.1), found "
        + NettyVersion.found());
  }

  @Test
  void aTransportFailsAtOnceNamingTheVersionFoundAndTheOneNeeded(@TempDir Path dir) {
    ClusterConfig cluster = new ClusterConfig("old-netty", ClusterConfig.Security.PLAINTEXT_INSECURE, 500, 1 << 20,
        List.of(new ClusterConfig.Member(NodeId.of(0), "127.0.0.1", 0, null),
            new ClusterConfig.Member(NodeId.of(1), "127.0.0.1", 0, null)), dir);

    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> NettyTransport.listen(cluster, NodeId.of(0), null, new NodeMetrics(NodeId.of(0))));

    assertTrue(e.getMessage().startsWith("bgp-net needs Netty 4.2 or newer (it is built with 4.2."), e.getMessage());
    assertTrue(e.getMessage().contains("netty-transport 4.1."), e.getMessage());
  }

  @Test
  void aMetricsServerFailsTheSameWay() {
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> MetricsServer.start("127.0.0.1", 0, new NodeMetrics(NodeId.of(0))));

    assertTrue(e.getMessage().contains("netty-common 4.1."), e.getMessage());
  }
}
