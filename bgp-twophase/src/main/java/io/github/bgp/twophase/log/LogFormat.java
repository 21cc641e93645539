package io.github.bgp.twophase.log;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.zip.CRC32C;

/**
 * The on-disk format of a {@link FileLog} (described in its class Javadoc): framing records and
 * scanning a file back into records, a torn tail or a corruption.
 */
final class LogFormat {

  /** The magic bytes a log starts with: ASCII {@code BGPLOG}. */
  static final byte[] MAGIC = {'B', 'G', 'P', 'L', 'O', 'G'};

  /** The format version this code writes and reads. */
  static final int VERSION = 1;

  /** The file header: the magic, then the version as a big-endian unsigned 16-bit number. */
  static final byte[] HEADER = {'B', 'G', 'P', 'L', 'O', 'G', 0, VERSION};

  static final int HEADER_SIZE = HEADER.length;

  /** The four bytes every record starts with (0xFE never occurs in UTF-8 text). */
  static final int MARKER = 0xFEB64C52;

  /** Marker, length and CRC32C, each 4 bytes. */
  static final int FRAME_OVERHEAD = 12;

  /** The largest record payload, in bytes: 16 MiB. */
  static final int MAX_RECORD_SIZE = 16 * 1024 * 1024;

  private LogFormat() {}

  /** The CRC32C of the 4 big-endian bytes of {@code length} followed by {@code payload}. */
  static int crc(int length, byte[] payload, int offset, int count) {
    CRC32C crc = new CRC32C();
    crc.update(new byte[] {(byte) (length >>> 24), (byte) (length >>> 16), (byte) (length >>> 8), (byte) length});
    crc.update(payload, offset, count);
    return (int) crc.getValue();
  }

  /** Writes the frame of {@code payload} (marker, length, CRC32C, payload) into {@code out} at {@code at}. */
  static void frame(byte[] payload, byte[] out, int at) {
    ByteBuffer b = ByteBuffer.wrap(out, at, FRAME_OVERHEAD + payload.length);
    b.putInt(MARKER).putInt(payload.length).putInt(crc(payload.length, payload, 0, payload.length)).put(payload);
  }

  /**
   * What a file holds: its valid records, where they end, and the damage after them if any.
   *
   * @param entries the valid records, in order, up to the first invalid byte
   * @param validEnd where the last valid record (or the header) ends; 0 if the file has no
   *     complete header (it is empty, or its creation was interrupted)
   * @param size the file's size when it was scanned
   * @param damage what is wrong after {@code validEnd}, if anything
   */
  record Scan(List<Found> entries, long validEnd, long size, Optional<Damage> damage) {}

  /** A valid record at an offset (the payload is not copied: it is the scan's own). */
  record Found(long offset, byte[] payload) {}

  /** Reads a whole file through {@code channel}: the header, then every record up to the first invalid one. */
  static Scan scan(FileChannel channel) throws IOException {
    Reader reader = new Reader(channel, channel.size());
    long size = reader.size;
    List<Found> entries = new ArrayList<>();
    byte[] header = new byte[HEADER_SIZE];
    int got = reader.read(0, header, 0, HEADER_SIZE);
    if (got < HEADER_SIZE) {
      if (got == 0) {
        return new Scan(entries, 0, size, Optional.empty());
      }
      if (isPrefixOfHeaderOrZeros(header, got)) {
        return new Scan(entries, 0, size, Optional.of(new Damage.TornTail(0, size,
            "an incomplete file header (" + got + " of " + HEADER_SIZE + " bytes): its creation was interrupted")));
      }
      return new Scan(entries, 0, size, Optional.of(new Damage.BadHeader(
          "not a bgp log: a " + got + "-byte file that starts with " + hex(header, got))));
    }
    if (size == HEADER_SIZE && allZero(header, got)) {
      return new Scan(entries, 0, size, Optional.of(new Damage.TornTail(0, size,
          "a zero-filled file header: its creation was interrupted")));
    }
    for (int i = 0; i < MAGIC.length; i++) {
      if (header[i] != MAGIC[i]) {
        return new Scan(entries, 0, size, Optional.of(new Damage.BadHeader(
            "not a bgp log: it starts with " + hex(header, got) + ", not the magic " + hex(MAGIC, MAGIC.length)
                + " (BGPLOG)")));
      }
    }
    int version = ((header[6] & 0xFF) << 8) | (header[7] & 0xFF);
    if (version != VERSION) {
      return new Scan(entries, 0, size, Optional.of(new Damage.BadHeader(
          "a bgp log of format version " + version + ", but this library reads version " + VERSION)));
    }
    long at = HEADER_SIZE;
    while (at < size) {
      Probe probe = probe(reader, at);
      if (probe.payload == null) {
        long next = nextValid(reader, at);
        if (next >= 0) {
          return new Scan(entries, at, size, Optional.of(new Damage.Corruption(at, probe.problem, next)));
        }
        String reason = reader.allZero(at, size) ? "zero-filled (" + (size - at) + " bytes of zeros)" : probe.problem;
        return new Scan(entries, at, size, Optional.of(new Damage.TornTail(at, size - at, reason)));
      }
      entries.add(new Found(at, probe.payload));
      at += FRAME_OVERHEAD + probe.payload.length;
    }
    return new Scan(entries, at, size, Optional.empty());
  }

  private static boolean isPrefixOfHeaderOrZeros(byte[] bytes, int count) {
    boolean prefix = true;
    for (int i = 0; i < count; i++) {
      prefix &= bytes[i] == HEADER[i];
    }
    return prefix || allZero(bytes, count);
  }

