package io.github.bgp.twophase.log;

import static io.github.bgp.twophase.log.LogFiles.FRAME;
import static io.github.bgp.twophase.log.LogFiles.HEADER;
import static io.github.bgp.twophase.log.LogFiles.assertRecords;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

/** What a crash during an append leaves at the end of the file is dropped, and reported. */
class TornTailTest {

  @TempDir
  Path dir;

  /** Seven records of various sizes, then 285 random bytes. */
  private final List<byte[]> records = withLast(LogFiles.someRecords(7), LogFiles.random(285, 99));
  private final long[] offsets = LogFiles.offsets(records);
  private final long lastStart = offsets[records.size() - 1];
  private final long end = offsets[records.size()];

  private static List<byte[]> withLast(List<byte[]> first, byte[] last) {
    List<byte[]> all = new ArrayList<>(first);
    all.add(last);
    return List.copyOf(all);
  }

  private Path written(String name) {
    Path file = dir.resolve(name);
    LogFiles.write(file, records);
    return file;
  }

  /** Opens the damaged file: the records before the last, the file cut back to them, the drop reported. */
  private void assertLastRecordDropped(Path file, long droppedLength, String reasonPart) throws IOException {
    try (FileLog log = FileLog.open(file)) {
      assertRecords(records.subList(0, records.size() - 1), log.recovered());
      Damage.TornTail tail = log.droppedTail().orElseThrow();
      assertEquals(lastStart, tail.offset(), tail.describe());
      assertEquals(droppedLength, tail.length(), tail.describe());
      assertTrue(tail.reason().contains(reasonPart), tail.reason());
      assertEquals(lastStart, Files.size(file), "truncated to the end of the last valid record");
    }
    try (FileLog log = FileLog.open(file)) {
      assertEquals(Optional.empty(), log.droppedTail(), "the second open finds a clean log");
      assertEquals(records.size() - 1, log.recovered().size());
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
  void aFlippedByteInTheLastRecordIsATornTail() throws IOException {
    Path file = written("flipped-last.log");
    LogFiles.xor(file, lastStart + FRAME + 40, 0x10);
    assertLastRecordDropped(file, end - lastStart, "CRC32C mismatch");
  }

  @Test
  void aFlippedLengthInTheLastRecordIsATornTail() throws IOException {
    Path file = written("flipped-last-length.log");
    LogFiles.xor(file, lastStart + 7, 0x01); // 285 becomes 284: the CRC, over the length, fails
    assertLastRecordDropped(file, end - lastStart, "CRC32C mismatch");
  }

  @Test
  void aZeroFilledTailIsATornTail() throws IOException {
    Path file = written("zeros.log");
    LogFiles.appendBytes(file, new byte[4096]);
    try (FileLog log = FileLog.open(file)) {
      assertRecords(records, log.recovered());
      Damage.TornTail tail = log.droppedTail().orElseThrow();
      assertEquals(new Damage.TornTail(end, 4096, "zero-filled (4096 bytes of zeros)"), tail);
      assertEquals(end, Files.size(file));
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
    try (FileLog log = FileLog.open(file)) {
      assertRecords(records, log.recovered());
      assertEquals(end, log.droppedTail().orElseThrow().offset());
      assertEquals(1000, log.droppedTail().orElseThrow().length());
      assertEquals(end, Files.size(file));
    }
  }

  @Test
  void aTornTailAfterTheHeaderLeavesAnEmptyLog() throws IOException {
    Path file = dir.resolve("one.log");
    LogFiles.write(file, List.of(LogFiles.text("only")));
    LogFiles.truncate(file, HEADER + 5);
    try (FileLog log = FileLog.open(file)) {
      assertEquals(List.of(), log.recovered());
      assertEquals(new Damage.TornTail(HEADER, 5, "a record cut short: 5 of the 12 bytes of its marker, length and CRC32C"),
          log.droppedTail().orElseThrow());
      log.append(LogFiles.text("again"));
    }
    try (FileLog log = FileLog.open(file)) {
      assertRecords(List.of(LogFiles.text("again")), log.recovered());
    }
  }

  @ParameterizedTest(name = "a file holding the first {0} bytes of the header")
  @ValueSource(ints = {0, 1, 4, 7})
  void aFileWhoseCreationWasInterruptedIsInitialized(int size) throws IOException {
    Path file = dir.resolve("interrupted.log");
    Files.write(file, Arrays.copyOf(LogFormat.HEADER, size));
    try (FileLog log = FileLog.open(file)) {
      assertEquals(List.of(), log.recovered());
      assertEquals(size == 0, log.droppedTail().isEmpty(), "an empty file is a new log, not a torn one");
      log.droppedTail().ifPresent(t -> assertEquals(new Damage.TornTail(0, size, "an incomplete file header ("
          + size + " of 8 bytes): its creation was interrupted"), t));
    }
    assertArrayEquals(LogFormat.HEADER, Files.readAllBytes(file));
  }

  @Test
  void aZeroFilledHeaderIsAnInterruptedCreation() throws IOException {
    Path file = dir.resolve("zero-header.log");
    Files.write(file, new byte[HEADER]);
    try (FileLog log = FileLog.open(file)) {
      assertEquals(new Damage.TornTail(0, HEADER, "a zero-filled file header: its creation was interrupted"),
          log.droppedTail().orElseThrow());
    }
    assertArrayEquals(LogFormat.HEADER, Files.readAllBytes(file));
  }
}
