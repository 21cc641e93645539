package io.github.bgp.twophase.log;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.bgp.check.Gen;
import io.github.bgp.check.Property;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crash recovery as properties: whatever a crash leaves after the forced records, and wherever
 * a byte goes bad, reopening yields exactly a prefix of the records (never part of one), or
 * refuses, naming the bad record, exactly when a commit marker after the damage shows the
 * damaged record was forced.
 */
class FileLogPropertiesTest {

  @TempDir
  Path dir;

  private int files;

  /** Records of 0 to 48 bytes. */
  private static final Gen<byte[]> RECORD = Gen.lists(Gen.ints(0, 255), 0, 48).map(FileLogPropertiesTest::bytes);

  private static final Gen<List<byte[]>> RECORDS = Gen.lists(RECORD, 1, 10);

  private static byte[] bytes(List<Integer> values) {
    byte[] b = new byte[values.size()];
    for (int i = 0; i < b.length; i++) {
      b[i] = (byte) (int) values.get(i);
    }
    return b;
  }

  private static String sizes(List<byte[]> records) {
    List<Integer> sizes = new ArrayList<>();
    for (byte[] r : records) {
      sizes.add(r.length);
    }
    return "records of " + sizes + " bytes (at " + Arrays.toString(LogFiles.offsets(records)) + ", a marker after)";
  }

  /** A fresh file holding {@code records}, {@code forced} of them forced first and the rest by close. */
  private Path written(List<byte[]> records, int forced) {
    Path file = dir.resolve("p" + files++ + ".log");
    try (FileLog log = LogFiles.open(file)) {
      for (int i = 0; i < records.size(); i++) {
        if (i == forced) {
          log.force();
        }
        log.append(records.get(i));
      }
    }
    return file;
  }

  /** The frames {@link #written} writes: a commit marker after record forced - 1 (if any), and after the last. */
  private static List<LogFiles.Frame> framesOf(List<byte[]> records, int forced) {
    return LogFiles.frames(records, List.of(forced - 1, records.size() - 1));
  }

  /**
   * What opening a file whose frames were {@code frames}, and whose first bad frame is
   * {@code bad} (null: none), must recover: the records before it, and the file ends at its start
   * (or at the end of the last frame), plus a commit marker if records no marker follows remain.
   */
  private static void assertRecovered(List<byte[]> records, List<LogFiles.Frame> frames, LogFiles.Frame bad,
      long damagedSize, Path file, Inspection inspection) throws IOException {
    List<byte[]> expected = new ArrayList<>();
    long validEnd = LogFiles.HEADER;
    boolean unmarked = false;
    for (LogFiles.Frame f : frames) {
      if (f.equals(bad) || f.end() > damagedSize) {
        break;
      }
      validEnd = f.end();
      if (f.commit()) {
        unmarked = false;
      } else {
        expected.add(records.get(f.record()));
        unmarked = true;
      }
    }
    long dropped = damagedSize - validEnd;
    LogFiles.assertRecords(expected, payloads(inspection));
    assertTrue(inspection.opens(), () -> inspection.damage().toString());
    try (FileLog log = LogFiles.open(file)) {
      LogFiles.assertRecords(expected, log.recovered());
      if (dropped == 0) {
        assertEquals(Optional.empty(), log.droppedTail());
      } else {
        Damage.TornTail tail = log.droppedTail().orElseThrow();
        assertEquals(validEnd, tail.offset());
        assertEquals(dropped, tail.length());
      }
      assertEquals(inspection.tornTail(), log.droppedTail(), "inspect and open agree");
    }
    assertEquals(validEnd + (unmarked ? LogFiles.COMMIT : 0), Files.size(file),
        "truncated to the last whole frame, and records no marker followed given one");
    assertEquals(expected.size(), FileLog.inspect(file).forced(), "every record recovered is marked forced now");
  }

  /** A property that reads and writes files. */
  @FunctionalInterface
  interface IoPredicate<T> {
    boolean test(T value) throws IOException;
  }

