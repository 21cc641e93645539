package io.github.bgp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.bgp.api.CommitOutcome;
import io.github.bgp.api.CommitProtocol;
import io.github.bgp.api.CommitScenario;
import io.github.bgp.api.CommitSpec;
import io.github.bgp.api.InstanceId;
import io.github.bgp.api.NodeId;
import io.github.bgp.api.Protocols;
import io.github.bgp.api.Resource;
import io.github.bgp.api.Verdict;
import io.github.bgp.net.LiveNode;
import io.github.bgp.net.LocalNetwork;
import io.github.bgp.net.NodeMetrics;
import io.github.bgp.sim.Simulation;
import io.github.bgp.spi.Environment;
import io.github.bgp.spi.Input;
import io.github.bgp.twophase.log.FileLog;
import io.github.bgp.twophase.log.ForeignLogException;
import io.github.bgp.twophase.log.Inspection;
import io.github.bgp.twophase.log.LogOwner;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two-phase commit on live nodes (a {@link LocalNetwork} in this JVM, {@link FileLog}s on disk)
 * restarted on damaged or wrong logs: each case either refuses to start, naming the file and
 * the problem, or ends with every node agreeing; a coordinator on a log that contradicts the
 * participants' is never acknowledged, never logs END, and {@code bgp 2pc log} names the
 * disagreement. Timeouts are long and retries quick: every outcome is reached by messages, not
 * by a deadline.
 */
class DamagedLogsOnLiveNodesTest {

  private static final CommitProtocol TPC = Protocols.commit("2pc");
  private static final String CLUSTER = "live";
  private static final long PATIENCE_NANOS = TimeUnit.SECONDS.toNanos(60);

  /** Txn 1: both participants vote COMMIT; txn 2: participant 2 votes ABORT. */
  private static final CommitScenario SCENARIO = CommitScenario.builder(2).seed(3)
      .timeouts(new CommitScenario.Timeouts(60_000, 60_000, 100))
      .transaction(1, 0, List.of(Verdict.COMMIT, Verdict.COMMIT))
      .transaction(2, 0, List.of(Verdict.COMMIT, Verdict.ABORT))
      .build();
  private static final CommitSpec SPEC = SCENARIO.spec();
  private static final Set<Long> TXNS = Set.of(1L, 2L);

  @TempDir
  Path dir;

  private static LogOwner owner(int node) {
    return LogOwner.of(CLUSTER, SPEC, NodeId.of(node), TPC.name());
  }

  private static Path log(Path logs, int node) {
    return logs.resolve("node-" + node + ".log");
  }

  private static List<byte[]> records(Path file) {
    return FileLog.inspect(file).records().stream().map(Inspection.Entry::payload).toList();
  }

  /** One life of the cluster over the logs in {@code logs}: its nodes, instances and metrics. */
  private static final class Life implements AutoCloseable {
    final List<LiveNode> nodes = new ArrayList<>();
    final List<FileLog> files = new ArrayList<>();
    final List<LiveNode.Instance> instances = new ArrayList<>();
    final List<NodeMetrics> metrics = new ArrayList<>();

    /** Starts every node on its log: a new one ({@code fresh}) or the one it has. */
    Life(Path logs, boolean fresh) {
      LocalNetwork net = new LocalNetwork(SPEC.nodes());
      Environment env = Environment.builder(InstanceId.of(7)).cluster(CLUSTER).build();
      try {
        for (int i = 0; i < SPEC.nodes(); i++) {
          NodeId id = NodeId.of(i);
          NodeMetrics m = new NodeMetrics(id);
          metrics.add(m);
          LiveNode node = new LiveNode(net.endpoint(id), m, CLUSTER);
          nodes.add(node);
          FileLog f = fresh ? FileLog.open(log(logs, i), owner(i)) : FileLog.openExisting(log(logs, i), owner(i));
          files.add(f);
          Resource r = i == 0 ? null : Simulation.scripted(SCENARIO).apply(id);
          instances.add(node.register(env.instance(), TPC.create(SPEC, env), f, r));
        }
      } catch (RuntimeException e) {
        close();
        throw e;
      }
      long epoch = System.currentTimeMillis();
      instances.forEach(in -> in.start(epoch));
    }

    long counter(int node, String name) {
      return metrics.get(node).snapshot().getOrDefault("protocol." + name, 0L);
    }

    @Override
    public void close() {
      nodes.forEach(LiveNode::close);
      files.forEach(FileLog::close);
    }
  }

  /** Polls {@code done} until it holds, failing with {@code what} after a minute (a hang, not a slow machine). */
  private static void await(BooleanSupplier done, String what) {
    long deadline = System.nanoTime() + PATIENCE_NANOS;
    while (!done.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not within a minute: " + what);
      }
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }

