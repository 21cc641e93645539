package io.github.bgp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The smoke test over real sockets: every general its own JVM on 127.0.0.1, mutual TLS, and the
 * loyal lieutenants decide exactly what they decide in the simulator for the same scenario. One
 * cluster runs OM on many scenarios at once, another SM on one. No traitor is silent and rounds are
 * long: a round closes as soon as every frame it waits for has arrived, so no result depends on a
 * wall-clock deadline being met on a loaded machine (the simulator and the in-JVM contract suites
 * cover the deadlines).
 */
class TcpTransportTest {

  /** Rounds long enough never to expire while every frame is on its way. */
  private static final String ROUND_MILLIS = "30000";

  @TempDir Path dir;

  @Tag("processes")
  @Test
  void omOverTlsDecidesWhatItDecidesInMemoryForEveryScenarioOfAFile() throws IOException {
    List<String> lines = new ArrayList<>();
    int k = 0;
    for (String traitors : List.of("[2]", "[0]", "[]")) {
      for (String strategy : List.of("flip", "split", "random")) {
        lines.add("{\"generals\":4,\"m\":1,\"traitors\":" + traitors + ",\"strategy\":\"" + strategy
            + "\",\"order\":\"" + (k % 2 == 0 ? "ATTACK" : "RETREAT") + "\",\"seed\":" + (1000 + k) + "}");
        k++;
      }
    }
    Path file = dir.resolve("runs.jsonl");
    Files.write(file, lines);

    Cli.Result tcp = Cli.run("om", "--scenarios", file.toString(), "--transport", "tcp", "--round-timeout",
        ROUND_MILLIS);
    Cli.Result memory = Cli.run("om", "--scenarios", file.toString());

    assertEquals(0, tcp.exit(), tcp.err());
    assertEquals(0, memory.exit(), memory.err());
    assertEquals(lines.size(), tcp.outLines().size(), tcp.out());
    for (int i = 0; i < lines.size(); i++) {
      JsonNode net = Json.MAPPER.readTree(tcp.outLines().get(i));
      JsonNode mem = Json.MAPPER.readTree(memory.outLines().get(i));
      String what = "om " + lines.get(i);
      assertTrue(net.get("ic1").asBoolean() && net.get("ic2").asBoolean(), what + " over tcp: " + net);
      assertEquals(mem.get("decisions"), net.get("decisions"), what);
      assertEquals(mem.get("heard"), net.get("heard"), what);
      assertEquals(mem.get("messages"), net.get("messages"), what);
      assertEquals(mem.get("undecided"), net.get("undecided"), what);
      assertEquals(mem.get("dropped"), net.get("dropped"), what + ": no frame missed its round");
    }
  }

  @Tag("processes")
  @Test
  void smOverTlsPrintsTheTableItPrintsInMemoryAndSaysWhereItRan() {
    String[] scenario = {"sm", "--generals", "4", "--traitors", "0", "--strategy", "split"};
    List<String> overTcp = new ArrayList<>(List.of(scenario));
    overTcp.addAll(List.of("--transport", "tcp", "--round-timeout", ROUND_MILLIS));

    Cli.Result tcp = Cli.run(overTcp.toArray(new String[0]));
    Cli.Result memory = Cli.run(scenario);

    assertEquals(0, tcp.exit(), tcp.err());
    assertEquals(0, memory.exit(), memory.err());
    assertTrue(memory.out().contains("the commander signed both RETREAT and ATTACK: it is a proven traitor"),
        memory.out());
    int same = memory.outLines().size();
    assertEquals(memory.outLines(), tcp.outLines().subList(0, same), tcp.out());
    assertTrue(tcp.outLines().get(same).startsWith("ran as 4 processes on 127.0.0.1 over mutual TLS 1.3, "
        + ROUND_MILLIS + " ms rounds, in "), tcp.out());
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
}
