package io.github.bgp.twophase.log;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * A log file's bytes, whatever a crash, a disk or a person left in it: {@link FileLog#inspect}
 * reads any file without changing it, and {@link FileLog#open} either refuses it with a
 * {@link CorruptLogException} (exactly when the inspection says it would, for the same damage,
 * leaving the file as it was) or opens it, recovering the records the inspection found and
 * leaving the file holding exactly those records, framed as a fresh log writes them. Nothing
 * else escapes: no index, size or memory error, whatever the lengths in the file claim.
 *
 * <p>{@link #file} fuzzes whole files (the header too); {@link #records} fuzzes what follows a
 * header that {@link FileLog} itself wrote; {@link #damaged} damages large logs that FileLog
 * wrote. In {@code mvn verify} they run over the committed inputs in
 * {@code src/test/resources/io/github/bgp/twophase/log/FileLogFuzzTestInputs/<method>};
 * {@code scripts/fuzz file-log.file SECONDS} (or {@code file-log.records}, {@code file-log.damaged})
 * fuzzes one.
 */
class FileLogFuzzTest {

  private static Path dir;
  /** The bytes of a new, empty log, as {@link FileLog#open} creates it. */
  private static byte[] emptyLog;

  @BeforeAll
  static void directory() throws IOException {
    dir = Files.createTempDirectory("bgp-fuzz-log");
    Path empty = dir.resolve("empty.log");
    FileLog.open(empty, LogFiles.OWNER).close();
    emptyLog = Files.readAllBytes(empty);
    Files.delete(empty);
  }

  @AfterAll
  static void removeDirectory() throws IOException {
    for (String name : List.of("node.log", "clean.log")) {
      Files.deleteIfExists(dir.resolve(name));
    }
    Files.deleteIfExists(dir);
  }

  @FuzzTest
  void file(byte[] bytes) throws IOException {
    check(bytes);
  }

  @FuzzTest
  void records(byte[] afterHeader) throws IOException {
    byte[] bytes = new byte[emptyLog.length + afterHeader.length];
    System.arraycopy(emptyLog, 0, bytes, 0, emptyLog.length);
    System.arraycopy(afterHeader, 0, bytes, emptyLog.length, afterHeader.length);
    check(bytes);
  }

  /**
   * Logs larger than a fuzzer's inputs (records of up to 200 KB, past the reader's 64 KiB window),
   * written by {@link FileLog}, then damaged as the input says: bits flipped, the file cut, bytes
   * appended, a record marker or a length written over what was there.
   */
  @FuzzTest
  void damaged(FuzzedDataProvider data) throws IOException {
    List<byte[]> records = new ArrayList<>();
    int count = data.consumeInt(0, 6);
    for (int i = 0; i < count; i++) {
      byte[] r = new byte[data.consumeInt(0, 200_000)];
      new SplittableRandom(data.consumeLong()).nextBytes(r);
      records.add(r);
    }
    byte[] bytes = clean(records);
    int damages = data.consumeInt(0, 4);
    for (int i = 0; i < damages && bytes.length > 0; i++) {
      int at = data.consumeInt(0, bytes.length - 1);
      switch (data.consumeInt(0, 4)) {
        case 0 -> bytes[at] ^= (byte) (1 << data.consumeInt(0, 7));
        case 1 -> bytes = Arrays.copyOf(bytes, at);
        case 2 -> {
          byte[] tail = data.consumeBytes(64);
          bytes = Arrays.copyOf(bytes, bytes.length + tail.length);
          System.arraycopy(tail, 0, bytes, bytes.length - tail.length, tail.length);
        }
        case 3 -> overwrite(bytes, at, LogFormat.MARKER);
        default -> overwrite(bytes, at, data.consumeInt());
      }
    }
    check(bytes);
  }

  private static void overwrite(byte[] bytes, int at, int value) {
    for (int i = 0; i < 4 && at + i < bytes.length; i++) {
      bytes[at + i] = (byte) (value >>> (24 - 8 * i));
    }
  }

  private static void check(byte[] bytes) throws IOException {
    Path file = dir.resolve("node.log");
    Files.write(file, bytes);
    Inspection in = FileLog.inspect(file);
    assertArrayEquals(bytes, Files.readAllBytes(file), "inspecting changed the file");
    assertEquals(bytes.length, in.size(), "the size inspected");
    long previous = -1;
    for (Inspection.Entry e : in.records()) {
      assertTrue(e.offset() > previous && e.offset() + e.size() <= bytes.length, "a record at " + e.offset());
      previous = e.offset();
    }
    in.damage().ifPresent(d -> assertFalse(d.describe().isBlank(), "damage without a description"));
    List<byte[]> recovered;
    try (FileLog log = FileLog.open(file, LogFiles.OWNER)) {
      assertTrue(in.opens(), "opened a log the inspection found " + in.damage().map(Damage::describe).orElse(""));
      assertEquals(in.tornTail(), log.droppedTail(), "the torn tail dropped");
      recovered = log.recovered();
    } catch (CorruptLogException refused) {
      assertFalse(in.opens(), "refused a log the inspection found would open: " + refused.getMessage());
      assertEquals(in.damage(), Optional.of(refused.damage()), "the damage refused");
      assertTrue(refused.getMessage().contains(file.toString()), "a refusal that does not name the file");
      assertArrayEquals(bytes, Files.readAllBytes(file), "a refused log was changed");
      return;
    } catch (ForeignLogException notOurs) {
      // A version-1 header names no owner, and a version-2 one may name another: both are refused.
      assertTrue(in.version() == 1 || !in.owner().equals(Optional.of(LogFiles.OWNER)),
          "refused as foreign a log the inspection found to be ours: " + notOurs.getMessage());
      assertTrue(notOurs.getMessage().contains(file.toString()), "a refusal that does not name the file");
      assertArrayEquals(bytes, Files.readAllBytes(file), "a refused log was changed");
      return;
    }
    List<byte[]> inspected = new ArrayList<>();
    in.records().forEach(e -> inspected.add(e.payload()));
    assertEquals(inspected.size(), recovered.size(), "the number of records recovered");
    for (int i = 0; i < inspected.size(); i++) {
      assertArrayEquals(inspected.get(i), recovered.get(i), "record " + i);
    }
    assertArrayEquals(clean(recovered), Files.readAllBytes(file), "the file after recovery");
  }

  /** A fresh log holding {@code records}, as {@link FileLog} writes it. */
  private static byte[] clean(List<byte[]> records) throws IOException {
    Path file = dir.resolve("clean.log");
    Files.deleteIfExists(file);
    try (FileLog log = FileLog.open(file, LogFiles.OWNER)) {
      records.forEach(log::append);
    }
    byte[] bytes = Files.readAllBytes(file);
    Files.delete(file);
    return bytes;
  }
}
