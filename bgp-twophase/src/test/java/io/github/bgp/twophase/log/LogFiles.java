package io.github.bgp.twophase.log;

import static java.nio.file.StandardOpenOption.APPEND;
import static java.nio.file.StandardOpenOption.WRITE;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.bgp.api.NodeId;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.zip.CRC32C;

/** Writing logs and damaging their files, for the log's tests. */
final class LogFiles {

  /** The owner of the logs these tests write. */
  static final LogOwner OWNER = new LogOwner("test", NodeId.of(1), LogOwner.Role.PARTICIPANT, "2pc");

  /** The header of a log of {@link #OWNER}, and its size. */
  static final byte[] HEADER_BYTES = LogFormat.header(OWNER);
  static final int HEADER = HEADER_BYTES.length;
  static final int FRAME = LogFormat.FRAME_OVERHEAD;
  static final int COMMIT = LogFormat.COMMIT_SIZE;

  private LogFiles() {}

  /** Opens {@link #OWNER}'s log in {@code file}. */
  static FileLog open(Path file) {
    return FileLog.open(file, OWNER);
  }

  /** Writes {@code records} to a new log in {@code file}, forcing once, and closes it. */
  static void write(Path file, List<byte[]> records) {
    try (FileLog log = open(file)) {
      for (byte[] r : records) {
        log.append(r);
      }
      log.force();
    }
  }

  /**
   * The byte offset at which each record starts, then the end of the last one, in a log that
   * forced them in one batch (its commit marker follows: see {@link #end}).
   */
  static long[] offsets(List<byte[]> records) {
    long[] offsets = new long[records.size() + 1];
    offsets[0] = HEADER;
    for (int i = 0; i < records.size(); i++) {
      offsets[i + 1] = offsets[i] + FRAME + records.get(i).length;
    }
    return offsets;
  }

  /** The size of a log that forced {@code records} in one batch: the records, then the commit marker. */
  static long end(List<byte[]> records) {
    return offsets(records)[records.size()] + COMMIT;
  }

  /**
   * One frame of a log as {@link FileLog} writes it: a record (its index) or a commit marker
   * ({@code record} -1), from {@code offset} to {@code end}.
   */
  record Frame(long offset, long end, int record) {
    boolean commit() {
      return record < 0;
    }
  }

  /**
   * The frames of a log of {@link #OWNER} that appended {@code records} and forced after each
   * record whose index is in {@code forcedAfter} (a force writes a commit marker; one with
   * nothing appended since the last writes none).
   */
  static List<Frame> frames(List<byte[]> records, List<Integer> forcedAfter) {
    List<Frame> frames = new ArrayList<>();
    long at = HEADER;
    for (int i = 0; i < records.size(); i++) {
      long next = at + FRAME + records.get(i).length;
      frames.add(new Frame(at, next, i));
      at = next;
      if (forcedAfter.contains(i)) {
        frames.add(new Frame(at, at + COMMIT, -1));
        at += COMMIT;
      }
    }
    return frames;
  }

  /** The frame {@code offset} falls in, or null if it is past the last. */
  static Frame frameAt(List<Frame> frames, long offset) {
    for (Frame f : frames) {
      if (offset >= f.offset() && offset < f.end()) {
        return f;
      }
    }
    return null;
  }

  /** The bytes of a commit marker closing the batch from {@code start}, whose bytes {@code batch} are, for tests. */
  static byte[] commit(long start, byte[] batch) {
    CRC32C crc = new CRC32C();
    crc.update(batch);
    byte[] c = new byte[COMMIT];
    LogFormat.commit(start, (int) crc.getValue(), c, 0);
    return c;
  }

  /** The frame of one record, as {@link FileLog#append} writes it. */
  static byte[] frame(byte[] payload) {
    byte[] f = new byte[FRAME + payload.length];
    LogFormat.frame(payload, f, 0);
    return f;
  }

  static byte[] text(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /** {@code n} pseudo-random bytes from {@code seed}. */
  static byte[] random(int n, long seed) {
    byte[] b = new byte[n];
    SplittableRandom r = new SplittableRandom(seed);
    for (int i = 0; i < n; i++) {
      b[i] = (byte) r.nextInt(256);
    }
    return b;
  }

  /** A handful of records of various sizes: empty, one byte, text, and a few hundred bytes. */
  static List<byte[]> someRecords(int n) {
    List<byte[]> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(i % 4 == 0 ? new byte[0] : i % 4 == 1 ? new byte[] {(byte) i} : i % 4 == 2
          ? text("commit tx-" + i) : random(100 + 37 * i, i));
    }
    return out;
  }

  static void truncate(Path file, long size) throws IOException {
    try (FileChannel c = FileChannel.open(file, WRITE)) {
      c.truncate(size);
    }
  }

  static void xor(Path file, long offset, int mask) throws IOException {
    try (FileChannel c = FileChannel.open(file, java.nio.file.StandardOpenOption.READ, WRITE)) {
      ByteBuffer b = ByteBuffer.allocate(1);
      c.read(b, offset);
      b.flip();
      byte flipped = (byte) (b.get(0) ^ mask);
      c.write(ByteBuffer.wrap(new byte[] {flipped}), offset);
    }
  }

  static void overwrite(Path file, long offset, byte[] bytes) throws IOException {
    try (FileChannel c = FileChannel.open(file, WRITE)) {
      ByteBuffer b = ByteBuffer.wrap(bytes);
      while (b.hasRemaining()) {
        c.write(b, offset + b.position());
      }
    }
  }

  static void appendBytes(Path file, byte[] bytes) throws IOException {
    Files.write(file, bytes, APPEND);
  }

  static void assertRecords(List<byte[]> expected, List<byte[]> actual) {
    assertEquals(expected.size(), actual.size(), "how many records");
    for (int i = 0; i < expected.size(); i++) {
      assertArrayEquals(expected.get(i), actual.get(i), "record " + i);
    }
  }
}
