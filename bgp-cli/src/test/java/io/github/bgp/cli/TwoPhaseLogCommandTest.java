package io.github.bgp.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.bgp.api.CommitSpec;
import io.github.bgp.api.NodeId;
import io.github.bgp.twophase.log.FileLog;
import io.github.bgp.twophase.log.LogOwner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bgp 2pc --log-dir} and {@code bgp 2pc log}: the logs on disk, read back, damaged and refused. */
class TwoPhaseLogCommandTest {

  /** How the first line of a log that bgp 2pc --log-dir wrote names its cluster. */
  private static final String SIM = " of no cluster (a simulation)";

  @TempDir
  Path dir;

  /** The default run with the coordinator dead after logging COMMIT for txn 1: logs with every kind of state. */
  private Path blockedRunLogs() {
    Path logs = dir.resolve("logs");
    Cli.Result r = Cli.run("2pc", "--crash", "0:9:after:never", "--log-dir", logs.toString());
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().contains("logs written to " + logs + " (node-0.log .. node-3.log); read them with: bgp 2pc log "
        + logs + "\n"), r.out());
    return logs;
  }

  @Test
  void theLogsARunWritesShowEachTransactionsRecordsAndState() {
    Path logs = blockedRunLogs();

    Cli.Result r = Cli.run("2pc", "log", logs.toString());

    assertEquals(0, r.exit(), r.err());
    assertEquals("", r.err());
    List<String> lines = r.outLines();
    assertEquals(logs.resolve("node-0.log") + ": coordinator (node 0)" + SIM + ", 3 records, 116 bytes, intact",
        lines.get(0));
    assertTrue(lines.get(1).matches(" +txn +records +state +meaning"), lines.get(1));
    assertEquals("    1  BEGIN, DECIDED COMMIT  COMMIT  decided, not acknowledged by every participant: recovery"
        + " announces it again", lines.get(3));
    assertEquals("    2  BEGIN                  WAIT    begun, undecided: recovery aborts it", lines.get(4));
    assertEquals("", lines.get(5));
    assertEquals(logs.resolve("node-1.log") + ": participant (node 1)" + SIM + ", 3 records, 116 bytes, intact",
        lines.get(6));
    assertEquals("    1  READY                 READY  voted COMMIT, outcome unknown: recovery asks the coordinator and"
        + " peers", lines.get(9));
    // It had voted COMMIT on txn 2 too; participant 3, which voted ABORT, told it the outcome.
    assertEquals("    2  READY, OUTCOME ABORT  ABORT  voted COMMIT, then learned the outcome", lines.get(10));
    assertTrue(r.out().contains(logs.resolve("node-3.log") + ": participant (node 3)" + SIM), r.out());
    assertTrue(lines.contains("    2  VOTED ABORT  ABORT  voted ABORT: aborted without promising anything"), r.out());
    // Blocked is not a disagreement: every participant is READY, and the coordinator decided COMMIT.
    assertEquals(List.of("Across the 4 logs: no problem: 2 transactions: 0 committed and 1 aborted everywhere, 1 not"
        + " decided everywhere", "  note: txn 1 is undecided: participants 1, 2, 3 voted COMMIT and never learned the"
        + " outcome (READY); the coordinator decided COMMIT but its announcement did not get through"),
        lines.subList(lines.size() - 2, lines.size()));
  }

  @Test
  void aRunThatEndsWellLogsEndAndOutcomes() throws Exception {
    Path logs = dir.resolve("ok");
    assertEquals(0, Cli.run("2pc", "--log-dir", logs.toString(), "--json").exit());

    JsonNode j = Json.MAPPER.readTree(Cli.run("2pc", "log", logs.toString(), "--json").out());

    assertEquals(4, j.get("logs").size());
    JsonNode coordinator = j.get("logs").get(0);
    assertEquals(0, coordinator.get("node").asInt());
    assertEquals("coordinator", coordinator.get("role").asText());
    assertTrue(coordinator.get("opens").asBoolean());
    assertTrue(coordinator.get("damage").isNull());
    assertEquals(24, coordinator.get("records").get(0).get("offset").asLong(), "the first record follows the header");
    assertEquals(2, coordinator.get("version").asInt());
    assertEquals("{\"cluster\":\"\",\"node\":0,\"role\":\"coordinator\",\"protocol\":\"2pc\"}",
        coordinator.get("owner").toString());
    assertTrue(j.get("check").get("ok").asBoolean());
    assertTrue(j.get("check").get("atomic").asBoolean());
    assertEquals(0, j.get("check").get("problems").size());
    assertEquals("BEGIN", coordinator.get("records").get(0).get("record").asText());
    JsonNode t2 = coordinator.get("transactions").get(1);
    assertEquals(2, t2.get("id").asLong());
    assertEquals("[\"BEGIN\",\"DECIDED ABORT\",\"END\"]", t2.get("records").toString());
    assertEquals("ABORT", t2.get("state").asText());
    assertEquals("ended: every participant acknowledged the decision", t2.get("meaning").asText());
    JsonNode p3 = j.get("logs").get(3);
    assertEquals("participant", p3.get("role").asText());
    assertEquals("[\"VOTED ABORT\",\"ENDED\"]", p3.get("transactions").get(1).get("records").toString());
    assertEquals("ABORT", p3.get("transactions").get(1).get("state").asText());
    assertEquals("[\"READY\",\"OUTCOME COMMIT\",\"ENDED\"]", p3.get("transactions").get(0).get("records").toString());
    assertEquals("COMMIT", p3.get("transactions").get(0).get("state").asText());
    assertEquals("voted COMMIT, then learned the outcome; the coordinator ended it",
        p3.get("transactions").get(0).get("meaning").asText());
  }

  @Test
  void oneFileCanBeReadAlone() {
    Path logs = blockedRunLogs();
    Path copy = dir.resolve("coordinator.bin");
    try {
      Files.copy(logs.resolve("node-0.log"), copy);
    } catch (IOException e) {
      throw new AssertionError(e);
    }

    Cli.Result r = Cli.run("2pc", "log", copy.toString());

    assertEquals(0, r.exit(), r.err());
    assertEquals(copy + ": coordinator (node 0)" + SIM + ", 3 records, 116 bytes, intact", r.outLines().get(0),
        "the header says whose it is, whatever the file is called");
    assertTrue(r.out().contains("WAIT"), r.out());
  }

  @Test
  void aTornTailIsReportedWithItsOffsetAndTheFileIsLeftAsItWas() throws IOException {
    Path logs = blockedRunLogs();
    Path log = logs.resolve("node-1.log");
    long size = Files.size(log);
    // A record cut short by a crash: its marker, a length of 9, and 2 of its bytes.
    Files.write(log, new byte[] {(byte) 0xFE, (byte) 0xB6, 0x4C, 0x52, 0, 0, 0, 9, 1, 2}, StandardOpenOption.APPEND);
    byte[] before = Files.readAllBytes(log);

    Cli.Result r = Cli.run("2pc", "log", logs.toString());

    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().contains(log + ": participant (node 1)" + SIM + ", 3 records, " + (size + 10) + " bytes\n"),
        r.out());
    assertTrue(r.out().contains("  TORN TAIL: a torn tail of 10 bytes at byte offset " + size + ": "), r.out());
    assertTrue(r.out().contains("Opening the log drops these bytes"), r.out());
    assertTrue(r.out().contains("    1  READY"), "the records before the tail are shown: " + r.out());
    assertArrayEquals(before, Files.readAllBytes(log), "inspecting does not truncate");

    JsonNode damage = json(logs, 0).get("logs").get(1).get("damage");
    assertEquals("torn-tail", damage.get("kind").asText());
    assertEquals(size, damage.get("offset").asLong());
    assertEquals(10, damage.get("length").asLong());
    assertArrayEquals(before, Files.readAllBytes(log));
  }

  @Test
  void aCorruptRecordBeforeTheTailIsReportedWithItsOffset() throws IOException {
    Path logs = blockedRunLogs();
    Path log = logs.resolve("node-0.log");
    byte[] bytes = Files.readAllBytes(log);
    bytes[24 + 12] ^= 0x10; // the first payload byte of the first record: its CRC fails, the marker is intact
    Files.write(log, bytes);

    Cli.Result r = Cli.run("2pc", "log", logs.toString());

    assertEquals(CommitLogCheck.PROBLEM, r.exit(), "a log that cannot open is a problem: " + r.err());
    assertEquals(log + ": coordinator (node 0)" + SIM + ", 0 records, 116 bytes", r.outLines().get(0), r.out());
    assertTrue(r.out().contains("  CORRUPT: the record at byte offset 24 is corrupt ("), r.out());
    assertTrue(r.out().contains("and the commit marker at byte offset 96 shows it was forced"), r.out());
    assertTrue(r.out().contains("Opening this log fails"), r.out());
    assertTrue(r.out().contains("Across the 4 logs: 1 problem\n  CORRUPT: node-0.log: the record at byte offset 24 is"
        + " corrupt"), r.out());
    // Read up to the damage, the coordinator's COMMIT of txn 1 is gone: that is why open refuses the log.
    assertTrue(r.out().contains("note: txn 1 is undecided: participants 1, 2, 3 voted COMMIT and never learned the"
        + " outcome (READY); the coordinator has not decided"), r.out());
    assertArrayEquals(bytes, Files.readAllBytes(log));

    JsonNode all = json(logs, CommitLogCheck.PROBLEM);
    JsonNode coordinator = all.get("logs").get(0);
    assertEquals("corruption", coordinator.get("damage").get("kind").asText());
    assertEquals(24, coordinator.get("damage").get("offset").asLong());
    assertEquals(96, coordinator.get("damage").get("nextValidOffset").asLong());
    assertTrue(coordinator.get("damage").get("forced").asBoolean());
    assertEquals(List.of("corrupt"), kinds(all));
    assertFalse(coordinator.get("opens").asBoolean());
  }

  @Test
  void aLogThisProcessHasOpenCanBeInspected() {
    Path logs = blockedRunLogs();
    try (FileLog open = FileLog.open(logs.resolve("node-2.log"), simulated(2))) {
      Cli.Result r = Cli.run("2pc", "log", logs.toString());
      assertEquals(0, r.exit(), r.err());
      assertTrue(r.out().contains("node-2.log: participant (node 2)" + SIM + ", 3 records"), r.out());
      assertEquals(3, open.recovered().size(), "the open log is intact");
    }
  }

  @Test
  void theLogDirIsNotOverwritten() {
    Path logs = blockedRunLogs();

    Cli.Result r = Cli.run("2pc", "--log-dir", logs.toString());

    assertEquals(2, r.exit());
    assertEquals(List.of("bgp: --log-dir " + logs + ": " + logs.resolve("node-0.log") + " already exists; choose"
        + " another directory or remove the old logs"), r.errLines());
    assertEquals("", r.out(), "nothing ran");
  }

  @Test
  void aLogDirThatIsAFileIsRefused() throws IOException {
    Path file = Files.writeString(dir.resolve("plain"), "x");

    Cli.Result r = Cli.run("2pc", "--log-dir", file.toString());

    assertEquals(2, r.exit());
    assertEquals(List.of("bgp: --log-dir " + file + ": not a directory"), r.errLines());
  }

  @Test
  void aMissingDirectoryAnEmptyOneAndAFileThatIsNoLogAreOneLineErrors() throws IOException {
    Path missing = dir.resolve("missing");
    Cli.Result r = Cli.run("2pc", "log", missing.toString());
    assertEquals(2, r.exit());
    assertEquals("", r.out());
    assertEquals(List.of("bgp: " + missing + ": no such file or directory"), r.errLines());

    Path empty = Files.createDirectory(dir.resolve("empty"));
    Files.writeString(empty.resolve("notes.txt"), "hello");
    Cli.Result e = Cli.run("2pc", "log", empty.toString());
    assertEquals(2, e.exit());
    assertEquals(List.of("bgp: " + empty + " holds no node logs (files named node-<id>.log, as bgp 2pc --log-dir"
        + " writes)"), e.errLines());

    Path text = Files.writeString(dir.resolve("node-0.log"), "not a log at all\n");
    Cli.Result t = Cli.run("2pc", "log", text.toString());
    assertEquals(2, t.exit());
    assertEquals(1, t.errLines().size(), t.err());
    assertTrue(t.errLines().get(0).startsWith("bgp: " + text + ": not a bgp log: "), t.err());
    ErrorsTest.assertNoStackTrace(t);
  }

  @Test
  void aBgpLogOfOtherRecordsIsRefusedAtTheRecordsOffset() {
    Path file = dir.resolve("node-5.log");
    try (FileLog log = FileLog.open(file, new LogOwner("", NodeId.of(5), LogOwner.Role.PARTICIPANT, "2pc"))) {
      log.append(new byte[] {42});
      log.force();
    }

    Cli.Result r = Cli.run("2pc", "log", file.toString());

    assertEquals(2, r.exit());
    assertEquals(1, r.errLines().size(), r.err());
    assertTrue(r.errLines().get(0).startsWith("bgp: " + file + ": the record at byte offset 24 is not a 2pc log record"
        + " ("), r.err());
  }

  @Test
  void anEmptyLogIsSaidToBeEmpty() {
    Path file = dir.resolve("node-0.log");
    try (FileLog log = FileLog.open(file, simulated(0))) {
      log.force();
    }

    Cli.Result r = Cli.run("2pc", "log", dir.toString());

    assertEquals(0, r.exit(), r.err());
    assertEquals(List.of(file + ": coordinator (node 0)" + SIM + ", 0 records, 24 bytes, intact", "",
        "Across the 1 log: no problem", "  note: only the coordinator's log: nothing to compare it with"),
        r.outLines());
  }

  /** The owner of node {@code i}'s log in a simulated 2pc run of 3 participants, as bgp 2pc --log-dir writes it. */
  static LogOwner simulated(int i) {
    return LogOwner.of("", CommitSpec.of(3), NodeId.of(i), "2pc");
  }

  /** The kinds of the problems the check found, in order. */
  static List<String> kinds(JsonNode j) {
    List<String> kinds = new java.util.ArrayList<>();
    j.get("check").get("problems").forEach(p -> kinds.add(p.get("kind").asText()));
    return kinds;
  }

  private static JsonNode json(Path logs, int exit) throws IOException {
    Cli.Result r = Cli.run("2pc", "log", logs.toString(), "--json");
    assertEquals(exit, r.exit(), r.err());
    assertEquals(1, r.outLines().size());
    return Json.MAPPER.readTree(r.out());
  }
}
