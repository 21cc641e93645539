package io.github.bgp.twophase.log;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

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
 * refuses, naming the bad record, exactly when the damage is before the last valid record.
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
    return "records of " + sizes + " bytes (at " + Arrays.toString(LogFiles.offsets(records)) + ")";
  }

  /** A fresh file holding {@code records}, {@code forced} of them forced first and the rest by close. */
  private Path written(List<byte[]> records, int forced) {
    Path file = dir.resolve("p" + files++ + ".log");
    try (FileLog log = FileLog.open(file)) {
      for (int i = 0; i < records.size(); i++) {
        if (i == forced) {
          log.force();
        }
        log.append(records.get(i));
      }
    }
    return file;
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
      long[] at = LogFiles.offsets(records);
      int n = records.size();
      return Gen.ints(0, n).flatMap(forced -> Gen.ints((int) at[forced], (int) at[n]).flatMap(cut ->
          Gen.ints(0, 2).flatMap(tail -> Gen.ints(1, 64).zip(Gen.longs(),
              (length, seed) -> new Crash(records, forced, cut, tail, length, seed)))));
    });
    Property.forAll(crashes).tries(150).check(io(c -> {
      long[] at = LogFiles.offsets(c.records());
      Path file = written(c.records(), c.forced());
      try {
        byte[] original = Files.readAllBytes(file);
        LogFiles.truncate(file, c.cut());
        LogFiles.appendBytes(file, c.tailBytes());
        byte[] damaged = Files.readAllBytes(file);
        // The records that survived whole: usually those before the cut, but random bytes after
        // the cut may happen to be the ones the crash lost.
        int same = Arrays.mismatch(original, damaged);
        long intact = same < 0 ? original.length : same;
        int whole = 0;
        while (whole < c.records().size() && at[whole + 1] <= intact) {
          whole++;
        }
        assertTrue(whole >= c.forced());
        List<byte[]> expected = c.records().subList(0, whole);
        long droppedBytes = damaged.length - at[whole];

        Inspection inspection = inspectUnchanged(file);
        LogFiles.assertRecords(expected, payloads(inspection));
        assertTrue(inspection.opens(), () -> inspection.damage().toString());
        try (FileLog log = FileLog.open(file)) {
          LogFiles.assertRecords(expected, log.recovered());
          if (droppedBytes == 0) {
            assertEquals(Optional.empty(), log.droppedTail());
          } else {
            Damage.TornTail dropped = log.droppedTail().orElseThrow();
            assertEquals(at[whole], dropped.offset());
            assertEquals(droppedBytes, dropped.length());
          }
          assertEquals(inspection.tornTail(), log.droppedTail(), "inspect and open agree");
          assertEquals(at[whole], Files.size(file), "truncated to the last whole record");
        }
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
  void aFlippedByteIsATornTailInTheLastRecordAndCorruptionNamingTheRecordAnywhereBefore() {
    Gen<Flip> flips = RECORDS.flatMap(records -> Gen.ints(0, (int) LogFiles.offsets(records)[records.size()] - 1)
        .zip(Gen.ints(1, 255), (at, mask) -> new Flip(records, at, mask)));
    Property.forAll(flips).tries(150).check(io(f -> {
      long[] at = LogFiles.offsets(f.records());
      int n = f.records().size();
      Path file = written(f.records(), n);
      try {
        LogFiles.xor(file, f.at(), f.mask());
        Inspection inspection = inspectUnchanged(file);
        if (f.at() < LogFiles.HEADER) {
          CorruptLogException e = assertThrows(CorruptLogException.class, () -> FileLog.open(file));
          assertInstanceOf(Damage.BadHeader.class, e.damage());
          assertEquals(0, e.offset());
          assertEquals(Optional.of(e.damage()), inspection.damage());
          return true;
        }
        int k = 0;
        while (at[k + 1] <= f.at()) {
          k++;
        }
        LogFiles.assertRecords(f.records().subList(0, k), payloads(inspection));
        if (k == n - 1) {
          try (FileLog log = FileLog.open(file)) {
            LogFiles.assertRecords(f.records().subList(0, k), log.recovered());
            Damage.TornTail tail = log.droppedTail().orElseThrow();
            assertEquals(at[k], tail.offset());
            assertEquals(at[n] - at[k], tail.length());
            assertEquals(inspection.tornTail(), log.droppedTail());
          }
        } else {
          CorruptLogException e = assertThrows(CorruptLogException.class, () -> FileLog.open(file));
          assertEquals(at[k], e.offset());
          assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains("byte offset " + at[k]),
              e.getMessage());
          assertEquals(new Damage.Corruption(at[k], ((Damage.Corruption) e.damage()).reason(), at[k + 1]), e.damage());
          assertEquals(Optional.of(e.damage()), inspection.damage());
        }
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
  void anyDamageYieldsAPrefixOfTheRecordsOrARefusalOnlyWhenAValidRecordFollowsIt() {
    Gen<Damaged> damages = RECORDS.flatMap(records -> {
      int size = (int) LogFiles.offsets(records)[records.size()];
      return Gen.ints(LogFiles.HEADER, size).flatMap(from -> Gen.ints(1, 80).flatMap(length ->
          Gen.ints(0, 2).zip(Gen.longs(), (kind, seed) -> new Damaged(records, from, length, kind, seed))));
    });
    Property.forAll(damages).tries(150).check(io(d -> {
      long[] at = LogFiles.offsets(d.records());
      int n = d.records().size();
      Path file = written(d.records(), n);
      try {
        int intactBefore = 0; // records wholly before the damage
        while (intactBefore < n && at[intactBefore + 1] <= d.from()) {
          intactBefore++;
        }
        if (d.kind() == 0) {
          LogFiles.truncate(file, d.from());
        } else {
          LogFiles.overwrite(file, d.from(), d.kind() == 1 ? new byte[d.length()] : LogFiles.random(d.length(), d.seed()));
        }
        Inspection inspection = inspectUnchanged(file);
        FileLog log;
        try {
          log = FileLog.open(file);
        } catch (CorruptLogException e) {
          // Refused: the bad record is at or after the damage, and an undamaged record follows.
          Damage.Corruption c = assertInstanceOf(Damage.Corruption.class, e.damage());
          assertTrue(c.offset() >= at[intactBefore] && c.offset() < d.from() + d.length(), c.describe());
          boolean boundary = false;
          for (int j = 0; j < n; j++) {
            boundary |= at[j] == c.nextValidOffset() && at[j] > c.offset();
          }
          assertTrue(boundary, "the valid record found after the bad one is one of the records: " + c.describe());
          assertEquals(Optional.of(c), inspection.damage());
          return true;
        }
        try (log) {
          List<byte[]> recovered = log.recovered();
          assertTrue(recovered.size() >= intactBefore, "lost an undamaged record before the damage");
          LogFiles.assertRecords(d.records().subList(0, recovered.size()), recovered);
          assertEquals(at[recovered.size()], Files.size(file));
          assertTrue(inspection.opens());
          LogFiles.assertRecords(recovered, payloads(inspection));
          if (recovered.size() < n && d.kind() != 0 && at[n - 1] >= d.from() + d.length()) {
            fail("damage at " + d.from() + " left record " + recovered.size() + " unreadable, and records after it"
                + " are intact, yet the log opened as torn: " + log.droppedTail());
          }
        }
        return true;
      } finally {
        Files.delete(file);
      }
    }));
  }
}
