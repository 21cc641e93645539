package io.github.bgp.twophase.log;

import static io.github.bgp.twophase.log.LogFiles.FRAME;
import static io.github.bgp.twophase.log.LogFiles.HEADER;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** inspect() reports records and damage as data, and never changes the file. */
class InspectTest {

  @TempDir
  Path dir;

  private final List<byte[]> records = LogFiles.someRecords(6);
  private final long[] offsets = LogFiles.offsets(records);

  /** Inspects {@code file}, checking that its bytes and modification time do not change. */
  private static Inspection inspectUnchanged(Path file) throws IOException {
    byte[] before = Files.readAllBytes(file);
    FileTime modified = Files.getLastModifiedTime(file);
    Inspection inspection = FileLog.inspect(file);
    assertArrayEquals(before, Files.readAllBytes(file), "inspect changed the file");
    assertEquals(modified, Files.getLastModifiedTime(file), "inspect touched the file");
    assertEquals(before.length, inspection.size());
    assertEquals(file.toAbsolutePath(), inspection.file());
    return inspection;
  }

  @Test
  void aCleanLogReportsEveryRecordWithItsOffset() throws IOException {
    Path file = dir.resolve("clean.log");
    LogFiles.write(file, records);
    Inspection i = inspectUnchanged(file);
    assertEquals(Optional.empty(), i.damage());
    assertTrue(i.opens());
    assertEquals(2, i.version());
    assertEquals(Optional.of(LogFiles.OWNER), i.owner(), "the header says whose it is");
    assertEquals(records.size(), i.records().size());
    assertEquals(records.size(), i.forced(), "a commit marker follows every record");
    for (int k = 0; k < records.size(); k++) {
      assertEquals(new Inspection.Entry(offsets[k], records.get(k)), i.records().get(k));
      assertEquals(records.get(k).length, i.records().get(k).size());
    }
  }

  @Test
  void aTornTailIsReportedButNotTruncated() throws IOException {
    Path file = dir.resolve("torn.log");
    LogFiles.write(file, records);
    long end = LogFiles.end(records);
    LogFiles.appendBytes(file, new byte[] {(byte) 0xFE, (byte) 0xB6, 0x4C});
    Inspection i = inspectUnchanged(file);
    assertEquals(records.size(), i.records().size());
    Damage.TornTail tail = i.tornTail().orElseThrow();
    assertEquals(end, tail.offset());
    assertEquals(3, tail.length());
    assertTrue(i.opens());
    assertEquals(Optional.empty(), i.corruption());
    assertEquals(end + 3, Files.size(file));
    try (FileLog log = LogFiles.open(file)) {
      assertEquals(Optional.of(tail), log.droppedTail(), "open drops what inspect reported");
    }
  }

  @Test
  void corruptionInTheMiddleIsReportedWithTheRecordsBeforeIt() throws IOException {
    Path file = dir.resolve("corrupt.log");
    LogFiles.write(file, records);
    LogFiles.xor(file, offsets[2] + FRAME + 1, 0x20);
    Inspection i = inspectUnchanged(file);
    assertEquals(2, i.records().size());
    Damage.Corruption c = i.corruption().orElseThrow();
    assertEquals(offsets[2], c.offset());
    assertEquals(offsets[records.size()], c.nextValidOffset(), "the commit marker");
    assertTrue(c.forced());
    assertTrue(c.reason().contains("CRC32C mismatch"), c.reason());
    assertTrue(c.describe().contains("byte offset " + offsets[2]), c.describe());
    assertFalse(i.opens());
    assertEquals(Optional.empty(), i.tornTail());
  }

  @Test
  void aFileThatIsNotALogIsReportedAsABadHeader() throws IOException {
    Path file = dir.resolve("notes.txt");
    Files.writeString(file, "meeting at noon\n");
    Inspection i = inspectUnchanged(file);
    Damage.BadHeader bad = assertInstanceOf(Damage.BadHeader.class, i.damage().orElseThrow());
    assertTrue(bad.reason().contains("not a bgp log"), bad.reason());
    assertEquals(0, bad.offset());
    assertEquals(List.of(), i.records());
    assertFalse(i.opens());
  }

  @Test
  void anEmptyFileIsAnEmptyLogAndAnIncompleteHeaderATornTail() throws IOException {
    Path empty = dir.resolve("empty.log");
    Files.write(empty, new byte[0]);
    Inspection i = inspectUnchanged(empty);
    assertEquals(Optional.empty(), i.damage());
    assertEquals(0, i.size());

    Path partial = dir.resolve("partial.log");
    Files.write(partial, new byte[] {'B', 'G', 'P'});
    assertEquals(new Damage.TornTail(0, 3, "an incomplete file header (3 bytes): its creation was interrupted"),
        inspectUnchanged(partial).tornTail().orElseThrow());
  }

  @Test
  void aLogOpenInThisProcessIsReadThroughItsChannelAndShowsWhatWasWritten() {
    Path file = dir.resolve("open.log");
    try (FileLog log = LogFiles.open(file)) {
      assertEquals(HEADER, FileLog.inspect(file).size());
      log.append(LogFiles.text("a"));
      assertEquals(0, FileLog.inspect(file).records().size(), "not written before the force");
      log.force();
      Inspection i = FileLog.inspect(file);
      assertEquals(List.of(new Inspection.Entry(HEADER, LogFiles.text("a"))), i.records());
      assertTrue(i.opens());
    }
  }

  @Test
  void inspectingAMissingFileFailsNamingIt() {
    Path file = dir.resolve("absent.log");
    UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> FileLog.inspect(file));
    assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
    assertFalse(Files.exists(file), "inspect does not create the file");
  }
}
