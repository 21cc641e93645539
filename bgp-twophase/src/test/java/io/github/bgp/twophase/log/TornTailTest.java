package io.github.bgp.twophase.log;

import static io.github.bgp.twophase.log.LogFiles.COMMIT;
import static io.github.bgp.twophase.log.LogFiles.FRAME;
import static io.github.bgp.twophase.log.LogFiles.HEADER;
import static io.github.bgp.twophase.log.LogFiles.assertRecords;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.bgp.api.NodeId;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What a crash during a force leaves at the end of the file, after the last commit marker, is
 * dropped and reported; what the markers show was forced is kept.
 */
class TornTailTest {

  @TempDir
  Path dir;

  /** Seven records of various sizes, forced; then 285 random bytes, written by a force that a crash cut short. */
  private final List<byte[]> forced = LogFiles.someRecords(7);
  private final byte[] last = LogFiles.random(285, 99);
  private final List<byte[]> records = withLast(forced, last);
  /** Where the last record starts: after the forced batch and its commit marker. */
  private final long lastStart = LogFiles.end(forced);
  private final long end = lastStart + FRAME + last.length;

  private static List<byte[]> withLast(List<byte[]> first, byte[] last) {
    List<byte[]> all = new ArrayList<>(first);
    all.add(last);
    return List.copyOf(all);
  }

  /** The forced records, then the last record's frame without the commit marker its force would have written. */
  private Path written(String name) throws IOException {
    Path file = dir.resolve(name);
    LogFiles.write(file, forced);
    LogFiles.appendBytes(file, LogFiles.frame(last));
    return file;
  }

  /** Opens the damaged file: the records before the last, the file cut back to them, the drop reported. */
  private void assertLastRecordDropped(Path file, long droppedLength, String reasonPart) throws IOException {
    try (FileLog log = LogFiles.open(file)) {
      assertRecords(forced, log.recovered());
      Damage.TornTail tail = log.droppedTail().orElseThrow();
      assertEquals(lastStart, tail.offset(), tail.describe());
      assertEquals(droppedLength, tail.length(), tail.describe());
      assertTrue(tail.reason().contains(reasonPart), tail.reason());
      assertEquals(lastStart, Files.size(file), "truncated to the end of the last commit marker");
    }
    try (FileLog log = LogFiles.open(file)) {
      assertEquals(Optional.empty(), log.droppedTail(), "the second open finds a clean log");
      assertEquals(forced.size(), log.recovered().size());
    }
  }

  @ParameterizedTest(name = "cut {1} bytes into the last record ({0})")
  @CsvSource({
      "in its marker, 2, cut short",
      "right after its marker, 4, cut short",
      "in its length, 6, cut short",
      "in its CRC, 10, cut short",
      "right after its header, 12, cut short",
      "in its payload, 100, cut short",
      "one byte before its end, 296, cut short",
  })
  void aRecordCutShortIsATornTail(String where, int cut, String reason) throws IOException {
    assertEquals(297, end - lastStart, "the last record: 12 + 285 bytes");
    Path file = written("cut.log");
    LogFiles.truncate(file, lastStart + cut);
    assertLastRecordDropped(file, cut, reason);
  }

  @Test
  void aFlippedByteInARecordNoMarkerFollowsIsATornTail() throws IOException {
    Path file = written("flipped-last.log");
    LogFiles.xor(file, lastStart + FRAME + 40, 0x10);
    assertLastRecordDropped(file, end - lastStart, "CRC32C mismatch");
  }

  @Test
  void aFlippedLengthInARecordNoMarkerFollowsIsATornTail() throws IOException {
    Path file = written("flipped-last-length.log");
    LogFiles.xor(file, lastStart + 7, 0x01); // 285 becomes 284: the CRC, over the length, fails
    assertLastRecordDropped(file, end - lastStart, "CRC32C mismatch");
  }

  @Test
  void validRecordsAfterATornOneAreDroppedWhenNoMarkerFollows() throws IOException {
    // A crash that wrote a later page of a force's batch and not an earlier one: nothing of it was forced.
    Path file = written("reordered.log");
    LogFiles.appendBytes(file, LogFiles.frame(LogFiles.text("a later record of the same batch")));
    long size = Files.size(file);
    LogFiles.overwrite(file, lastStart + 100, new byte[50]);
    assertLastRecordDropped(file, size - lastStart, "CRC32C mismatch");
  }

  @Test
  void recordsWrittenWithoutTheirMarkerAreKeptAndGivenOne() throws IOException {
    Path file = written("unmarked.log");
    assertEquals(forced.size(), FileLog.inspect(file).forced(), "the last record was never shown forced");
    try (FileLog log = LogFiles.open(file)) {
      assertRecords(records, log.recovered());
      assertEquals(Optional.empty(), log.droppedTail(), "nothing is torn");
    }
    assertEquals(end + COMMIT, Files.size(file), "open closed the last record with a commit marker");
    Inspection reopened = FileLog.inspect(file);
    assertEquals(records.size(), reopened.forced());
    assertEquals(Optional.empty(), reopened.damage());
    // Now that it may have been acted on, damage to it is corruption.
    LogFiles.xor(file, lastStart + FRAME + 40, 0x10);
    assertTrue(FileLog.inspect(file).corruption().orElseThrow().forced());
  }