  /** Whether every node's log shows its part of every transaction done (the coordinator logged END). */
  private static boolean settled(Path logs) {
    for (int i = 0; i < SPEC.nodes(); i++) {
      if (!TPC.settled(SPEC, NodeId.of(i), TXNS, records(log(logs, i)))) {
        return false;
      }
    }
    return true;
  }

  private static CommitOutcome outcome(Path logs) {
    Map<NodeId, List<byte[]>> all = new TreeMap<>();
    for (int i = 0; i < SPEC.nodes(); i++) {
      all.put(NodeId.of(i), records(log(logs, i)));
    }
    return TPC.outcome(SPEC, all, Set.of(), TXNS);
  }

  /**
   * Runs the scenario to its end on fresh logs, one transaction after the other (so each log's
   * records come in a known order): txn 1 committed, txn 2 aborted, everything ended.
   */
  private Path baseline() throws Exception {
    Path logs = Files.createDirectories(dir.resolve("baseline"));
    try (Life life = new Life(logs, true)) {
      for (CommitScenario.Txn t : SCENARIO.transactions()) {
        long id = t.transaction().id();
        life.instances.get(0).input(new Input.Submit(t.transaction())).get(60, TimeUnit.SECONDS);
        await(() -> TPC.settled(SPEC, NodeId.of(0), Set.of(id), records(log(logs, 0))), "txn " + id + " ends");
      }
      await(() -> settled(logs), "the first run ends");
    }
    assertEquals(List.of("BEGIN txn 1", "DECIDED COMMIT txn 1", "END txn 1", "BEGIN txn 2", "DECIDED ABORT txn 2",
        "END txn 2"), described(log(logs, 0)));
    CommitOutcome o = outcome(logs);
    assertTrue(o.atomic() && o.decided(), o.transactions().toString());
    assertEquals(Verdict.COMMIT, o.transactions().get(1L).outcome().orElseThrow());
    assertEquals(Verdict.ABORT, o.transactions().get(2L).outcome().orElseThrow());
    return logs;
  }

  /** Each record of the log as the protocol describes it: {@code DECIDED COMMIT txn 1}. */
  private static List<String> described(Path file) {
    List<String> out = new ArrayList<>();
    for (byte[] r : records(file)) {
      TPC.describeLog(List.of(r)).forEach((txn, texts) -> texts.forEach(t -> out.add(t + " txn " + txn)));
    }
    return out;
  }

  private Path copy(Path logs, String name) throws IOException {
    Path to = Files.createDirectories(dir.resolve(name));
    try (Stream<Path> files = Files.list(logs)) {
      for (Path f : files.toList()) {
        Files.copy(f, to.resolve(f.getFileName()));
      }
    }
    return to;
  }

  /** Cuts {@code file} in the middle of its record number {@code index} (negative: from the end). */
  private static void cutInRecord(Path file, int index) throws IOException {
    List<Inspection.Entry> entries = FileLog.inspect(file).records();
    Inspection.Entry e = entries.get(index < 0 ? entries.size() + index : index);
    try (FileChannel c = FileChannel.open(file, StandardOpenOption.WRITE)) {
      c.truncate(e.offset() + 12 + e.size() / 2);
    }
  }

  @Test
  void logsTruncatedMidRecordRecoverAndEveryNodeEndsAgreeing() throws Exception {
    Path baseline = baseline();
    // The participant's last record (ENDED), the coordinator's last (END of txn 2), the coordinator's DECIDED
    // ABORT of txn 2 and its END (recovery finds txn 2 in WAIT and aborts it again, as decided before).
    int[][] cuts = {{1, -1}, {0, -1}, {0, -2}};
    for (int[] cut : cuts) {
      Path logs = copy(baseline, "cut-" + cut[0] + "-" + cut[1]);
      cutInRecord(log(logs, cut[0]), cut[1]);
      try (Life life = new Life(logs, false)) {
        await(() -> settled(logs), "every node settles after node " + cut[0] + "'s log was cut in record " + cut[1]);
        assertEquals(0, life.counter(1, "decisions.contradicted") + life.counter(2, "decisions.contradicted"));
      }
      CommitOutcome o = outcome(logs);
      assertTrue(o.atomic() && o.valid() && o.decided(), "cut " + cut[0] + "/" + cut[1] + ": " + o.transactions());
      assertEquals(Verdict.COMMIT, o.transactions().get(1L).outcome().orElseThrow());
      assertEquals(Verdict.ABORT, o.transactions().get(2L).outcome().orElseThrow());
      Cli.Result r = Cli.run("2pc", "log", logs.toString());
      assertEquals(0, r.exit(), r.out());
    }
  }

