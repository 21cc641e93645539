package io.github.bgp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The contract over real sockets: every general its own JVM on 127.0.0.1, mutual TLS, round
 * deadlines on the wall clock; IC1 and IC2 hold and every loyal lieutenant decides exactly what it
 * decides in the simulator for the same scenario. Each test launches one cluster running many
 * scenarios at once (all strategies, traitor sets with and without the commander, both orders).
 */
class TcpTransportTest {

  @TempDir Path dir;

  @Test
  void omWithFourGeneralsOneTraitorDecidesOverTlsWhatItDecidesInMemory() throws IOException {
    sameAsInMemory("om", 4, 1, List.of(List.of(2), List.of(0), List.of(3), List.of()), 600);
  }

  @Test
  void omWithSevenGeneralsTwoTraitorsDecidesOverTlsWhatItDecidesInMemory() throws IOException {
    sameAsInMemory("om", 7, 2, List.of(List.of(3, 4), List.of(0, 5), List.of(1)), 1000);
  }

  @Test
  void smWithFourGeneralsOneTraitorDecidesOverTlsWhatItDecidesInMemory() throws IOException {
    sameAsInMemory("sm", 4, 1, List.of(List.of(2), List.of(0), List.of(3)), 600);
  }

  @Test
  void smWithSevenGeneralsTwoTraitorsDecidesOverTlsWhatItDecidesInMemory() throws IOException {
    sameAsInMemory("sm", 7, 2, List.of(List.of(0, 3), List.of(2, 5)), 1000);
  }

  @Test
  void oneRunPrintsTheSameTableAsInMemoryAndSaysWhereItRan() {
    Cli.Result tcp = Cli.run("om", "--generals", "4", "--traitors", "3", "--strategy", "flip", "--transport", "tcp");
    Cli.Result memory = Cli.run("om", "--generals", "4", "--traitors", "3", "--strategy", "flip");
    assertEquals(0, tcp.exit(), tcp.err());
    List<String> table = tcp.outLines().subList(0, memory.outLines().size());
    assertEquals(memory.outLines(), table, tcp.out());
    assertTrue(tcp.out().contains("ran as 4 processes on 127.0.0.1 over mutual TLS 1.3, 500 ms rounds"), tcp.out());
  }

  @Test
  void twoPhaseCommitOverTcpCommitsWhatEveryoneVotedForAndLeavesItsLogsOnDisk() throws IOException {
    Path logs = dir.resolve("logs");
    Cli.Result r = Cli.run("2pc", "--transport", "tcp", "-p", "2", "-t", "6", "--votes", "3:ca", "--json", "--log-dir",
        logs.toString());
    assertEquals(0, r.exit(), r.err());
    JsonNode o = Json.MAPPER.readTree(r.out());
    assertTrue(o.get("atomic").asBoolean() && o.get("valid").asBoolean() && o.get("decided").asBoolean(), r.out());
    for (JsonNode t : o.get("transactions")) {
      assertEquals(t.get("id").asInt() == 3 ? "ABORT" : "COMMIT", t.get("outcome").asText(), t.toString());
    }
    assertTrue(o.get("counters").get("log.forces").asLong() > 0, r.out());
    Cli.Result log = Cli.run("2pc", "log", logs.toString());
    assertEquals(0, log.exit(), log.err());
    assertTrue(log.out().contains("node-2.log: participant (node 2)"), log.out());
    assertTrue(log.out().contains("intact"), log.out());
  }

  @Test
  void transportOptionsAreChecked() {
    Cli.Result bad = Cli.run("om", "--generals", "4", "--transport", "udp");
    assertEquals(2, bad.exit());
    assertEquals("bgp: --transport must be memory or tcp, got 'udp' (see bgp om --help)", bad.errLines().get(0));
    Cli.Result traced = Cli.run("om", "--generals", "4", "--transport", "tcp", "--trace");
    assertEquals(2, traced.exit());
    assertTrue(traced.err().contains("does not go with --trace"), traced.err());
    Cli.Result crash = Cli.run("2pc", "--transport", "tcp", "--crash", "0:5:after");
    assertEquals(2, crash.exit());
    assertTrue(crash.err().contains("does not go with --crash"), crash.err());
    Cli.Result timeout = Cli.run("om", "--generals", "4", "--round-timeout", "100");
    assertEquals(2, timeout.exit());
    assertTrue(timeout.err().contains("--round-timeout applies to --transport tcp"), timeout.err());
  }

  /**
   * Runs every strategy for each traitor set, ATTACK and RETREAT, as one file of scenarios over
   * TCP, and compares each line with the same scenario in memory.
   */
  private void sameAsInMemory(String protocol, int n, int m, List<List<Integer>> traitorSets, int roundMillis)
      throws IOException {
    List<String> lines = new ArrayList<>();
    String[] strategies = {"flip", "split", "silent", "random"};
    int k = 0;
    for (List<Integer> traitors : traitorSets) {
      for (String strategy : strategies) {
        String order = k % 2 == 0 ? "ATTACK" : "RETREAT";
        lines.add("{\"generals\":" + n + ",\"m\":" + m + ",\"traitors\":" + traitors + ",\"strategy\":\"" + strategy
            + "\",\"order\":\"" + order + "\",\"seed\":" + (1000 + k) + "}");
        k++;
      }
    }
    Path file = dir.resolve("runs.jsonl");
    Files.write(file, lines);
    Cli.Result tcp = Cli.run(protocol, "--scenarios", file.toString(), "--transport", "tcp", "--round-timeout",
        String.valueOf(roundMillis));
    Cli.Result memory = Cli.run(protocol, "--scenarios", file.toString());
    assertEquals(0, tcp.exit(), tcp.err());
    assertEquals(0, memory.exit(), memory.err());
    List<String> over = tcp.outLines();
    List<String> in = memory.outLines();
    assertEquals(lines.size(), over.size(), tcp.out());
    for (int i = 0; i < lines.size(); i++) {
      JsonNode net = Json.MAPPER.readTree(over.get(i));
      JsonNode mem = Json.MAPPER.readTree(in.get(i));
      String what = protocol + " " + lines.get(i);
      assertTrue(net.get("ic1").asBoolean() && net.get("ic2").asBoolean(), what + " over tcp: " + net);
      assertEquals(mem.get("decisions"), net.get("decisions"), what);
      assertEquals(mem.get("heard"), net.get("heard"), what);
      assertEquals(mem.get("messages"), net.get("messages"), what);
      assertEquals(mem.get("undecided"), net.get("undecided"), what);
      assertEquals(0, net.get("dropped").path("LATE").asInt(), what + ": no frame missed its round");
    }
  }
}
