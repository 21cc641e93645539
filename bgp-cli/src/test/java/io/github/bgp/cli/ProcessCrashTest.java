package io.github.bgp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.bgp.api.AgreementProtocol;
import io.github.bgp.api.CommitOutcome;
import io.github.bgp.api.CommitProtocol;
import io.github.bgp.api.CommitScenario;
import io.github.bgp.api.NodeId;
import io.github.bgp.api.Outcome;
import io.github.bgp.api.Protocols;
import io.github.bgp.api.Scenario;
import io.github.bgp.api.Strategy;
import io.github.bgp.api.Verdict;
import io.github.bgp.sim.Simulation;
import io.github.bgp.twophase.log.FileLog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real crashes: nodes as separate JVMs with their logs on disk, one of them killed with SIGKILL in
 * the middle of the run (no shutdown hook, no flush: what the OS has is all that survives), then
 * restarted from its log.
 */
class ProcessCrashTest {

  private static final CommitProtocol TPC = Protocols.byName("2pc", CommitProtocol.class);

  @TempDir Path dir;

  private final List<NodeProcess> running = new ArrayList<>();

  @AfterEach
  void stopAll() {
    running.forEach(NodeProcess::destroy);
  }

  /** Forty transactions over 2.4 s, some voted down, timeouts a busy machine can keep. */
  private static CommitScenario transactions() {
    CommitScenario.Builder b = CommitScenario.builder(2).seed(5)
        .timeouts(new CommitScenario.Timeouts(1_500, 3_000, 150));
    for (long t = 1; t <= 40; t++) {
      b.transaction(t, 60 * t, t % 6 == 0 ? List.of(Verdict.COMMIT, Verdict.ABORT)
          : List.of(Verdict.COMMIT, Verdict.COMMIT));
    }
    return b.build();
  }

  @Test
  void aCoordinatorKilledAfterDecidingRecoversFromItsLogAndEveryTransactionEndsAllOrNothing() throws Exception {
    CommitScenario scenario = transactions();
    Path config = commitCluster(scenario);
    for (int i = 0; i < 3; i++) {
      node(config, i, "node-" + i + ".err");
    }
    Map<Long, Verdict> before = awaitDecided(log(0), 8);
    running.get(0).kill();
    NodeProcess restarted = node(config, 0, "node-0-restarted.err");
    for (NodeProcess p : running.subList(1, running.size())) {
      assertEquals(0, p.exit(60), p.errors());
    }
    assertEquals(0, restarted.exit(60), restarted.errors());
    CommitOutcome outcome = onDisk(scenario);
    assertAllOrNothingAndDecided(outcome);
    before.forEach((txn, v) -> assertEquals(v, outcome.transactions().get(txn).decision().orElseThrow(),
        "transaction " + txn + "'s decision, logged before the crash"));
    assertEquals(1, metric(restarted, "protocol.recoveries"), "the restarted coordinator recovered from its log");
  }

  @Test
  void aParticipantKilledAfterVotingRecoversFromItsLogAndCompletesItsTransactions() throws Exception {
    CommitScenario scenario = transactions();
    Path config = commitCluster(scenario);
    for (int i = 0; i < 3; i++) {
      node(config, i, "node-" + i + ".err");
    }
    awaitReady(log(1), 8);
    running.get(1).kill();
    List<Long> uncertain = uncertain(log(1));
    Thread.sleep(300);
    NodeProcess restarted = node(config, 1, "node-1-restarted.err");
    assertEquals(0, restarted.exit(60), restarted.errors());
    for (int i : new int[] {0, 2}) {
      assertEquals(0, running.get(i).exit(60), running.get(i).errors());
    }
    CommitOutcome outcome = onDisk(scenario);
    assertAllOrNothingAndDecided(outcome);
    for (long txn : uncertain) {
      assertTrue(outcome.transactions().get(txn).decided(), "transaction " + txn + ", READY at the crash, decided");
    }
    assertEquals(1, metric(restarted, "protocol.recoveries"), "the restarted participant recovered from its log");
  }

  @Test
  void aLieutenantKilledBeforeItsFirstMessageIsSilenceAndTheOthersDecideWithinTheirDeadlines() throws Exception {
    Scenario scenario = Scenario.builder(4).m(1).seed(11).build();
    Path config = LocalProcesses.cluster(dir, 4, 800).directory().resolve("cluster.json");
    Path runs = dir.resolve("runs.jsonl");
    Files.writeString(runs, Json.line(Json.scenario(scenario)) + "\n");
    for (int i = 0; i < 4; i++) {
      running.add(NodeProcess.start(dir.resolve("node-" + i + ".err"), "--config", config.toString(), "--id",
          String.valueOf(i), "--protocol", "om", "--scenarios", runs.toString(), "--json"));
    }
    running.get(3).await(l -> l.contains("\"event\":\"start\""), 60);
    running.get(3).kill(); // the run's start is agreed, and still ahead: it will never say a word
    List<io.github.bgp.api.NodeReport> reports = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      NodeProcess p = running.get(i);
      assertEquals(0, p.exit(30), p.errors());
      JsonNode report = Json.MAPPER.readTree(p.await(l -> l.contains("\"report\""), 1)).get("report");
      reports.add(NodeReports.fromJson(report));
    }
    // What the survivors decided is what they decide in memory when general 3 is a silent traitor.
    Scenario silent3 = scenario.toBuilder().traitors(3).strategy(Strategy.SILENT).build();
    AgreementProtocol om = Protocols.byName("om", AgreementProtocol.class);
    Outcome live = Outcome.of("om", silent3, om.guarantee(silent3), reports);
    Outcome memory = Simulation.run(om, silent3);
    assertEquals(memory.decisions(), live.decisions());
    assertTrue(live.ic1() && live.ic2(), live.toString());
    for (NodeId lieutenant : List.of(NodeId.of(1), NodeId.of(2))) {
      assertTrue(reports.get(lieutenant.index()).counters().getOrDefault("rounds.deadline.misses", 0L) >= 1,
          lieutenant + " waited for general 3 until the deadline, and went on without it");
    }
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
      long started = System.nanoTime();

