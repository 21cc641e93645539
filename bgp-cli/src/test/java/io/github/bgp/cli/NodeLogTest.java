package io.github.bgp.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.bgp.api.CommitScenario;
import io.github.bgp.api.CommitSpec;
import io.github.bgp.api.NodeId;
import io.github.bgp.api.Verdict;
import io.github.bgp.twophase.log.FileLog;
import io.github.bgp.twophase.log.LogOwner;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bgp node} and its log: a node refuses to start on a log that is missing (unless it is
 * new), not its own, damaged or not its protocol's, each time with one line naming the file and
 * the problem, before it connects to anyone.
 */
class NodeLogTest {

  private static final String CLUSTER = "bgp-local";

  @TempDir
  Path dir;

  private Path config;
  private Path scenario;
  private Path logs;

  @BeforeEach
  void cluster() throws IOException {
    config = LocalProcesses.cluster(dir, 3, 500).directory().resolve("cluster.json");
    CommitScenario s = CommitScenario.builder(2).timeouts(new CommitScenario.Timeouts(60_000, 60_000, 1_000))
        .transaction(1, 0, List.of(Verdict.COMMIT, Verdict.COMMIT)).build();
    scenario = Files.writeString(dir.resolve("tpc.json"), CommitScenarioFile.toJson(s));
    logs = dir.resolve("logs");
  }

  private Cli.Result node(int id, String... more) {
    List<String> args = new java.util.ArrayList<>(List.of("node", "--config", config.toString(), "--id",
        String.valueOf(id), "--protocol", "2pc", "--scenario", scenario.toString(), "--log-dir", logs.toString(),
        "--timeout", "5"));
    args.addAll(List.of(more));
    return Cli.run(args.toArray(new String[0]));
  }

  private static LogOwner owner(String cluster, int node) {
    return LogOwner.of(cluster, CommitSpec.of(2), NodeId.of(node), "2pc");
  }

  /** Writes a log of {@code owner} holding {@code records} (2PC records, or anything). */
  private Path log(int file, LogOwner owner, byte[]... records) throws IOException {
    Files.createDirectories(logs);
    Path p = logs.resolve("node-" + file + ".log");
    try (FileLog log = FileLog.open(p, owner)) {
      for (byte[] r : records) {
        log.append(r);
      }
    }
    return p;
  }

  private static byte[] ready(long txn) {
    return TpcRecords.ready(txn);
  }

  /** The node refused to start: exit 2, one line, the file named, nothing run. */
  private static void assertRefused(Cli.Result r, String line) {
    assertEquals(2, r.exit(), r.err());
    assertEquals(List.of("bgp: " + line), r.errLines());
    assertEquals("", r.out(), "nothing ran");
    ErrorsTest.assertNoStackTrace(r);
  }

  @Test
  void aNodeWithoutItsLogRefusesToStartUnlessItIsNew() {
    Path file = logs.resolve("node-1.log");
    assertRefused(node(1), "no log " + file + " for node 1: a node that has run before must not start without its"
        + " log (it would forget its votes and decisions); if node 1 is new to the cluster, start it with --new-log");
    assertFalse(Files.exists(file), "no log was created");
  }

  @Test
  void aNewNodeWhoseLogHoldsRecordsIsNotNew() throws IOException {
    Path file = log(1, owner(CLUSTER, 1), ready(1));
    assertRefused(node(1, "--new-log"), file + " holds 1 record: node 1 is not new (it recovers from its log); start"
        + " it without --new-log");
  }

  @Test
  void aLogOfAnotherClusterIsRefused() throws IOException {
    Path file = log(0, owner("other", 0));
    assertRefused(node(0), "cannot open log " + file + ": it belongs to node 0 of cluster \"other\" (coordinator, 2pc),"
        + " not node 0 of cluster \"bgp-local\" (coordinator, 2pc)");
  }

  @Test
  void swappedParticipantLogsAreRefused() throws IOException {
    Path one = log(1, owner(CLUSTER, 2), ready(1));
    Path two = log(2, owner(CLUSTER, 1), ready(1));
    assertRefused(node(1), "cannot open log " + one + ": it belongs to node 2 of cluster \"bgp-local\" (participant,"
        + " 2pc), not node 1 of cluster \"bgp-local\" (participant, 2pc)");
    assertRefused(node(2), "cannot open log " + two + ": it belongs to node 1 of cluster \"bgp-local\" (participant,"
        + " 2pc), not node 2 of cluster \"bgp-local\" (participant, 2pc)");
  }

  @Test
  void aParticipantsLogUnderTheCoordinatorIsRefused() throws IOException {
    Path file = log(0, new LogOwner(CLUSTER, NodeId.of(0), LogOwner.Role.PARTICIPANT, "2pc"), ready(1));
    assertRefused(node(0), "cannot open log " + file + ": it belongs to node 0 of cluster \"bgp-local\" (participant,"
        + " 2pc), not node 0 of cluster \"bgp-local\" (coordinator, 2pc)");
  }

