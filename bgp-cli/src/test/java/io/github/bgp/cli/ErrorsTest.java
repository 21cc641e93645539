package io.github.bgp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ErrorsTest {

  @TempDir
  Path dir;

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "om --generals 1                     | bgp: generals must be at least 2 (a commander and one lieutenant), got 1",
      "om --generals 7 --traitors 9        | bgp: traitor 9 is out of range: the generals are 0..6",
      "om --generals 7 --traitors 3,3      | bgp: traitor 3 is listed twice",
      "om --generals 7 --traitors -1       | bgp: traitor -1 is out of range: node ids are non-negative",
      "om --generals 7 --strategy liar     | bgp: unknown strategy 'liar' (expected one of honest, flip, split, silent, random)",
      "om --generals 7 --majority mean     | bgp: unknown majority 'mean' (expected default or median)",
      "om --generals 7 --order charge      | bgp: not a value: 'charge' (expected ATTACK, RETREAT, an integer or 0x and"
          + " hexadecimal bytes)",
      "om --generals 7 --m -1              | bgp: m must be at least 0, got -1",
      "om --generals 60 --m 19             | bgp: OM(19) with 60 generals is too large to run",
      "om --generals 7 --bogus             | bgp: Unknown option: '--bogus' (see bgp om --help)",
      "om --generals seven                 | bgp: Invalid value for option '--generals': 'seven' is not an int (see bgp om --help)",
      "om --generals                       | bgp: Missing required parameter for option '--generals' (N) (see bgp om --help)",
      "om                                  | bgp: missing --generals N (or --scenarios FILE) (see bgp om --help)",
      "om --generals 7 --tries 9           | bgp: --tries only applies to --search (see bgp om --help)",
      "om --generals 7 --search --traitors 1 | bgp: --search chooses the traitors and how they lie",
      "om --generals 7 --search --tries 0  | bgp: --tries must be at least 1, got 0 (see bgp om --help)",
      "om --generals 1 --search            | bgp: generals must be at least 2",
      "attack                              | bgp: Unmatched argument at index 0: 'attack' (see bgp --help)",
      "omm                                 | bgp: Unmatched argument at index 0: 'omm'; did you mean om or paxos-commit? (see bgp --help)",
      "''                                  | bgp: missing a command: broken, direct, dolev-strong, om, phase-king, sm, protocols,"
          + " bench, two-generals, 2pc, 3pc, paxos-commit, keys, node, view (see bgp --help)",
      "om --generals 33 --transport tcp    | bgp: --transport tcp runs each general as a JVM of its own on this machine: at most 32 generals, got 33",
      "sm --generals 40 --transport tcp    | bgp: --transport tcp runs each general as a JVM of its own on this machine: at most 32 generals, got 40",
      "2pc -p 32 --transport tcp           | bgp: --transport tcp runs each node as a JVM of its own on this machine: at most 31 participants, got 32",
  })
  void badArgumentsGiveOneLineAndExitCode2(String args, String message) {
    Cli.Result r = Cli.run(args.isEmpty() ? new String[0] : args.split(" "));

    assertEquals(2, r.exit(), r.err());
    assertEquals("", r.out());
    assertEquals(1, r.errLines().size(), r.err());
    assertTrue(r.errLines().get(0).startsWith(message), r.err());
    assertNoStackTrace(r);
  }

  @Test
  void aBugIsAnInternalErrorInOneLine() {
    Cli.Result r = Cli.run("broken", "--generals", "4");

    assertEquals(1, r.exit());
    assertEquals(List.of("bgp: internal error: java.lang.IllegalStateException: the broken protocol broke over two lines"),
        r.errLines());
  }

  @Test
  void debugShowsTheStack() {
    Cli.Result r = Cli.run("broken", "--generals", "4", "--debug");

    assertEquals(1, r.exit());
    assertTrue(r.errLines().get(0).startsWith("bgp: internal error: "), r.err());
    assertTrue(r.err().contains("\tat io.github.bgp.cli.BrokenProtocol.create"), r.err());
  }

  @Test
  void anyAgreementProtocolOnTheClassPathIsACommandByNameAlone() {
    Cli.Result r = Cli.run("broken", "--help");

    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().contains("Usage: bgp broken"), r.out());
    assertTrue(r.out().contains("--generals"), r.out());
    assertTrue(r.out().contains("Run the broken agreement protocol"), "generic notes: " + r.out());
  }

  @Test
  void helpAndVersionSucceed() {
    for (String[] args : List.of(new String[] {"--help"}, new String[] {"-h"}, new String[] {"--version"},
        new String[] {"om", "--help"}, new String[] {"om", "-h"}, new String[] {"protocols", "--help"})) {
      Cli.Result r = Cli.run(args);
      assertEquals(0, r.exit(), String.join(" ", args) + ": " + r.err());
      assertFalse(r.out().isEmpty(), String.join(" ", args));
    }
  }

  @Test
  void badKeysArgumentsAreOneLineAndWriteNothing() {
    Path out = dir.resolve("cluster");
    assertUsage("bgp: --host needs a host name or address (see bgp keys --help)",
        "keys", "--generals", "2", "--out", out.toString(), "--host", "");
    assertUsage("bgp: --generals must be at most 1000 (a key pair and a certificate each), got 2147483000"
        + " (see bgp keys --help)", "keys", "--generals", "2147483000", "--out", out.toString());
    assertUsage("bgp: --base-port 2147483647 leaves ports 2147483647 to 2147483648, not all in 1 to 65535"
        + " (see bgp keys --help)", "keys", "--generals", "2", "--out", out.toString(), "--base-port", "2147483647");
    assertFalse(Files.exists(out), "nothing written");
  }

  @Test
  void aClusterTheLibraryRefusesIsOneLine() {
    Cli.Result r = Cli.run("keys", "--generals", "2", "--out", dir.toString(), "--cluster", "c".repeat(300));

    assertEquals(2, r.exit(), r.err());
    assertEquals(1, r.errLines().size(), r.err());
    assertTrue(r.errLines().get(0).startsWith("bgp: cannot make the cluster: "), r.err());
    assertNoStackTrace(r);
  }

  @Test
  void badNodeArgumentsAreOneLineAndStartNothing() throws IOException {
    int port = freePort();
    Cli.Result keys = Cli.run("keys", "--generals", "2", "--out", dir.toString(), "--base-port", String.valueOf(port));
    assertEquals(0, keys.exit(), keys.err());
    String config = dir.resolve("cluster.json").toString();
    Path runs = Files.writeString(dir.resolve("runs.jsonl"), "{\"generals\": 2}\n");

    assertUsage("bgp: --id -1 is not a node of " + config + ", which has nodes 0 to 1 (see bgp node --help)",
        "node", "--config", config, "--id", "-1", "--protocol", "om", "--scenarios", runs.toString());
    assertUsage("bgp: --timeout must be at least 1 second, got 0 (see bgp node --help)",
        "node", "--config", config, "--id", "0", "--protocol", "om", "--scenarios", runs.toString(), "--timeout", "0");
    assertUsage("bgp: --metrics wants [HOST:]PORT with a port of 0 to 65535; got 'nowhere' (see bgp node --help)",
        "node", "--config", config, "--id", "0", "--protocol", "om", "--scenarios", runs.toString(), "--metrics",
        "nowhere");
    try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
      assertEquals(port, s.getLocalPort(), "the node's port was never taken, or was let go");
    }
  }

  @Test
  void aNodeReadsScenariosFromTheInputItIsGiven() {
    Cli.Result keys = Cli.run("keys", "--generals", "2", "--out", dir.toString());
    assertEquals(0, keys.exit(), keys.err());

    Cli.Result r = Cli.runWithInput("{\"generals\": 3}\n", "node", "--config", dir.resolve("cluster.json").toString(),
        "--id", "0", "--protocol", "om", "--scenarios", "-");

    assertEquals(2, r.exit(), r.err());
    assertEquals(List.of("bgp: standard input line 1: 3 generals, but the cluster has 2 nodes"), r.errLines());
  }

  private static void assertUsage(String message, String... args) {
    Cli.Result r = Cli.run(args);
    assertEquals(2, r.exit(), r.err());
    assertEquals("", r.out());
    assertEquals(List.of(message), r.errLines());
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  static void assertNoStackTrace(Cli.Result r) {
    assertFalse(r.err().contains("\tat "), r.err());
    assertFalse(r.err().contains("Exception"), r.err());
  }
}