      IllegalStateException e = assertThrows(IllegalStateException.class, () -> LocalProcesses.await(dir, nodes, 120));

      assertEquals("node 3 failed (exit 2): bgp: node 3 cannot listen", e.getMessage());
      assertTrue(System.nanoTime() - started < 10_000_000_000L, "not after waiting for node 0");
    } finally {
      nodes.forEach(Process::destroyForcibly);
    }
  }

  @Test
  void aRunStoppedBySigtermLeavesNoNodeAndNoKeysBehind() throws Exception {
    Path tmp = Files.createDirectory(dir.resolve("tmp"));
    Path output = dir.resolve("bgp.out");
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    command.addAll(LocalProcesses.jvmOptions());
    command.addAll(List.of("-Djava.io.tmpdir=" + tmp, "-cp", System.getProperty("java.class.path"),
        Main.class.getName(), "om", "--generals", "4", "--transport", "tcp", "--round-timeout", "5000"));
    Process bgp = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
    List<ProcessHandle> nodes = List.of();
    try {
      for (long deadline = System.nanoTime() + 60_000_000_000L; nodes.size() < 4; Thread.sleep(20)) {
        assertTrue(bgp.isAlive() && System.nanoTime() < deadline, "bgp started four nodes: " + Files.readString(output));
        nodes = bgp.descendants().toList();
      }
      try (Stream<Path> made = Files.list(tmp)) {
        assertTrue(made.anyMatch(p -> p.getFileName().toString().startsWith("bgp-cluster-")), "a cluster directory");
      }

      bgp.destroy(); // SIGTERM, as from kill or ctrl-C

      assertTrue(bgp.waitFor(30, TimeUnit.SECONDS), "bgp exited");
      Thread.sleep(500); // a killed process can take a moment to be gone
      for (ProcessHandle node : nodes) {
        assertFalse(node.isAlive(), "node process " + node.pid() + " was stopped with bgp");
      }
      try (Stream<Path> left = Files.list(tmp)) {
        assertEquals(List.of(), left.toList(), "the cluster directory, keys and all, was removed");
      }
    } finally {
      bgp.destroyForcibly();
      nodes.forEach(ProcessHandle::destroyForcibly);
    }
  }

  private Path commitCluster(CommitScenario scenario) throws IOException {
    Path config = LocalProcesses.cluster(dir, scenario.nodes(), 500).directory().resolve("cluster.json");
    Files.writeString(dir.resolve("tpc.json"), CommitScenarioFile.toJson(scenario));
    return config;
  }

  private NodeProcess node(Path config, int i, String err) throws IOException {
    NodeProcess p = NodeProcess.start(dir.resolve(err), "--config", config.toString(), "--id", String.valueOf(i),
        "--protocol", "2pc", "--scenario", dir.resolve("tpc.json").toString(), "--log-dir",
        dir.resolve("logs").toString(), "--json", "--timeout", "60");
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

  private static void awaitReady(Path log, int n) throws InterruptedException {
    for (long deadline = System.nanoTime() + 60_000_000_000L; System.nanoTime() < deadline; Thread.sleep(5)) {
      if (Files.exists(log) && TPC.describeLog(records(log)).values().stream().filter(r -> r.contains("READY"))
          .count() >= n) {
        return;
      }
    }
    throw new AssertionError("the participant never logged " + n + " READY records");
  }

  /** The transactions the log shows READY without an outcome. */
  private static List<Long> uncertain(Path log) {
    List<Long> uncertain = new ArrayList<>();
    TPC.describeLog(records(log)).forEach((txn, r) -> {
      if (r.contains("READY") && r.stream().noneMatch(x -> x.startsWith("OUTCOME"))) {
        uncertain.add(txn);
      }
    });
    return uncertain;
  }

  private static List<byte[]> records(Path log) {
    return FileLog.inspect(log).records().stream().map(e -> e.payload()).toList();
  }

  private CommitOutcome onDisk(CommitScenario scenario) {
    Map<NodeId, List<byte[]>> logs = new TreeMap<>();
    for (int i = 0; i < scenario.nodes(); i++) {
      logs.put(NodeId.of(i), records(log(i)));
    }
    return TPC.outcome(scenario, logs, Set.of(), 0, Map.of(), List.of());
  }

  private static void assertAllOrNothingAndDecided(CommitOutcome outcome) {
    assertTrue(outcome.atomic(), "atomic: " + outcome.transactions());
    assertTrue(outcome.valid(), "valid: " + outcome.transactions());
    for (CommitOutcome.Txn t : outcome.transactions().values()) {
      assertTrue(t.decided(), "transaction " + t.id() + " decided everywhere: " + t);
    }
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