  private static <T> Predicate<T> io(IoPredicate<T> p) {
    return value -> {
      try {
        return p.test(value);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    };
  }

  /** Inspects the file (checking it does not change it), then opens it. */
  private static Inspection inspectUnchanged(Path file) {
    try {
      byte[] before = Files.readAllBytes(file);
      Inspection inspection = FileLog.inspect(file);
      assertArrayEquals(before, Files.readAllBytes(file), "inspect changed the file");
      return inspection;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<byte[]> payloads(Inspection inspection) {
    List<byte[]> out = new ArrayList<>();
    for (Inspection.Entry e : inspection.records()) {
      out.add(e.payload());
    }
    return out;
  }

  /**
   * What a crash leaves: the records forced, then any prefix of the bytes written after the last
   * force, perhaps followed by zeros (a preallocated or torn block) or garbage.
   */
  record Crash(List<byte[]> records, int forced, int cut, int tail, int tailLength, long seed) {
    byte[] tailBytes() {
      return tail == 0 ? new byte[0] : tail == 1 ? new byte[tailLength] : LogFiles.random(tailLength, seed);
    }

    @Override
    public String toString() {
      return sizes(records) + ", " + forced + " forced, cut at " + cut + ", then "
          + (tail == 0 ? "nothing" : tailLength + (tail == 1 ? " zeros" : " random bytes (seed " + seed + ")"));
    }
  }

  @Test
  void aCrashAfterAnyForceRecoversExactlyTheWholeRecordsThatSurvivedAndAtLeastTheForcedOnes() {
    Gen<Crash> crashes = RECORDS.flatMap(records -> {
      int n = records.size();
      return Gen.ints(0, n).flatMap(forced -> {
        List<LogFiles.Frame> frames = framesOf(records, forced);
        long forcedEnd = forced == 0 ? LogFiles.HEADER : frames.get(forced).end(); // after the first marker
        long size = frames.get(frames.size() - 1).end();
        return Gen.ints((int) forcedEnd, (int) size).flatMap(cut ->
            Gen.ints(0, 2).flatMap(tail -> Gen.ints(1, 64).zip(Gen.longs(),
                (length, seed) -> new Crash(records, forced, cut, tail, length, seed))));
      });
    });
    Property.forAll(crashes).tries(150).check(io(c -> {
      List<LogFiles.Frame> frames = framesOf(c.records(), c.forced());
      Path file = written(c.records(), c.forced());
      try {
        byte[] original = Files.readAllBytes(file);
        assertEquals(frames.get(frames.size() - 1).end(), original.length, "the frames are where the test says");
        LogFiles.truncate(file, c.cut());
        LogFiles.appendBytes(file, c.tailBytes());
        byte[] damaged = Files.readAllBytes(file);
        // The frames that survived whole: usually those before the cut, but random bytes after
        // the cut may happen to be the ones the crash lost.
        int same = Arrays.mismatch(original, damaged);
        long intact = same < 0 ? original.length : same;
        LogFiles.Frame bad = LogFiles.frameAt(frames, intact);
        Inspection inspection = inspectUnchanged(file);
        assertRecovered(c.records(), frames, bad, damaged.length, file, inspection);
        assertTrue(FileLog.inspect(file).records().size() >= c.forced(), "a forced record was lost");
        return true;
      } finally {
        Files.delete(file);
      }
    }));
  }

  /** A byte of a well-written log xored with a mask. */
  record Flip(List<byte[]> records, int at, int mask) {
    @Override
    public String toString() {
      return sizes(records) + ", byte " + at + " ^ " + mask;
    }
  }

  @Test
  void aFlippedByteInAForcedRecordIsCorruptionNamingItAndInTheLastMarkerATornTailThatLosesNoRecord() {
    Gen<Flip> flips = RECORDS.flatMap(records -> Gen.ints(0, (int) LogFiles.end(records) - 1)
        .zip(Gen.ints(1, 255), (at, mask) -> new Flip(records, at, mask)));
    Property.forAll(flips).tries(150).check(io(f -> {
      long[] at = LogFiles.offsets(f.records());
      int n = f.records().size();
      Path file = written(f.records(), n);
      try {
        LogFiles.xor(file, f.at(), f.mask());
        Inspection inspection = inspectUnchanged(file);
        if (f.at() < LogFiles.HEADER) {
          CorruptLogException e = assertThrows(CorruptLogException.class, () -> LogFiles.open(file));
          assertInstanceOf(Damage.BadHeader.class, e.damage());
          assertEquals(0, e.offset());
          assertEquals(Optional.of(e.damage()), inspection.damage());
          return true;
        }
        if (f.at() >= at[n]) { // the marker: the records are intact, and open marks them again
          assertRecovered(f.records(), framesOf(f.records(), n), LogFiles.frameAt(framesOf(f.records(), n), f.at()),
              LogFiles.end(f.records()), file, inspection);
          return true;
        }
        int k = 0;
        while (at[k + 1] <= f.at()) {
          k++;
        }
        LogFiles.assertRecords(f.records().subList(0, k), payloads(inspection));
        CorruptLogException e = assertThrows(CorruptLogException.class, () -> LogFiles.open(file));
        assertEquals(at[k], e.offset());
        assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains("byte offset " + at[k]),
            e.getMessage());
        assertEquals(new Damage.Corruption(at[k], ((Damage.Corruption) e.damage()).reason(), at[n], true), e.damage());
        assertEquals(Optional.of(e.damage()), inspection.damage());
        return true;
      } finally {
        Files.delete(file);
      }
    }));
  }

  /** A range of a well-written log overwritten with zeros or random bytes, or cut off. */
  record Damaged(List<byte[]> records, int from, int length, int kind, long seed) {
    @Override
    public String toString() {
      return sizes(records) + ", " + (kind == 0 ? "cut at " + from
          : length + (kind == 1 ? " zeros" : " random bytes (seed " + seed + ")") + " written at " + from);
    }
  }

  @Test
  void anyDamageIsRefusedExactlyWhenTheMarkerAfterItSurvivesAndOtherwiseYieldsAPrefixOfTheRecords() {
    Gen<Damaged> damages = RECORDS.flatMap(records -> {
      int size = (int) LogFiles.end(records);
      return Gen.ints(LogFiles.HEADER, size).flatMap(from -> Gen.ints(1, 80).flatMap(length ->
          Gen.ints(0, 2).zip(Gen.longs(), (kind, seed) -> new Damaged(records, from, length, kind, seed))));
    });
    Property.forAll(damages).tries(150).check(io(d -> {
      int n = d.records().size();
      List<LogFiles.Frame> frames = framesOf(d.records(), n);
      LogFiles.Frame marker = frames.get(frames.size() - 1);
      Path file = written(d.records(), n);
      try {
        byte[] original = Files.readAllBytes(file);
        if (d.kind() == 0) {
          LogFiles.truncate(file, d.from());
        } else {
          LogFiles.overwrite(file, d.from(),
              d.kind() == 1 ? new byte[d.length()] : LogFiles.random(d.length(), d.seed()));
        }
        byte[] damaged = Files.readAllBytes(file);
        int first = Arrays.mismatch(original, damaged); // the first byte that changed, or the cut
        int last = original.length - 1;
        if (d.kind() != 0) {
          while (last >= 0 && last < damaged.length && original[last] == damaged[last]) {
            last--;
          }
        }
        Inspection inspection = inspectUnchanged(file);
        LogFiles.Frame bad = first < 0 ? null : LogFiles.frameAt(frames, first);
        boolean markerSurvives = d.kind() != 0 && last < marker.offset() && damaged.length >= original.length;
        if (bad != null && !bad.commit() && markerSurvives) {
          // A forced record is damaged and the marker that shows it was forced is intact: refused, naming it.
          CorruptLogException e = assertThrows(CorruptLogException.class, () -> LogFiles.open(file));
          Damage.Corruption c = assertInstanceOf(Damage.Corruption.class, e.damage());
          assertEquals(bad.offset(), c.offset(), c.describe());
          assertEquals(marker.offset(), c.nextValidOffset(), c.describe());
          assertTrue(c.forced());
          assertEquals(Optional.of(c), inspection.damage());
          return true;
        }
        assertRecovered(d.records(), frames, bad, damaged.length, file, inspection);
        return true;
      } finally {
        Files.delete(file);
      }
    }));
  }
}
