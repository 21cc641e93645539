package io.github.bgp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.bgp.api.Value;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bgp node --propose VALUE} on the commander and the same command without it on the
 * lieutenants: an application's agreement from the command line, each node printing its
 * decision. One multi-process run (four JVMs over TLS); the refusals run in this JVM.
 */
class NodeProposeTest {

  @TempDir Path dir;

  private final List<NodeProcess> running = new ArrayList<>();

  @AfterEach
  void stopAll() {
    running.forEach(NodeProcess::destroy);
  }

  @Test
  void theCommandersBytesAreDecidedByEveryLieutenantInFourProcesses() throws Exception {
    // rounds of 30 s: every round closes on its last frame, none is waited for
    Path config = LocalProcesses.cluster(dir, 4, 30_000).directory().resolve("cluster.json");
    for (int i = 0; i < 4; i++) {
      List<String> args = new ArrayList<>(List.of("--config", config.toString(), "--id", Integer.toString(i),
          "--protocol", "sm", "--values", "bytes", "--max-value-bytes", "64", "--start", "-", "--json"));
      if (i == 0) {
        args.addAll(List.of("--propose", "text:hold the bridge"));
      }
      running.add(NodeProcess.start(dir.resolve("node-" + i + ".err"), args.toArray(new String[0])));
    }
    // A node refuses a start more than maxSkewMillis (100 ms) past: each of the four must read its start within the
    // lead, so the lead is one only a stalled process misses, not a loaded machine (3 s was).
    NodeProcess.startTogether(running, 10_000);
    String proposed = running.get(0).await(l -> l.contains("\"event\":\"decision\""), 60);
    assertTrue(proposed.contains("\"role\":\"commander\"") && proposed.contains("\"text\":\"hold the bridge\""),
        proposed);
    for (int i = 1; i < 4; i++) {
      String line = running.get(i).await(l -> l.contains("\"event\":\"decision\""), 60);
      assertTrue(line.contains("\"role\":\"lieutenant\""), line);
      assertTrue(line.contains("\"value\":\"" + NodeCommand.proposedValue("text:hold the bridge") + "\""), line);
      assertTrue(line.contains("\"text\":\"hold the bridge\""), line);
    }
    for (NodeProcess p : running) {
      assertEquals(0, p.exit(60), p.errors());
    }
  }

  @Test
  void valuesAreReadAsDocumented() {
    assertEquals(Value.ATTACK, NodeCommand.proposedValue("attack"));
    assertEquals(Value.number(-42), NodeCommand.proposedValue("-42"));
    assertEquals(Value.bytes(new byte[] {1, (byte) 0xAB}), NodeCommand.proposedValue("0x01ab"));
    assertEquals(Value.bytes("é".getBytes(java.nio.charset.StandardCharsets.UTF_8)),
        NodeCommand.proposedValue("text:é"));
    assertEquals(Value.EMPTY, NodeCommand.proposedValue("text:"));
    assertEquals("0x6869 (text:hi)", NodeCommand.describe(NodeCommand.proposedValue("text:hi")));
  }

  @Test
  void badProposalsAreOneLineWithExitTwo() throws Exception {
    String config = LocalProcesses.cluster(dir, 4, 500).directory().resolve("cluster.json").toString();
    refused("is a lieutenant: only the commander", "--config", config, "--id", "1", "--protocol", "om",
        "--propose", "ATTACK");
    refused("is the commander: give it --propose", "--config", config, "--id", "0", "--protocol", "om");
    refused("is bytes, but the instance agrees on values of kind order", "--config", config, "--id", "0",
        "--protocol", "sm", "--propose", "0x01");
    refused("larger than the 4", "--config", config, "--id", "0", "--protocol", "sm", "--values", "bytes",
        "--max-value-bytes", "4", "--propose", "text:too long");
    refused("--values is order, number or bytes", "--config", config, "--id", "1", "--protocol", "sm", "--values",
        "words");
    refused("not a value: 'soon'", "--config", config, "--id", "0", "--protocol", "om", "--propose", "soon");
    refused("are for an agreement without --scenarios", "--config", config, "--id", "0", "--protocol", "om",
        "--scenarios", "-", "--propose", "ATTACK");
  }

  private static void refused(String why, String... args) {
    String[] all = new String[args.length + 1];
    all[0] = "node";
    System.arraycopy(args, 0, all, 1, args.length);
    Cli.Result r = Cli.run(all);
    assertEquals(2, r.exit(), r.out() + r.err());
    assertTrue(r.err().contains(why), r.err());
    assertEquals(1, r.err().strip().lines().count(), "one line: " + r.err());
  }
}
