package io.github.bgp.twophase.log;

import static io.github.bgp.twophase.log.LogFiles.FRAME;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Damage before the tail, or a file that is no bgp log: open refuses, naming the file and the offset. */
class CorruptionTest {

  @TempDir
  Path dir;

  private final List<byte[]> records = LogFiles.someRecords(8);
  private final long[] offsets = LogFiles.offsets(records);

  /** Opening {@code file} fails naming it and the bad record's offset, and leaves it as it was. */
  private CorruptLogException assertRefused(Path file, long badOffset) throws IOException {
    byte[] before = Files.readAllBytes(file);
    CorruptLogException e = assertThrows(CorruptLogException.class, () -> FileLog.open(file));
    assertTrue(e.getMessage().contains(file.toAbsolutePath().toString()), e.getMessage());
    if (e.damage() instanceof Damage.Corruption) {
      assertTrue(e.getMessage().contains("byte offset " + badOffset), e.getMessage());
    }
    assertEquals(badOffset, e.offset());
    assertEquals(file.toAbsolutePath(), e.file());
    assertArrayEquals(before, Files.readAllBytes(file), "a refused log is not modified");
    // The failed open released the file: once repaired (emptied), it opens.
    Files.write(file, LogFormat.HEADER);
    FileLog.open(file).close();
    return e;
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
    CorruptLogException e = assertRefused(file, offsets[bad]);
    Damage.Corruption c = assertInstanceOf(Damage.Corruption.class, e.damage());
    assertEquals(offsets[bad + 1], c.nextValidOffset());
    assertTrue(e.getMessage().contains("valid record follows at byte offset " + offsets[bad + 1]), e.getMessage());
  }

  @Test
  void aLostSectorInTheMiddleIsCorruption() throws IOException {
    List<byte[]> big = List.of(LogFiles.random(3000, 1), LogFiles.random(3000, 2), LogFiles.random(3000, 3));
    long[] at = LogFiles.offsets(big);
    Path file = dir.resolve("sector.log");
    LogFiles.write(file, big);
    LogFiles.overwrite(file, 4096, new byte[512]); // inside the second record
    CorruptLogException e = assertRefused(file, at[1]);
    assertEquals(at[2], ((Damage.Corruption) e.damage()).nextValidOffset());
  }

  @Test
  void aFlippedByteInTheFirstRecordIsCorruption() throws IOException {
    Path file = dir.resolve("first.log");
    LogFiles.write(file, records);
    LogFiles.xor(file, offsets[0] + 4, 0x80); // a negative length
    CorruptLogException e = assertRefused(file, offsets[0]);
    assertTrue(e.getMessage().contains("more than the maximum"), e.getMessage());
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
    Path file = dir.resolve("v2.log");
    LogFiles.write(file, records);
    LogFiles.overwrite(file, 6, new byte[] {0, 2});
    CorruptLogException e = assertRefused(file, 0);
    assertTrue(e.getMessage().contains("version 2"), e.getMessage());
    assertTrue(e.getMessage().contains("reads version 1"), e.getMessage());
  }

  @Test
  void aValidRecordWrittenAfterCorruptionIsStillFound() throws IOException {
    // The resync scans byte by byte: a record at an arbitrary offset after garbage is found.
    Path file = dir.resolve("resync.log");
    LogFiles.write(file, records.subList(0, 2));
    long end = LogFiles.offsets(records.subList(0, 2))[2];
    byte[] garbage = LogFiles.random(70_001, 5); // spans the reader's 64 KiB window
    LogFiles.appendBytes(file, garbage);
    byte[] frame = new byte[FRAME + 3];
    LogFormat.frame(new byte[] {1, 2, 3}, frame, 0);
    LogFiles.appendBytes(file, frame);
    CorruptLogException e = assertRefused(file, end);
    assertEquals(end + garbage.length, ((Damage.Corruption) e.damage()).nextValidOffset());
  }
}
