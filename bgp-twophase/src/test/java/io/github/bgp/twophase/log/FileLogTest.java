package io.github.bgp.twophase.log;

import static io.github.bgp.twophase.log.LogFiles.assertRecords;
import static io.github.bgp.twophase.log.LogFiles.random;
import static io.github.bgp.twophase.log.LogFiles.text;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Appending, forcing and reopening a log that nothing damaged. */
class FileLogTest {

  @TempDir
  Path dir;

  @Test
  void aNewLogIsJustTheHeaderAndRecoversNothing() throws IOException {
    Path file = dir.resolve("new.log");
    try (FileLog log = LogFiles.open(file)) {
      assertEquals(List.of(), log.recovered());
      assertEquals(Optional.empty(), log.droppedTail());
      assertEquals(0, log.forces());
      assertEquals(file.toAbsolutePath(), log.file());
    }
    assertArrayEquals(LogFiles.HEADER_BYTES, Files.readAllBytes(file));
  }

  @Test
  void recordsOfEverySizeRoundTrip() throws IOException {
    Path file = dir.resolve("sizes.log");
    List<byte[]> records = new ArrayList<>(LogFiles.someRecords(9));
    records.add(random(70_000, 1)); // more than the reader's 64 KiB window
    records.add(new byte[0]);
    records.add(random(3 * 1024 * 1024, 2)); // more than the 1 MiB append buffer
    records.add(text("last"));
    LogFiles.write(file, records);
    assertEquals(LogFiles.end(records), Files.size(file), "the records, then one commit marker");
    try (FileLog log = LogFiles.open(file)) {
      assertRecords(records, log.recovered());
      assertEquals(Optional.empty(), log.droppedTail());
    }
  }

  @Test
  void theLargestRecordRoundTripsAndALargerOneIsRejectedNamingItsSize() {
    Path file = dir.resolve("large.log");
    byte[] largest = random(FileLog.MAX_RECORD_SIZE, 3);
    try (FileLog log = LogFiles.open(file)) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> log.append(new byte[FileLog.MAX_RECORD_SIZE + 1]));
      assertTrue(e.getMessage().contains(String.valueOf(FileLog.MAX_RECORD_SIZE + 1)), e.getMessage());
      log.append(largest);
      log.force();
    }
    try (FileLog log = LogFiles.open(file)) {
      assertRecords(List.of(largest), log.recovered());
    }
  }

  @Test
  void appendsAfterReopeningContinueTheLog() {
    Path file = dir.resolve("continue.log");
    List<byte[]> first = LogFiles.someRecords(5);
    LogFiles.write(file, first);
    List<byte[]> all = new ArrayList<>(first);
    try (FileLog log = LogFiles.open(file)) {
      assertRecords(first, log.recovered());
      for (int i = 0; i < 3; i++) {
        byte[] r = text("after reopening " + i);
        log.append(r);
        all.add(r);
      }
      log.force();
    }
    try (FileLog log = LogFiles.open(file)) {
      assertRecords(all, log.recovered());
      byte[] r = text("and again");
      log.append(r);
      all.add(r);
    } // close forces it
    try (FileLog log = LogFiles.open(file)) {
      assertRecords(all, log.recovered());
    }
  }

  @Test
  void forcesCountsOnlyForcesThatReachTheStorage() {
    Path file = dir.resolve("forces.log");
    try (FileLog log = LogFiles.open(file)) {
      log.force();
      assertEquals(0, log.forces(), "nothing appended: no force");
      log.append(text("a"));
      log.force();
      assertEquals(1, log.forces());
      log.force();
      log.force();
      assertEquals(1, log.forces(), "nothing appended since: no force");
      log.append(new byte[0]);
      log.force();
      assertEquals(2, log.forces(), "an empty record is a record");
    }
    try (FileLog log = LogFiles.open(file)) {
      assertEquals(0, log.forces(), "recovery's truncation or header write is not a force");
      assertEquals(2, log.recovered().size());
    }
  }

  @Test
  void groupCommitMakesAHundredAppendsDurableWithOneForce() {
    Path file = dir.resolve("group.log");
    List<byte[]> records = new ArrayList<>();
    try (FileLog log = LogFiles.open(file)) {
      for (int i = 0; i < 100; i++) {
        byte[] r = text("tx-" + i + " committed");
        records.add(r);
        log.append(r);
      }
      assertEquals(0, log.forces());
      assertEquals(0, FileLog.inspect(file).records().size(), "appends are buffered, not written");
      log.force();
      assertEquals(1, log.forces());
      assertEquals(100, FileLog.inspect(file).records().size());
    }
    try (FileLog log = LogFiles.open(file)) {
      assertRecords(records, log.recovered());
    }
  }

  @Test
  void closeForcesWhatWasAppendedAndCountsIt() {
    Path file = dir.resolve("close.log");
    FileLog log = LogFiles.open(file);
    log.append(text("decided: commit"));
    log.close();
    assertEquals(1, log.forces());
    try (FileLog reopened = LogFiles.open(file)) {
      assertRecords(List.of(text("decided: commit")), reopened.recovered());
    }
  }

  @Test
  void aClosedLogRefusesAppendsAndForcesAndClosesTwiceQuietly() {
    FileLog log = LogFiles.open(dir.resolve("closed.log"));
    log.close();
    assertTrue(assertThrows(IllegalStateException.class, () -> log.append(text("x"))).getMessage().contains("closed"));
    assertThrows(IllegalStateException.class, log::force);
    log.close();
    assertEquals(List.of(), log.recovered(), "what was recovered stays readable");
  }

  @Test
  void recordsAreCopiedInAndOut() {
    Path file = dir.resolve("copies.log");
    byte[] r = text("original");
    try (FileLog log = LogFiles.open(file)) {
      log.append(r);
      r[0] = 'X'; // after append, before force
    }
    try (FileLog log = LogFiles.open(file)) {
      log.recovered().get(0)[0] = 'Y';
      assertArrayEquals(text("original"), log.recovered().get(0));
      assertThrows(UnsupportedOperationException.class, () -> log.recovered().add(new byte[0]));
    }
  }

  @Test
  void unforcedRecordsAreNotOnDiskUntilTheForce() throws IOException {
    Path file = dir.resolve("unforced.log");
    FileLog log = LogFiles.open(file);
    log.append(text("forced"));
    log.force();
    log.append(text("not forced"));
    // A crash now: the file holds the forced record only. (Copying the file opens and closes a
    // descriptor of it, which on POSIX releases this JVM's lock: acceptable in a test.)
    Path crashImage = dir.resolve("crash-image.log");
    Files.copy(file, crashImage);
    try (FileLog afterCrash = LogFiles.open(crashImage)) {
      assertRecords(List.of(text("forced")), afterCrash.recovered());
    }
    log.close();
  }

  @Test
  void moreThanAMebibyteOfAppendsIsWrittenEarlyButForcedOnlyByForce() {
    Path file = dir.resolve("spill.log");
    try (FileLog log = LogFiles.open(file)) {
      List<byte[]> records = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        records.add(random(100_000, i));
        log.append(records.get(i));
      }
      assertEquals(0, log.forces());
      assertTrue(FileLog.inspect(file).records().size() >= 10, "written once 1 MiB is buffered");
      log.force();
      assertEquals(1, log.forces());
      assertEquals(20, FileLog.inspect(file).records().size());
    }
  }

  @Test
  void aLogInAMissingDirectoryCannotBeOpened() {
    Path file = dir.resolve("missing").resolve("x.log");
    UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> LogFiles.open(file));
    assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
  }
}
