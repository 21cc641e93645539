package io.github.bgp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 10's smaller defects of {@code bgp node} and {@code bgp keys}, each a one-line error with
 * exit code 2 now: a port in use, a log record that is not the protocol's, a private key others can
 * read, a round that would overflow, a start that has passed, half a cluster.
 */
class NodeDefectsTest {

  @TempDir Path dir;

  private String keys(String... more) {
    List<String> args = new java.util.ArrayList<>(List.of("keys", "--generals", "2", "--out", dir.toString()));
    args.addAll(List.of(more));
    Cli.Result r = Cli.run(args.toArray(new String[0]));
    assertEquals(0, r.exit(), r.err());
    return dir.resolve("cluster.json").toString();
  }

  private Path runs() throws IOException {
    return Files.writeString(dir.resolve("runs.jsonl"), "{\"generals\": 2}\n");
  }

  @Test
  void aPortInUseIsOneLineNamingThePort() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      String config = keys("--base-port", String.valueOf(taken.getLocalPort()));
      Cli.Result r = Cli.run("node", "--config", config, "--id", "0", "--protocol", "om", "--scenarios",
          runs().toString(), "--start", String.valueOf(System.currentTimeMillis() + 60_000));
      assertEquals(2, r.exit(), r.err());
      assertEquals(List.of("bgp: node 0 cannot listen on 127.0.0.1:" + taken.getLocalPort() + ": the port "
          + taken.getLocalPort() + " is in use (Address already in use)"), r.errLines());
    }
  }

  @Test
  void aPrivateKeyOthersCanReadIsRefusedUnlessAllowed() throws Exception {
    String config = keys();
    Path key = dir.resolve("node-0.key.pem");
    if (!Files.getFileStore(key).supportsFileAttributeView("posix")) {
      return; // no modes to check here
    }
    Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-r--r--"));
    String later = String.valueOf(System.currentTimeMillis() + 60_000);
    Cli.Result r = Cli.run("node", "--config", config, "--id", "0", "--protocol", "om", "--scenarios",
        runs().toString(), "--start", later, "--metrics", "nowhere");
    assertEquals(2, r.exit(), r.err());
    assertEquals(List.of("bgp: the private key " + key + " has mode rw-r--r--: others may read it, and whoever can"
        + " is this node to the cluster; chmod 600 it (or allow it explicitly) with --allow-readable-key"), r.errLines());
    // Allowed explicitly, the key is read: the next problem is the (deliberately bad) metrics address.
    Cli.Result allowed = Cli.run("node", "--config", config, "--id", "0", "--protocol", "om", "--scenarios",
        runs().toString(), "--start", later, "--allow-readable-key", "--metrics", "nowhere");
    assertEquals(2, allowed.exit(), allowed.err());
    assertTrue(allowed.errLines().get(0).startsWith("bgp: --metrics wants"), allowed.err());
  }

  @Test
  void aRoundThatWouldOverflowIsRefusedByKeysAndByTheNode() throws Exception {
    Cli.Result made = Cli.run("keys", "--generals", "2", "--out", dir.toString(), "--round-timeout",
        String.valueOf(Long.MAX_VALUE));
    assertEquals(2, made.exit(), made.err());
    assertTrue(made.errLines().get(0).startsWith("bgp: cannot make the cluster: roundTimeoutMillis is at most"
        + " 86400000 (a day"), made.err());
    assertFalse(Files.exists(dir.resolve("node-0.key.pem")), "half a cluster was left behind");
    String config = keys();
    Files.writeString(Path.of(config), Files.readString(Path.of(config))
        .replaceFirst("\"roundTimeoutMillis\" : \\d+", "\"roundTimeoutMillis\" : " + Long.MAX_VALUE));
    Cli.Result r = Cli.run("node", "--config", config, "--id", "0", "--protocol", "om", "--scenarios",
        runs().toString());
    assertEquals(2, r.exit(), r.err());
    assertEquals(1, r.errLines().size(), r.err());
    assertTrue(r.errLines().get(0).contains("roundTimeoutMillis is at most 86400000"), r.err());
  }

  @Test
  void aStartThatHasPassedIsRefused() throws Exception {
    String config = keys();
    Cli.Result r = Cli.run("node", "--config", config, "--id", "0", "--protocol", "om", "--scenarios",
        runs().toString(), "--start", "2020-01-01T00:00:00Z");
    assertEquals(2, r.exit(), r.err());
    assertEquals(1, r.errLines().size(), r.err());
    assertTrue(r.errLines().get(0).startsWith("bgp: line 1's start: the start 2020-01-01T00:00:00Z passed "),
        r.err());
    assertTrue(r.errLines().get(0).endsWith("a node never runs an instance whose start has passed; give every node"
        + " the same start in the future"), r.err());
    Cli.Result bad = Cli.run("node", "--config", config, "--id", "0", "--protocol", "om", "--scenarios",
        runs().toString(), "--start", "tomorrow");
    assertEquals(2, bad.exit(), bad.err());
    assertTrue(bad.errLines().get(0).startsWith("bgp: --start: a start is an ISO-8601 instant"), bad.err());
  }

  @Test
  void keysNeverLeavesHalfACluster() throws Exception {
    keys();
    String before = Files.readString(dir.resolve("cluster.json"));
    Path blocker = dir.resolve("node-1.key.pem");
    Files.delete(blocker);
    Files.createDirectories(blocker.resolve("in-the-way")); // a directory where node 1's key goes
    byte[] key0 = Files.readAllBytes(dir.resolve("node-0.key.pem"));
    Cli.Result r = Cli.run("keys", "--generals", "2", "--out", dir.toString(), "--force");
    assertEquals(2, r.exit(), r.err());
    assertEquals(1, r.errLines().size(), r.err());
    assertTrue(r.errLines().get(0).contains("is a directory: nothing was written"), r.err());
    assertEquals(before, Files.readString(dir.resolve("cluster.json")), "cluster.json changed");
    assertTrue(java.util.Arrays.equals(key0, Files.readAllBytes(dir.resolve("node-0.key.pem"))), "node 0's key changed");
    try (var left = Files.list(dir)) {
      assertEquals(List.of(), left.filter(p -> p.getFileName().toString().contains(".bgp-keys-")).toList());
    }
    try (var left = Files.list(dir.getParent())) {
      assertEquals(List.of(), left.filter(p -> p.getFileName().toString().contains(".bgp-keys-")).toList(),
          "a temporary directory was left behind");
    }
  }
}