  @Test
  void aFlippedBitInAnyForcedRecordIsRefusedNamingItsOffset() throws IOException {
    for (int k = 0; k < 3; k++) { // the first, the middle and the last record
      Path file = log(1, owner(CLUSTER, 1), ready(1), ready(2), ready(3));
      long at = FileLog.inspect(file).records().get(k).offset();
      byte[] bytes = Files.readAllBytes(file);
      bytes[(int) at + 12 + 3] ^= 0x04;
      Files.write(file, bytes);
      Cli.Result r = node(1);
      assertEquals(2, r.exit(), r.err());
      assertEquals(1, r.errLines().size(), r.err());
      assertTrue(r.errLines().get(0).startsWith("bgp: cannot open log " + file + ": the record at byte offset " + at
          + " is corrupt (a CRC32C mismatch"), r.err());
      assertTrue(r.err().contains("shows it was forced, so it may have been acted on"), r.err());
      assertArrayEquals(bytes, Files.readAllBytes(file), "the refused log is left as it was");
      Files.delete(file);
    }
  }

  @Test
  void aValidRecordThatIsNotA2pcRecordIsRefusedNamingItsOffset() throws IOException {
    Path file = log(1, owner(CLUSTER, 1), ready(1), new byte[] {42, 1, 2});
    long at = FileLog.inspect(file).records().get(1).offset();
    assertRefused(node(1), file + ": the record at byte offset " + at + " is not a 2pc log record (a 2PC log record of"
        + " 3 bytes is shorter than 9); the log is damaged (bgp 2pc log " + file + " shows it)");
  }

  @Test
  void aVersionOneLogIsRefusedSayingHowToUpgradeIt() throws IOException {
    Files.createDirectories(logs);
    byte[] record = ready(1);
    CRC32C crc = new CRC32C();
    crc.update(ByteBuffer.allocate(4).putInt(record.length).array());
    crc.update(record);
    byte[] v1 = ByteBuffer.allocate(8 + 12 + record.length).put(new byte[] {'B', 'G', 'P', 'L', 'O', 'G', 0, 1})
        .putInt(0xFEB64C52).putInt(record.length).putInt((int) crc.getValue()).put(record).array();
    Path file = Files.write(logs.resolve("node-1.log"), v1);

    assertRefused(node(1), "cannot open log " + file + ": it is a format-version-1 log, whose header names no owner,"
        + " so nothing shows it is node 1 of cluster \"bgp-local\" (participant, 2pc)'s; once you know it is, upgrade"
        + " it to version 2 in place (bgp 2pc log --upgrade, or FileLog.upgrade)");

    Cli.Result up = Cli.run("2pc", "log", "--upgrade", CLUSTER, file.toString());
    assertEquals(0, up.exit(), up.err() + up.out());
    assertEquals("upgraded " + file + " to format version 2, as node 1 of cluster \"bgp-local\" (participant, 2pc)'s"
        + " log (1 record)", up.outLines().get(0));
    try (FileLog log = FileLog.open(file, owner(CLUSTER, 1))) {
      assertArrayEquals(record, log.recovered().get(0), "the record survived the upgrade");
    }
  }

  @Tag("processes")
  @Test
  void aParticipantToldADecisionItsLogContradictsSaysSoNeverAcknowledgesAndExits4() throws Exception {
    // The coordinator's log of another run (the same header): COMMIT for txn 1, which both participants aborted.
    log(0, owner(CLUSTER, 0), TpcRecords.begin(1), TpcRecords.decided(1, Verdict.COMMIT));
    log(1, owner(CLUSTER, 1), TpcRecords.ready(1), TpcRecords.outcome(1, Verdict.ABORT), TpcRecords.ended(1));
    log(2, owner(CLUSTER, 2), TpcRecords.voted(1, io.github.bgp.api.Vote.ABORT), TpcRecords.ended(1));
    long start = System.currentTimeMillis() + 3_000;
    for (int i = 0; i < 3; i++) { // the run the logs belong to, as each node kept it beside its log
      Files.writeString(logs.resolve("node-" + i + ".run.json"), "{\"cluster\":\"" + CLUSTER + "\",\"run\":\"r1\","
          + "\"start\":" + start + ",\"instance\":\"" + io.github.bgp.net.Schedule.instance(CLUSTER, "r1", 0) + "\"}\n");
    }
    List<NodeProcess> nodes = new java.util.ArrayList<>();
    try {
      for (int i = 0; i < 3; i++) {
        nodes.add(NodeProcess.start(dir.resolve("node-" + i + ".err"), "--config", config.toString(), "--id",
            String.valueOf(i), "--protocol", "2pc", "--scenario", scenario.toString(), "--log-dir", logs.toString(),
            "--timeout", "60"));
      }
      for (int i = 1; i < 3; i++) {
        assertEquals(NodeCommand.CONTRADICTED, nodes.get(i).exit(60), nodes.get(i).errors());
        String err = Files.readString(dir.resolve("node-" + i + ".err"));
        assertTrue(err.contains("bgp node " + i + ": WARNING: told a decision that contradicts its log; it does not"
            + " acknowledge it, and the logs of the cluster disagree (bgp 2pc log DIR names where)"), err);
        assertTrue(err.contains("bgp node " + i + ": told "), err);
      }
      assertEquals(2, FileLog.inspect(logs.resolve("node-0.log")).records().size(), "the coordinator never logged END");
    } finally {
      nodes.forEach(NodeProcess::destroy);
    }
    Cli.Result r = Cli.run("2pc", "log", logs.toString());
    assertEquals(CommitLogCheck.PROBLEM, r.exit(), r.out());
    assertTrue(r.out().contains("DISAGREEMENT: txn 1: participants 1 and 2 hold ABORT (voted COMMIT, voted ABORT); the"
        + " coordinator decided COMMIT"), r.out());
  }
}