  @Test
  void aCommitMarkerCutShortLosesNoRecord() throws IOException {
    Path file = dir.resolve("marker-cut.log");
    LogFiles.write(file, forced);
    long markerAt = LogFiles.offsets(forced)[forced.size()];
    LogFiles.truncate(file, markerAt + 7);
    try (FileLog log = LogFiles.open(file)) {
      assertRecords(forced, log.recovered());
      Damage.TornTail tail = log.droppedTail().orElseThrow();
      assertEquals(new Damage.TornTail(markerAt, 7, "a commit marker cut short: 7 of its 20 bytes"), tail);
    }
    assertEquals(markerAt + COMMIT, Files.size(file), "a new marker closes the records");
  }

  @Test
  void aZeroFilledTailIsATornTail() throws IOException {
    Path file = written("zeros.log");
    LogFiles.appendBytes(file, new byte[4096]);
    try (FileLog log = LogFiles.open(file)) {
      assertRecords(records, log.recovered());
      Damage.TornTail tail = log.droppedTail().orElseThrow();
      assertEquals(new Damage.TornTail(end, 4096, "zero-filled (4096 bytes of zeros)"), tail);
      assertEquals(end + COMMIT, Files.size(file), "truncated, and the last record closed with a marker");
    }
  }

  @Test
  void aHalfWrittenRecordFollowedByZerosIsATornTail() throws IOException {
    Path file = written("half-zeros.log");
    LogFiles.overwrite(file, lastStart + 150, new byte[147]); // its second half never reached the disk
    LogFiles.appendBytes(file, new byte[512]);
    assertLastRecordDropped(file, end - lastStart + 512, "CRC32C mismatch");
  }

  @Test
  void garbageAfterTheLastRecordIsATornTail() throws IOException {
    Path file = written("garbage.log");
    LogFiles.appendBytes(file, LogFiles.random(1000, 42));
    try (FileLog log = LogFiles.open(file)) {
      assertRecords(records, log.recovered());
      assertEquals(end, log.droppedTail().orElseThrow().offset());
      assertEquals(1000, log.droppedTail().orElseThrow().length());
      assertEquals(end + COMMIT, Files.size(file));
    }
  }

  @Test
  void aTornTailAfterTheHeaderLeavesAnEmptyLog() throws IOException {
    Path file = dir.resolve("one.log");
    LogFiles.write(file, List.of(LogFiles.text("only")));
    LogFiles.truncate(file, HEADER + 5);
    try (FileLog log = LogFiles.open(file)) {
      assertEquals(List.of(), log.recovered());
      assertEquals(new Damage.TornTail(HEADER, 5, "a record cut short: 5 of the 12 bytes of its marker, length and CRC32C"),
          log.droppedTail().orElseThrow());
      log.append(LogFiles.text("again"));
    }
    try (FileLog log = LogFiles.open(file)) {
      assertRecords(List.of(LogFiles.text("again")), log.recovered());
    }
  }

  @ParameterizedTest(name = "a file holding the first {0} bytes of the header")
  @ValueSource(ints = {0, 1, 4, 7, 8, 9, 10, 27})
  void aFileWhoseCreationWasInterruptedIsInitialized(int size) throws IOException {
    assertEquals(28, HEADER, "the test owner's header");
    Path file = dir.resolve("interrupted.log");
    Files.write(file, Arrays.copyOf(LogFiles.HEADER_BYTES, size));
    try (FileLog log = LogFiles.open(file)) {
      assertEquals(List.of(), log.recovered());
      assertEquals(size == 0, log.droppedTail().isEmpty(), "an empty file is a new log, not a torn one");
      log.droppedTail().ifPresent(t -> assertEquals(new Damage.TornTail(0, size, "an incomplete file header ("
          + size + " bytes): its creation was interrupted"), t));
    }
    assertArrayEquals(LogFiles.HEADER_BYTES, Files.readAllBytes(file));
  }

  @Test
  void anInterruptedHeaderOfAnotherOwnerIsRefused() throws IOException {
    Path file = dir.resolve("theirs.log");
    byte[] theirs = LogFormat.header(new LogOwner("test", NodeId.of(2), LogOwner.Role.PARTICIPANT,
        "2pc"));
    Files.write(file, Arrays.copyOf(theirs, theirs.length - 3));
    CorruptLogException e = assertThrows(CorruptLogException.class,
        () -> LogFiles.open(file));
    assertTrue(e.getMessage().contains("an incomplete file header (25 bytes) that is not the start of node 1 of"
        + " cluster \"test\" (participant, 2pc)'s"), e.getMessage());
  }

  @Test
  void aZeroFilledHeaderIsAnInterruptedCreation() throws IOException {
    Path file = dir.resolve("zero-header.log");
    Files.write(file, new byte[HEADER]);
    try (FileLog log = LogFiles.open(file)) {
      assertEquals(new Damage.TornTail(0, HEADER, "a zero-filled file header (28 bytes): its creation was interrupted"),
          log.droppedTail().orElseThrow());
    }
    assertArrayEquals(LogFiles.HEADER_BYTES, Files.readAllBytes(file));
  }
}
