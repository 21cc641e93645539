package io.github.bgp.twophase.log;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.bgp.api.CommitSpec;
import io.github.bgp.api.NodeId;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A log knows whose it is: open refuses another owner's, a version-1 log, or (openExisting) no log at all. */
class OwnerTest {

  @TempDir
  Path dir;

  private static final LogOwner MINE = new LogOwner("a", NodeId.of(2), LogOwner.Role.PARTICIPANT, "2pc");

  @ParameterizedTest(name = "{0}")
  @CsvSource({
      "another cluster, b, 2, PARTICIPANT, 2pc",
      "another node, a, 1, PARTICIPANT, 2pc",
      "another role, a, 2, COORDINATOR, 2pc",
      "another protocol, a, 2, PARTICIPANT, paxos-commit",
  })
  void aLogOfAnotherOwnerIsRefusedInOneLineNamingTheFileAndBothOwners(String what, String cluster, int node,
      LogOwner.Role role, String protocol) throws IOException {
    LogOwner theirs = new LogOwner(cluster, NodeId.of(node), role, protocol);
    Path file = dir.resolve("node-2.log");
    try (FileLog log = FileLog.open(file, theirs)) {
      log.append(LogFiles.text("their record"));
    }
    byte[] before = Files.readAllBytes(file);

    ForeignLogException e = assertThrows(ForeignLogException.class, () -> FileLog.open(file, MINE));

    assertEquals("cannot open log " + file.toAbsolutePath() + ": it belongs to " + theirs.describe() + ", not "
        + MINE.describe(), e.getMessage());
    assertEquals(1, e.getMessage().lines().count());
    assertEquals(Optional.of(theirs), e.found());
    assertEquals(MINE, e.expected());
    assertArrayEquals(before, Files.readAllBytes(file), "a refused log is not modified");
    try (FileLog log = FileLog.open(file, theirs)) {
      assertEquals(1, log.recovered().size(), "the refusal released it: its owner opens it");
    }
  }

  @Test
  void theMismatchReadsAsTheIssueSaysIt() {
    LogOwner theirs = new LogOwner("b", NodeId.of(1), LogOwner.Role.PARTICIPANT, "2pc");
    Path file = dir.resolve("node-2.log");
    FileLog.open(file, theirs).close();
    ForeignLogException e = assertThrows(ForeignLogException.class, () -> FileLog.open(file, MINE));
    assertTrue(e.getMessage().endsWith("node-2.log: it belongs to node 1 of cluster \"b\" (participant, 2pc), not"
        + " node 2 of cluster \"a\" (participant, 2pc)"), e.getMessage());
  }

  @Test
  void theOwnerOfACommitNodeComesFromTheSpec() {
    CommitSpec spec = CommitSpec.of(3);
    assertEquals(new LogOwner("c", NodeId.of(0), LogOwner.Role.COORDINATOR, "2pc"),
        LogOwner.of("c", spec, NodeId.of(0), "2pc"));
    assertEquals(LogOwner.Role.PARTICIPANT, LogOwner.of("c", spec, NodeId.of(3), "2pc").role());
    LogOwner acceptor = LogOwner.of("c", spec, NodeId.of(4), "paxos-commit");
    assertEquals(LogOwner.Role.ACCEPTOR, acceptor.role(), "a node past the participants");
    byte[] header = LogFormat.header(acceptor);
    int ownerAt = LogFormat.PREFIX_SIZE + 2;
    assertEquals(acceptor, LogFormat.owner(header, ownerAt, header.length - ownerAt - 4), "an acceptor's header");
  }

  @Test
  void namesTooLongOrAnEmptyProtocolAreRefused() {
    String long256 = "x".repeat(256);
    assertTrue(assertThrows(IllegalArgumentException.class, () -> new LogOwner(long256, NodeId.of(1),
        LogOwner.Role.PARTICIPANT, "2pc")).getMessage().contains("at most 255 bytes"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> new LogOwner("a", NodeId.of(1),
        LogOwner.Role.PARTICIPANT, "")).getMessage().contains("1 to 255 bytes"));
    LogOwner longest = new LogOwner("é".repeat(127), NodeId.of(7), LogOwner.Role.PARTICIPANT, "p".repeat(255));
    try (FileLog log = FileLog.open(dir.resolve("long.log"), longest)) {
      assertEquals(longest, log.owner());
    }
    assertEquals(Optional.of(longest), FileLog.inspect(dir.resolve("long.log")).owner());
  }

