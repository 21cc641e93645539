package io.github.bgp.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The Netty version check against made-up class paths; {@code OldNettyTest} runs it on a real
 * Netty 4.1 class path (mvn -Pnetty-4.1, see bgp-net's pom).
 */
class NettyVersionTest {

  /** The Netty artifacts bgp-net uses, all at {@code version}, as {@code Version.identify()} reports them. */
  private static Map<String, String> all(String version) {
    Map<String, String> m = new TreeMap<>();
    for (String id : new String[] {"netty-common", "netty-buffer", "netty-resolver", "netty-transport", "netty-handler",
        "netty-codec", "netty-codec-http"}) {
      m.put(id, version);
    }
    return m;
  }

  @Test
  void netty42AndLaterPass() {
    assertEquals(Optional.empty(), NettyVersion.problem(all("4.2.20.Final"), true, "4.2.20.Final"));
    assertEquals(Optional.empty(), NettyVersion.problem(all("4.2.0.Final"), true, "4.2.20.Final"));
    assertEquals(Optional.empty(), NettyVersion.problem(all("4.3.1.Final"), true, "4.2.20.Final"));
    assertEquals(Optional.empty(), NettyVersion.problem(all("5.0.0.Alpha3"), true, "4.2.20.Final"));
  }

  @Test
  void netty41AsSpringBoot3ManagesItFailsNamingBothVersions() {
    String problem = NettyVersion.problem(all("4.1.118.Final"), false, "4.2.20.Final").orElseThrow();

    assertTrue(problem.startsWith("bgp-net needs Netty 4.2 or newer (it is built with 4.2.20.Final), but the class"
        + " path has netty-buffer 4.1.118.Final, netty-codec 4.1.118.Final, netty-codec-http 4.1.118.Final,"
        + " netty-common 4.1.118.Final, "), problem);
    assertTrue(problem.endsWith("A build that manages Netty 4.1 (Spring Boot 3 does) must manage Netty 4.2 for bgp-net:"
        + " import io.netty:netty-bom:4.2.20.Final or set the netty.version property."), problem);
  }

  @Test
  void oneOldArtifactAmongNewOnesIsNamedAlone() {
    Map<String, String> mixed = all("4.2.20.Final");
    mixed.put("netty-handler", "4.1.100.Final");

    String problem = NettyVersion.problem(mixed, true, "4.2.20.Final").orElseThrow();

    assertTrue(problem.contains("but the class path has netty-handler 4.1.100.Final."), problem);
    assertFalse(problem.contains("netty-common"), problem);
  }

  @Test
  void artifactsBgpNetDoesNotUseDoNotCount() {
    Map<String, String> found = all("4.2.20.Final");
    found.put("netty-tcnative-boringssl-static", "2.0.70.Final");
    found.put("netty-codec-haproxy", "4.1.118.Final");

    assertEquals(Optional.empty(), NettyVersion.problem(found, true, "4.2.20.Final"));
  }

  @Test
  void withoutVersionInformationTheMissingClassDecides() {
    assertEquals(Optional.empty(), NettyVersion.problem(Map.of(), true, "4.2.20.Final"));
    String problem = NettyVersion.problem(Map.of(), false, "4.2.20.Final").orElseThrow();
    assertTrue(problem.contains("but the class path has a Netty without io.netty.channel.MultiThreadIoEventLoopGroup"
        + " and without version information."), problem);
    // Version information that claims 4.2 while the class is missing is not believed either.
    String claimed = NettyVersion.problem(all("4.2.20.Final"), false, "4.2.20.Final").orElseThrow();
    assertTrue(claimed.contains("lacks io.netty.channel.MultiThreadIoEventLoopGroup (found netty-buffer 4.2.20.Final"),
        claimed);
  }

  @Test
  void versionsAreComparedByTheirLine() {
    assertTrue(NettyVersion.olderThan42("4.1.118.Final"));
    assertTrue(NettyVersion.olderThan42("3.10.6.Final"));
    assertFalse(NettyVersion.olderThan42("4.2.0.Final"));
    assertFalse(NettyVersion.olderThan42("4.10.0.Final"));
    assertFalse(NettyVersion.olderThan42("unknown"));
  }

  @Test
  void theClassPathOfThisBuildPasses() {
    Map<String, String> found = NettyVersion.found();

    assertTrue(found.get("netty-transport").startsWith("4.2."), found.toString());
    assertEquals(found.get("netty-transport"), NettyVersion.builtWith(), "the version the build filtered in");
    NettyVersion.require();
  }
}
