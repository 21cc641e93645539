package io.github.bgp.twophase.log;

import static java.nio.file.StandardOpenOption.APPEND;
import static java.nio.file.StandardOpenOption.WRITE;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Writing logs and damaging their files, for the log's tests. */
final class LogFiles {

  static final int HEADER = LogFormat.HEADER_SIZE;
  static final int FRAME = LogFormat.FRAME_OVERHEAD;

  private LogFiles() {}

  /** Writes {@code records} to a new log in {@code file}, forcing once, and closes it. */
  static void write(Path file, List<byte[]> records) {
    try (FileLog log = FileLog.open(file)) {
      for (byte[] r : records) {
        log.append(r);
      }
      log.force();
    }
  }

  /** The byte offset at which each record starts, then the end of the last one. */
  static long[] offsets(List<byte[]> records) {
    long[] offsets = new long[records.size() + 1];
    offsets[0] = HEADER;
    for (int i = 0; i < records.size(); i++) {
      offsets[i + 1] = offsets[i] + FRAME + records.get(i).length;
    }
    return offsets;
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
