package io.github.bgp.twophase.log;

import static io.github.bgp.twophase.log.LogFiles.COMMIT;
import static io.github.bgp.twophase.log.LogFiles.FRAME;
import static io.github.bgp.twophase.log.LogFiles.HEADER;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Damage to what was forced, or a file that is no bgp log: open refuses, naming the file and
 * the offset, rather than drop a record its node may have acted on.
 */
class CorruptionTest {

  @TempDir
  Path dir;

  private final List<byte[]> records = LogFiles.someRecords(8);
  private final long[] offsets = LogFiles.offsets(records);
  /** Where the commit marker of the one batch the records were forced in starts. */
  private final long marker = offsets[records.size()];

  /** Opening {@code file} fails naming it and the bad record's offset, and leaves it as it was. */
  private CorruptLogException assertRefused(Path file, long badOffset) throws IOException {
    byte[] before = Files.readAllBytes(file);
    CorruptLogException e = assertThrows(CorruptLogException.class, () -> LogFiles.open(file));
    assertTrue(e.getMessage().contains(file.toAbsolutePath().toString()), e.getMessage());
    if (e.damage() instanceof Damage.Corruption) {
      assertTrue(e.getMessage().contains("byte offset " + badOffset), e.getMessage());
    }
    assertEquals(badOffset, e.offset());
    assertEquals(file.toAbsolutePath(), e.file());
    assertArrayEquals(before, Files.readAllBytes(file), "a refused log is not modified");
    assertEquals(1, e.getMessage().lines().count(), "one line");
    // The failed open released the file: once repaired (emptied), it opens.
    Files.write(file, LogFiles.HEADER_BYTES);
    LogFiles.open(file).close();
    return e;
  }

