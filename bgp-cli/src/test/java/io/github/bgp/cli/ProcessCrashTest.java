package io.github.bgp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.bgp.api.CommitOutcome;
import io.github.bgp.api.CommitProtocol;
import io.github.bgp.api.CommitScenario;
import io.github.bgp.api.NodeId;
import io.github.bgp.api.Protocols;
import io.github.bgp.api.Verdict;
import io.github.bgp.twophase.log.FileLog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real crash: the coordinator and participants as separate JVMs with their logs on disk, the
 * coordinator killed with SIGKILL in the middle of the run (no shutdown hook, no flush: what the
 * OS has is all that survives), then restarted from its log. Whatever the timing, every
 * transaction ends all or nothing, and no decision logged before the crash is lost.
 */
@Tag("processes") // clusters of JVMs: mvn -Pprocesses
class ProcessCrashTest {

  private static final CommitProtocol TPC = Protocols.commit("2pc");

  @TempDir Path dir;

  private final List<NodeProcess> running = new ArrayList<>();

  @AfterEach
  void stopAll() {
    running.forEach(NodeProcess::destroy);
  }

  /**
   * Twelve transactions over 0.7 s, two voted down. A vote that misses its timeout on a busy
   * machine only turns a commit into an abort: nothing asserted depends on it.
   */
  private static CommitScenario transactions() {
    CommitScenario.Builder b = CommitScenario.builder(2).seed(5)
        .timeouts(new CommitScenario.Timeouts(2_000, 4_000, 150));
    for (long t = 1; t <= 12; t++) {
      b.transaction(t, 60 * t, t % 6 == 0 ? List.of(Verdict.COMMIT, Verdict.ABORT)
          : List.of(Verdict.COMMIT, Verdict.COMMIT));
    }
    return b.build();
  }

  @Test
  void aCoordinatorKilledAfterDecidingRecoversFromItsLogAndEveryTransactionEndsAllOrNothing() throws Exception {
    CommitScenario scenario = transactions();
    Path config = LocalProcesses.cluster(dir, scenario.nodes(), 500).directory().resolve("cluster.json");
    Files.writeString(dir.resolve("tpc.json"), CommitScenarioFile.toJson(scenario));
    for (int i = 0; i < 3; i++) {
      node(config, i, "node-" + i + ".err", "--start", "-", "--new-log");
    }
    NodeProcess.startTogether(running, 2_000);
    Map<Long, Verdict> before = awaitDecided(log(0), 4);
    running.get(0).kill();
    NodeProcess restarted = node(config, 0, "node-0-restarted.err"); // it rejoins its run: its run file says which
    for (NodeProcess p : running.subList(1, 3)) {
      assertEquals(0, p.exit(60), p.errors());
    }
    assertEquals(0, restarted.exit(60), restarted.errors());

    CommitOutcome outcome = onDisk(scenario);
    assertTrue(outcome.atomic(), "atomic: " + outcome.transactions());
    assertTrue(outcome.valid(), "valid: " + outcome.transactions());
    for (CommitOutcome.Txn t : outcome.transactions().values()) {
      assertFalse(t.neverBegun(), "transaction " + t.id() + " was submitted, before the crash or after: " + t);
      assertTrue(t.decided(), "transaction " + t.id() + " decided everywhere: " + t);
    }
    before.forEach((txn, v) -> assertEquals(v, outcome.transactions().get(txn).decision().orElseThrow(),
        "transaction " + txn + "'s decision, logged before the crash"));
    assertEquals(1, metric(restarted, "protocol.recoveries"), "the restarted coordinator recovered from its log");
  }

  @Test
  void aNodeThatFailsAtStartupFailsTheRunAtOnceNamingItAndItsOutput() throws Exception {
    List<Process> nodes = new ArrayList<>();
    try {
      for (int i = 0; i < 4; i++) {
        ProcessBuilder b = i == 3 ? new ProcessBuilder("sh", "-c", "echo 'bgp: node 3 cannot listen' >&2; exit 2")
            : new ProcessBuilder("sleep", "60");
        nodes.add(b.redirectError(dir.resolve("node-" + i + ".err").toFile())
            .redirectOutput(dir.resolve("node-" + i + ".out").toFile()).start());
      }

      IllegalStateException e = assertThrows(IllegalStateException.class, () -> LocalProcesses.await(dir, nodes, 120));

      assertEquals("node 3 failed (exit 2): bgp: node 3 cannot listen", e.getMessage());
      assertTrue(nodes.get(0).isAlive(), "it did not wait for node 0, which is still running");
    } finally {
      nodes.forEach(Process::destroyForcibly);
    }
  }

  private NodeProcess node(Path config, int i, String err, String... more) throws IOException {
    List<String> args = new ArrayList<>(List.of("--config", config.toString(), "--id", String.valueOf(i),
        "--protocol", "2pc", "--scenario", dir.resolve("tpc.json").toString(), "--log-dir",
        dir.resolve("logs").toString(), "--json", "--timeout", "60"));
    args.addAll(List.of(more));
    NodeProcess p = NodeProcess.start(dir.resolve(err), args.toArray(new String[0]));
    running.add(p);
    return p;
  }

  private Path log(int node) {
    return dir.resolve("logs").resolve("node-" + node + ".log");
  }

  /** Waits until the coordinator's log holds {@code n} decisions, and returns them. */
  private static Map<Long, Verdict> awaitDecided(Path log, int n) throws InterruptedException {
    for (long deadline = System.nanoTime() + 60_000_000_000L; System.nanoTime() < deadline; Thread.sleep(5)) {
      if (Files.exists(log)) {
        Map<Long, Verdict> decided = new TreeMap<>();
        for (Map.Entry<Long, List<String>> e : TPC.describeLog(records(log)).entrySet()) {
          for (String r : e.getValue()) {
            if (r.startsWith("DECIDED ")) {
              decided.put(e.getKey(), Verdict.valueOf(r.substring("DECIDED ".length())));
            }
          }
        }
        if (decided.size() >= n) {
          return decided;
        }
      }
    }
    throw new AssertionError("the coordinator never logged " + n + " decisions");
  }

  private static List<byte[]> records(Path log) {
    return FileLog.inspect(log).records().stream().map(e -> e.payload()).toList();
  }

  private CommitOutcome onDisk(CommitScenario scenario) {
    Map<NodeId, List<byte[]>> logs = new TreeMap<>();
    for (int i = 0; i < scenario.nodes(); i++) {
      logs.put(NodeId.of(i), records(log(i)));
    }
    Set<Long> expected = new TreeSet<>();
    scenario.transactions().forEach(t -> expected.add(t.transaction().id()));
    return TPC.outcome(scenario.spec(), logs, Set.of(), expected);
  }

  private static long metric(NodeProcess p, String name) throws InterruptedException {
    JsonNode metrics;
    try {
      metrics = Json.MAPPER.readTree(p.await(l -> l.startsWith("{\"metrics\""), 5)).get("metrics");
    } catch (IOException e) {
      throw new AssertionError(e);
    }
    return metrics.has(name) ? metrics.get(name).asLong() : 0;
  }
}