  private static boolean allZero(byte[] bytes, int count) {
    for (int i = 0; i < count; i++) {
      if (bytes[i] != 0) {
        return false;
      }
    }
    return true;
  }

  /** The record at an offset: its payload if valid, else what is wrong with it. */
  private record Probe(byte[] payload, String problem) {}

  private static Probe probe(Reader reader, long at) throws IOException {
    byte[] head = new byte[FRAME_OVERHEAD];
    int got = reader.read(at, head, 0, FRAME_OVERHEAD);
    if (got < FRAME_OVERHEAD) {
      return new Probe(null, "a record cut short: " + got + " of the " + FRAME_OVERHEAD
          + " bytes of its marker, length and CRC32C");
    }
    ByteBuffer b = ByteBuffer.wrap(head);
    int marker = b.getInt();
    int length = b.getInt();
    int storedCrc = b.getInt();
    if (marker != MARKER) {
      return new Probe(null, "no record marker: found " + hex(head, 4) + " instead of " + String.format("%08x", MARKER));
    }
    if (length < 0 || length > MAX_RECORD_SIZE) {
      return new Probe(null, "a record length of " + Integer.toUnsignedString(length)
          + " bytes, more than the maximum of " + MAX_RECORD_SIZE);
    }
    long available = reader.size - at - FRAME_OVERHEAD;
    if (available < length) {
      return new Probe(null, "a record cut short: its length says " + length + " bytes but only "
          + available + " follow its header");
    }
    byte[] payload = new byte[length];
    reader.read(at + FRAME_OVERHEAD, payload, 0, length);
    int crc = crc(length, payload, 0, length);
    if (crc != storedCrc) {
      return new Probe(null, String.format("a CRC32C mismatch (stored %08x, computed %08x over a length of %d)",
          storedCrc, crc, length));
    }
    return new Probe(payload, "");
  }

  /** The offset of the first valid record that starts after {@code from}, or -1 if none does. */
  private static long nextValid(Reader reader, long from) throws IOException {
    long at = from + 1;
    while (true) {
      long candidate = reader.findMarker(at);
      if (candidate < 0) {
        return -1;
      }
      if (probe(reader, candidate).payload != null) {
        return candidate;
      }
      at = candidate + 1;
    }
  }

  static String hex(byte[] bytes, int count) {
    int shown = Math.min(count, 16);
    String s = HexFormat.ofDelimiter(" ").formatHex(bytes, 0, shown);
    return shown < count ? s + " ..." : s;
  }

  /** Positional reads of a file through a window, so that a scan does not cost a system call per record. */
  static final class Reader {
    private static final int WINDOW = 64 * 1024;

    private final FileChannel channel;
    final long size;
    private final byte[] window = new byte[WINDOW];
    private long windowStart;
    private int windowLength;

    Reader(FileChannel channel, long size) {
      this.channel = channel;
      this.size = size;
    }

    /** Reads up to {@code count} bytes at {@code at} into {@code dst}; fewer only at the end of the file. */
    int read(long at, byte[] dst, int offset, int count) throws IOException {
      int total = 0;
      while (total < count && at + total < size) {
        long position = at + total;
        if (position < windowStart || position >= windowStart + windowLength) {
          if (count - total >= WINDOW) {
            int n = readFully(position, ByteBuffer.wrap(dst, offset + total, (int) Math.min(count - total, size - position)));
            if (n == 0) {
              break;
            }
            total += n;
            continue;
          }
          fill(position);
          if (windowLength == 0) {
            break;
          }
        }
        int from = (int) (position - windowStart);
        int n = Math.min(count - total, windowLength - from);
        System.arraycopy(window, from, dst, offset + total, n);
        total += n;
      }
      return total;
    }

    /** The offset of the first record marker at or after {@code at}, or -1. */
    long findMarker(long at) throws IOException {
      long position = at;
      while (position + 4 <= size) {
        if (position < windowStart || position + 4 > windowStart + windowLength) {
          fill(position);
          if (windowLength < 4) {
            return -1;
          }
        }
        int last = windowLength - 4;
        for (int i = (int) (position - windowStart); i <= last; i++) {
          if (window[i] == (byte) (MARKER >>> 24) && window[i + 1] == (byte) (MARKER >>> 16)
              && window[i + 2] == (byte) (MARKER >>> 8) && window[i + 3] == (byte) MARKER) {
            return windowStart + i;
          }
        }
        position = windowStart + last + 1;
      }
      return -1;
    }

    /** Whether every byte in [from, to) is zero. */
    boolean allZero(long from, long to) throws IOException {
      long position = from;
      while (position < to) {
        if (position < windowStart || position >= windowStart + windowLength) {
          fill(position);
          if (windowLength == 0) {
            return true;
          }
        }
        int end = (int) Math.min(windowLength, to - windowStart);
        for (int i = (int) (position - windowStart); i < end; i++) {
          if (window[i] != 0) {
            return false;
          }
        }
        position = windowStart + end;
      }
      return true;
    }

    private void fill(long position) throws IOException {
      windowStart = position;
      windowLength = 0;
      windowLength = readFully(position, ByteBuffer.wrap(window, 0, (int) Math.min(WINDOW, size - position)));
    }

    private int readFully(long position, ByteBuffer into) throws IOException {
      int total = 0;
      while (into.hasRemaining()) {
        int n = channel.read(into, position + total);
        if (n < 0) {
          break; // the file shrank under us: the bytes past its end are simply not there
        }
        total += n;
      }
      return total;
    }
  }
}