  /** The refusal is the forced kind: the commit marker at {@code markerAt} shows the bad record was forced. */
  private static void assertForced(CorruptLogException e, long markerAt) {
    Damage.Corruption c = assertInstanceOf(Damage.Corruption.class, e.damage());
    assertTrue(c.forced(), c.describe());
    assertEquals(markerAt, c.nextValidOffset());
    assertTrue(e.getMessage().contains("the commit marker at byte offset " + markerAt + " shows it was forced, so it"
        + " may have been acted on"), e.getMessage());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
      "a payload byte, 12, 1",
      "the last payload byte, 222, 128",
      "a marker byte, 0, 255",
      "a CRC byte, 9, 4",
      "the high length byte (a length over the maximum), 4, 64",
      "a length byte (a length past the end of the file), 5, 1",
      "the low length byte (a length one byte shorter), 7, 1",
      "the low length byte (a length four bytes longer), 7, 4",
  })
  void aFlippedByteInAMiddleRecordIsCorruption(String what, int at, int mask) throws IOException {
    int bad = 3; // 211 random bytes, followed by four more records
    assertEquals(FRAME + 211, offsets[bad + 1] - offsets[bad], "record 3 is 12 + 211 bytes");
    Path file = dir.resolve("flipped.log");
    LogFiles.write(file, records);
    LogFiles.xor(file, offsets[bad] + at, mask);
    assertForced(assertRefused(file, offsets[bad]), marker);
  }

  @ParameterizedTest(name = "byte {0} of the last record")
  @ValueSource(ints = {0, 5, 9, 12, 100, 210})
  void aFlippedByteInTheLastForcedRecordIsCorruptionNotATornTail(int at) throws IOException {
    // The coordinator's last record, its decision, already announced: trimming it would turn COMMIT into ABORT.
    List<byte[]> decided = List.of(LogFiles.text("BEGIN 1"), LogFiles.random(211, 7));
    long[] o = LogFiles.offsets(decided);
    Path file = dir.resolve("last.log");
    LogFiles.write(file, decided);
    LogFiles.xor(file, o[1] + at, 0x01);
    assertForced(assertRefused(file, o[1]), o[2]);
  }

  @Test
  void aFlippedByteInTheFirstRecordIsCorruption() throws IOException {
    Path file = dir.resolve("first.log");
    LogFiles.write(file, records);
    LogFiles.xor(file, offsets[0] + 4, 0x80); // a negative length
    CorruptLogException e = assertRefused(file, offsets[0]);
    assertTrue(e.getMessage().contains("more than the maximum"), e.getMessage());
    assertForced(e, marker);
  }

  @Test
  void aLostSectorInTheMiddleIsCorruption() throws IOException {
    List<byte[]> big = List.of(LogFiles.random(3000, 1), LogFiles.random(3000, 2), LogFiles.random(3000, 3));
    long[] at = LogFiles.offsets(big);
    Path file = dir.resolve("sector.log");
    LogFiles.write(file, big);
    LogFiles.overwrite(file, 4096, new byte[512]); // inside the second record
    assertForced(assertRefused(file, at[1]), at[3]);
  }

  @Test
  void aDamagedCommitMarkerBeforeAnotherBatchIsCorruption() throws IOException {
    Path file = dir.resolve("marker.log");
    LogFiles.write(file, records.subList(0, 2));
    try (FileLog log = LogFiles.open(file)) {
      log.append(LogFiles.text("second batch"));
      log.force();
    }
    long first = LogFiles.offsets(records.subList(0, 2))[2];
    LogFiles.xor(file, first + 9, 0x02); // in the first marker's batch start
    CorruptLogException e = assertRefused(file, first);
    assertForced(e, first + COMMIT + FRAME + "second batch".length());
    assertTrue(e.getMessage().contains("a commit marker whose CRC32C does not check"), e.getMessage());
  }

  @Test
  void aRecordRemovedFromAForcedBatchIsCorruption() throws IOException {
    // Each remaining record checks; the marker's CRC of its batch does not.
    Path file = dir.resolve("spliced.log");
    LogFiles.write(file, records);
    byte[] bytes = Files.readAllBytes(file);
    byte[] spliced = new byte[bytes.length - (int) (offsets[3] - offsets[2])];
    System.arraycopy(bytes, 0, spliced, 0, (int) offsets[2]);
    System.arraycopy(bytes, (int) offsets[3], spliced, (int) offsets[2], bytes.length - (int) offsets[3]);
    Files.write(file, spliced);
    CorruptLogException e = assertRefused(file, HEADER);
    assertTrue(e.getMessage().contains("records were removed, added or replaced"), e.getMessage());
  }

  @Test
  void aDamagedHeaderIsRefused() throws IOException {
    Path file = dir.resolve("header.log");
    LogFiles.write(file, records);
    LogFiles.xor(file, 16, 0x01); // in the owner's cluster name
    CorruptLogException e = assertRefused(file, 0);
    assertInstanceOf(Damage.BadHeader.class, e.damage());
    assertTrue(e.getMessage().contains("a damaged file header: its CRC32C does not check"), e.getMessage());
  }

  @Test
  void aHeaderWhoseOwnerLengthGrewIsDamageNotAnInterruptedCreation() throws IOException {
    // Found by the flip property: a longer owner than the file holds before its first record must
    // not read as a header cut short, or open would start the log afresh and lose its records.
    Path file = dir.resolve("length.log");
    LogFiles.write(file, records.subList(0, 1));
    LogFiles.xor(file, 9, 0x30);
    Inspection inspected = FileLog.inspect(file);
    assertFalse(inspected.opens(), "inspect agrees it does not open");
    CorruptLogException e = assertRefused(file, 0);
    assertEquals(Optional.of(e.damage()), inspected.damage());
    assertTrue(e.getMessage().contains("a damaged file header: it claims an owner of 62 bytes, more than the file"
        + " holds before its records"), e.getMessage());
  }

  @Test
  void aFileThatIsNotABgpLogIsRefusedSayingWhatItStartsWith() throws IOException {
    Path file = dir.resolve("data.json");
    Files.writeString(file, "{\"transactions\": []}\n");
    CorruptLogException e = assertRefused(file, 0);
    assertInstanceOf(Damage.BadHeader.class, e.damage());
    assertTrue(e.getMessage().contains("not a bgp log"), e.getMessage());
    assertTrue(e.getMessage().contains("7b 22 74 72"), e.getMessage());
  }

  @Test
  void aShortFileThatIsNotABgpLogIsRefused() throws IOException {
    Path file = dir.resolve("short.txt");
    Files.writeString(file, "hi\n");
    CorruptLogException e = assertRefused(file, 0);
    assertTrue(e.getMessage().contains("68 69 0a"), e.getMessage());
  }

  @Test
  void aLogOfAnotherVersionIsRefusedNamingTheVersion() throws IOException {
    Path file = dir.resolve("v3.log");
    LogFiles.write(file, records);
    LogFiles.overwrite(file, 6, new byte[] {0, 3});
    CorruptLogException e = assertRefused(file, 0);
    assertTrue(e.getMessage().contains("version 3"), e.getMessage());
    assertTrue(e.getMessage().contains("reads versions 1 and 2"), e.getMessage());
  }

  @Test
  void aValidMarkerWrittenAfterCorruptionIsStillFound() throws IOException {
    // The resync scans byte by byte: a marker at an arbitrary offset after garbage is found.
    Path file = dir.resolve("resync.log");
    LogFiles.write(file, records.subList(0, 2));
    long end = LogFiles.end(records.subList(0, 2));
    byte[] garbage = LogFiles.random(70_001, 5); // spans the reader's 64 KiB window
    LogFiles.appendBytes(file, garbage);
    LogFiles.appendBytes(file, LogFiles.commit(end, Arrays.copyOf(garbage, 10)));
    CorruptLogException e = assertRefused(file, end);
    assertForced(e, end + garbage.length);
  }
}