  @Test
  void aDamagedForeignOrMissingLogRefusesToStartNamingTheFile() throws Exception {
    Path baseline = baseline();

    Path flipped = copy(baseline, "flipped");
    byte[] bytes = Files.readAllBytes(log(flipped, 0));
    Inspection.Entry last = FileLog.inspect(log(flipped, 0)).records().get(5); // END of txn 2, the last
    bytes[(int) last.offset() + 12 + 2] ^= 0x01;
    Files.write(log(flipped, 0), bytes);
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> new Life(flipped, false));
    assertTrue(e.getMessage().startsWith("cannot open log " + log(flipped, 0) + ": the record at byte offset "
        + last.offset() + " is corrupt"), e.getMessage());

    Path swapped = copy(baseline, "swapped");
    Files.move(log(swapped, 1), swapped.resolve("tmp"));
    Files.move(log(swapped, 2), log(swapped, 1));
    Files.move(swapped.resolve("tmp"), log(swapped, 2));
    e = assertThrows(ForeignLogException.class, () -> new Life(swapped, false));
    assertEquals("cannot open log " + log(swapped, 1) + ": it belongs to node 2 of cluster \"live\" (participant, 2pc),"
        + " not node 1 of cluster \"live\" (participant, 2pc)", e.getMessage());

    Path deleted = copy(baseline, "deleted");
    Files.delete(log(deleted, 2));
    e = assertThrows(IllegalStateException.class, () -> new Life(deleted, false));
    assertEquals("cannot open log " + log(deleted, 2) + ": there is no such file", e.getMessage());
    assertFalse(Files.exists(log(deleted, 2)), "nothing created it afresh");
  }

  /**
   * Restarts the cluster on {@code logs}, whose coordinator's log holds a decision for
   * {@code txn} that the participants' logs contradict, and checks that each participant refuses
   * it every time it is announced, no participant logs anything more, the coordinator's log ends
   * as {@code coordinator} says (never with END), and {@code bgp 2pc log} names the disagreement
   * in a line that {@code line} (a regular expression) matches.
   */
  private static void assertContradictionRefused(Path logs, long txn, List<String> coordinator, String line) {
    List<Integer> sizes = new ArrayList<>();
    for (int i = 0; i < SPEC.nodes(); i++) {
      sizes.add(records(log(logs, i)).size());
    }
    try (Life life = new Life(logs, false)) {
      // The coordinator announces its decision again every 100 ms; each participant refuses it each time.
      await(() -> life.counter(1, "decisions.contradicted") >= 3 && life.counter(2, "decisions.contradicted") >= 3
          && life.counter(0, "decisions.resent") >= 3, "the participants refuse the contradicting decision");
      assertFalse(TPC.settled(SPEC, NodeId.of(0), Set.of(txn), records(log(logs, 0))),
          "no participant acknowledged it, so the coordinator never logged END");
    }
    assertEquals(coordinator, described(log(logs, 0)));
    for (int i = 1; i < SPEC.nodes(); i++) {
      assertEquals(sizes.get(i), records(log(logs, i)).size(), "participant " + i + " logged nothing more");
    }
    Cli.Result r = Cli.run("2pc", "log", logs.toString());
    assertEquals(CommitLogCheck.PROBLEM, r.exit(), r.out());
    assertTrue(r.outLines().stream().anyMatch(l -> l.matches("  DISAGREEMENT: " + line)), r.out());
  }

  @Test
  void aCoordinatorOnALogThatContradictsTheParticipantsIsNeverAcknowledgedAndTheCheckNamesIt() throws Exception {
    Path logs = copy(baseline(), "wrong");
    // The coordinator's log of another run of the same cluster (the same header): it decided COMMIT for
    // txn 2, which the participants aborted (participant 2 voted ABORT), and never ended it.
    Files.delete(log(logs, 0));
    try (FileLog wrong = FileLog.open(log(logs, 0), owner(0))) {
      wrong.append(TpcRecords.begin(2));
      wrong.append(TpcRecords.decided(2, Verdict.COMMIT));
    }
    // (Participant 1 voted COMMIT, or had not voted yet when it learned the ABORT.)
    assertContradictionRefused(logs, 2, List.of("BEGIN txn 2", "DECIDED COMMIT txn 2"), "txn 2: participants 1 and 2"
        + " hold ABORT \\((voted COMMIT|never voted), voted ABORT\\); the coordinator decided COMMIT");
  }

  @Test
  void aCoordinatorsLogCutInsideADecisionItActedOnEndsInARefusedContradictionNotASilentOne() throws Exception {
    // What no log can tell from a crash: cut inside DECIDED COMMIT of txn 1 (announced, acknowledged, ended),
    // the coordinator's log reads as torn, and its recovery aborts txn 1, which the participants committed.
    Path logs = copy(baseline(), "cut-decision");
    cutInRecord(log(logs, 0), 1);
    assertEquals(List.of("BEGIN txn 1"), described(log(logs, 0)));
    assertContradictionRefused(logs, 1, List.of("BEGIN txn 1", "DECIDED ABORT txn 1"), "txn 1: participants 1 and 2"
        + " hold COMMIT; the coordinator decided ABORT");
  }
}