  @Test
  void openExistingRefusesAMissingLogAndCreatesNothing() {
    Path file = dir.resolve("node-2.log");
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> FileLog.openExisting(file, MINE));
    assertEquals("cannot open log " + file.toAbsolutePath() + ": there is no such file", e.getMessage());
    assertFalse(Files.exists(file));
    FileLog.open(file, MINE).close();
    try (FileLog log = FileLog.openExisting(file, MINE)) {
      assertEquals(List.of(), log.recovered());
    }
  }

  /** A version-1 log as the previous release wrote it: "BGPLOG" 00 01, then records, no markers. */
  private static byte[] versionOne(List<byte[]> records) {
    int size = 8;
    for (byte[] r : records) {
      size += LogFiles.FRAME + r.length;
    }
    ByteBuffer b = ByteBuffer.allocate(size).put(new byte[] {'B', 'G', 'P', 'L', 'O', 'G', 0, 1});
    for (byte[] r : records) {
      b.put(LogFiles.frame(r));
    }
    return b.array();
  }

  @Test
  void aVersionOneLogIsReadButNotOpenedUntilUpgraded() throws IOException {
    List<byte[]> records = LogFiles.someRecords(5);
    Path file = Files.write(dir.resolve("node-2.log"), versionOne(records));

    Inspection old = FileLog.inspect(file);
    assertEquals(1, old.version());
    assertEquals(Optional.empty(), old.owner());
    assertEquals(5, old.records().size());
    assertEquals(Optional.empty(), old.damage());
    assertFalse(old.opens(), "open refuses it");
    ForeignLogException e = assertThrows(ForeignLogException.class, () -> FileLog.open(file, MINE));
    assertEquals("cannot open log " + file + ": it is a format-version-1 log, whose header names no owner, so"
        + " nothing shows it is " + MINE.describe() + "'s; once you know it is, upgrade it to version 2 in place (bgp"
        + " 2pc log --upgrade, or FileLog.upgrade)", e.getMessage());
    assertEquals(Optional.empty(), e.found());

    assertEquals(5, FileLog.upgrade(file, MINE));

    assertFalse(Files.exists(dir.resolve("node-2.log.upgrading")));
    Inspection upgraded = FileLog.inspect(file);
    assertEquals(2, upgraded.version());
    assertEquals(5, upgraded.forced(), "the upgraded records are marked forced");
    try (FileLog log = FileLog.open(file, MINE)) {
      LogFiles.assertRecords(records, log.recovered());
      assertEquals(Optional.empty(), log.droppedTail());
    }
    IllegalStateException again = assertThrows(IllegalStateException.class, () -> FileLog.upgrade(file, MINE));
    assertTrue(again.getMessage().endsWith("it is a version-2 log already, of " + MINE.describe()), again.getMessage());
  }

  @Test
  void aVersionOneLogKeepsItsOldRulesTornTailDroppedOnUpgradeCorruptionRefused() throws IOException {
    List<byte[]> records = LogFiles.someRecords(4);
    byte[] v1 = versionOne(records);
    Path torn = dir.resolve("torn.log");
    Files.write(torn, java.util.Arrays.copyOf(v1, v1.length - 3)); // the last record cut short
    assertEquals(3, FileLog.inspect(torn).records().size());
    assertTrue(FileLog.inspect(torn).tornTail().isPresent());
    assertEquals(3, FileLog.upgrade(torn, MINE));
    try (FileLog log = FileLog.open(torn, MINE)) {
      LogFiles.assertRecords(records.subList(0, 3), log.recovered());
    }

    Path corrupt = dir.resolve("corrupt.log");
    v1[8 + 4] ^= 0x40; // the first record's length: a valid record follows, so version 1 calls it corruption
    Files.write(corrupt, v1);
    Damage.Corruption c = FileLog.inspect(corrupt).corruption().orElseThrow();
    assertFalse(c.forced(), "no markers in version 1: a valid record follows it");
    assertThrows(CorruptLogException.class, () -> FileLog.upgrade(corrupt, MINE));
    assertArrayEquals(v1, Files.readAllBytes(corrupt), "a refused upgrade leaves the file alone");
  }

  @Test
  void anOpenLogCannotBeUpgraded() {
    Path file = dir.resolve("open.log");
    try (FileLog log = FileLog.open(file, MINE)) {
      IllegalStateException e = assertThrows(IllegalStateException.class, () -> FileLog.upgrade(file, MINE));
      assertTrue(e.getMessage().contains("already has it open"), e.getMessage());
    }
  }
}
