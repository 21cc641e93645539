package io.github.bgp.twophase.log;

import io.github.bgp.api.NodeId;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.zip.CRC32C;

/**
 * The on-disk format of a {@link FileLog} (described in its class Javadoc): the header that
 * names the log's owner, framing records and commit markers, and scanning a file back into
 * records, a torn tail or a corruption.
 */
final class LogFormat {

  /** The magic bytes a log starts with: ASCII {@code BGPLOG}. */
  static final byte[] MAGIC = {'B', 'G', 'P', 'L', 'O', 'G'};

  /** The format version this code writes: a header naming the owner, commit markers after every forced batch. */
  static final int VERSION = 2;

  /** The first format: a header of magic and version only, no commit markers. Read, never written. */
  static final int VERSION_1 = 1;

  /** The magic and the version, as a big-endian unsigned 16-bit number: how every version's header starts. */
  static final int PREFIX_SIZE = 8;

  /** Version 2's header around the owner: the prefix, the owner's length (2 bytes) and the CRC32C (4). */
  static final int HEADER_OVERHEAD = PREFIX_SIZE + 2 + 4;

  /** The owner's fixed part: role (1 byte), node (4), and the two names' lengths (1 each). */
  private static final int OWNER_FIXED = 7;

  /** The longest owner: two names of 255 bytes. */
  static final int MAX_OWNER_SIZE = OWNER_FIXED + 2 * LogOwner.MAX_NAME_BYTES;

  /** The largest version-2 header. */
  static final int MAX_HEADER_SIZE = HEADER_OVERHEAD + MAX_OWNER_SIZE;

  /** The four bytes every record starts with (0xFE never occurs in UTF-8 text). */
  static final int MARKER = 0xFEB64C52;

  /** The four bytes every commit marker starts with ({@code FE B6}, then ASCII {@code CM}). */
  static final int COMMIT = 0xFEB6434D;

  /** Marker, length and CRC32C, each 4 bytes. */
  static final int FRAME_OVERHEAD = 12;

  /** A commit marker: the marker, the batch's start (8 bytes), the batch's CRC32C and the marker's own (4 each). */
  static final int COMMIT_SIZE = 20;

  /** The largest record payload, in bytes: 16 MiB. */
  static final int MAX_RECORD_SIZE = 16 * 1024 * 1024;

  private static final byte ROLE_COORDINATOR = 1;
  private static final byte ROLE_PARTICIPANT = 2;
  private static final byte ROLE_ACCEPTOR = 3;

  private LogFormat() {}

  /** The version-2 header of a log {@code owner} owns. */
  static byte[] header(LogOwner owner) {
    byte[] cluster = owner.cluster().getBytes(StandardCharsets.UTF_8);
    byte[] protocol = owner.protocol().getBytes(StandardCharsets.UTF_8);
    int ownerSize = OWNER_FIXED + cluster.length + protocol.length;
    ByteBuffer b = ByteBuffer.allocate(HEADER_OVERHEAD + ownerSize);
    b.put(MAGIC).putShort((short) VERSION).putShort((short) ownerSize)
        .put(switch (owner.role()) {
          case COORDINATOR -> ROLE_COORDINATOR;
          case PARTICIPANT -> ROLE_PARTICIPANT;
          case ACCEPTOR -> ROLE_ACCEPTOR;
        })
        .putInt(owner.node().index())
        .put((byte) cluster.length).put(cluster)
        .put((byte) protocol.length).put(protocol);
    CRC32C crc = new CRC32C();
    crc.update(b.array(), MAGIC.length, b.position() - MAGIC.length);
    b.putInt((int) crc.getValue());
    return b.array();
  }

  /**
   * Reads an owner (role, node, cluster, protocol) from {@code bytes}.
   *
   * @throws IllegalArgumentException naming what is malformed
   */
  static LogOwner owner(byte[] bytes, int offset, int length) {
    ByteBuffer b = ByteBuffer.wrap(bytes, offset, length);
    if (length < OWNER_FIXED) {
      throw new IllegalArgumentException("an owner of " + length + " bytes, fewer than " + OWNER_FIXED);
    }
    byte role = b.get();
    LogOwner.Role r = switch (role) {
      case ROLE_COORDINATOR -> LogOwner.Role.COORDINATOR;
      case ROLE_PARTICIPANT -> LogOwner.Role.PARTICIPANT;
      case ROLE_ACCEPTOR -> LogOwner.Role.ACCEPTOR;
      default -> throw new IllegalArgumentException("an unknown role " + role);
    };
    int node = b.getInt();
    if (node < 0) {
      throw new IllegalArgumentException("a negative node id " + node);
    }
    String cluster = name(b, "cluster");
    String protocol = name(b, "protocol");
    if (b.hasRemaining()) {
      throw new IllegalArgumentException(b.remaining() + " bytes after the owner's protocol name");
    }
    return new LogOwner(cluster, NodeId.of(node), r, protocol);
  }

  private static String name(ByteBuffer b, String what) {
    if (!b.hasRemaining()) {
      throw new IllegalArgumentException("no length for the " + what + " name");
    }
    int length = b.get() & 0xFF;
    if (b.remaining() < length) {
      throw new IllegalArgumentException("a " + what + " name of " + length + " bytes with only " + b.remaining()
          + " left");
    }
    ByteBuffer name = b.slice(b.position(), length);
    b.position(b.position() + length);
    try {
      return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(name).toString();
    } catch (CharacterCodingException e) {
      throw new IllegalArgumentException("a " + what + " name that is not UTF-8");
    }
  }

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
   * Writes a commit marker into {@code out} at {@code at}: it closes the batch of frames that
   * starts at byte offset {@code start} and ends where the marker starts, whose bytes have the
   * CRC32C {@code batchCrc}.
   */
  static void commit(long start, int batchCrc, byte[] out, int at) {
    ByteBuffer b = ByteBuffer.wrap(out, at, COMMIT_SIZE);
    b.putInt(COMMIT).putLong(start).putInt(batchCrc).putInt(commitCrc(start, batchCrc));
  }

  private static int commitCrc(long start, int batchCrc) {
    CRC32C crc = new CRC32C();
    crc.update(ByteBuffer.allocate(12).putLong(start).putInt(batchCrc).flip());
    return (int) crc.getValue();
  }

  /**
   * What a file holds: its header, its valid records, where they end, and the damage after them if any.
   *
   * @param version the format version (0 if the file has no complete header)
   * @param owner the owner the header names (version 2), if any
   * @param headerEnd where the header ends and the first record starts (0 without a header)
   * @param entries the valid records, in order, up to the first invalid byte
   * @param forced how many of {@code entries} a commit marker follows: they were forced (in a
   *     version-1 log, which has no markers, all of them)
   * @param batchStart where the records no commit marker follows start (the end of the last
   *     marker, or of the header); {@code validEnd} if there are none
   * @param batchCrc the CRC32C of the bytes from {@code batchStart} to {@code validEnd}
   * @param commits how many commit markers the file holds before {@code validEnd}
   * @param validEnd where the last valid record or commit marker (or the header) ends; 0 if the
   *     file has no complete header (it is empty, or its creation was interrupted)
   * @param size the file's size when it was scanned
   * @param damage what is wrong after {@code validEnd}, if anything
   */
  record Scan(int version, Optional<LogOwner> owner, long headerEnd, List<Found> entries, int forced, long batchStart,
      int batchCrc, int commits, long validEnd, long size, Optional<Damage> damage) {

    static Scan headerless(long size, Damage damage) {
      return new Scan(0, Optional.empty(), 0, List.of(), 0, 0, 0, 0, 0, size, Optional.ofNullable(damage));
    }
  }

  /** A valid record at an offset (the payload is not copied: it is the scan's own). */
  record Found(long offset, byte[] payload) {}

  /** Reads a whole file through {@code channel}: the header, then every record up to the first invalid one. */
  static Scan scan(FileChannel channel) throws IOException {
    Reader reader = new Reader(channel, channel.size());
    long size = reader.size;
    byte[] prefix = new byte[PREFIX_SIZE];
    int got = reader.read(0, prefix, 0, PREFIX_SIZE);
    if (got == 0) {
      return Scan.headerless(size, null);
    }
    if (size <= MAX_HEADER_SIZE && reader.allZero(0, size)) {
      return Scan.headerless(size, new Damage.TornTail(0, size,
          "a zero-filled file header (" + size + " bytes): its creation was interrupted"));
    }
    if (got < PREFIX_SIZE) {
      if (isPrefixOfAHeader(prefix, got)) {
        return Scan.headerless(size, interrupted(size));
      }
      return Scan.headerless(size, new Damage.BadHeader(
          "not a bgp log: a " + got + "-byte file that starts with " + hex(prefix, got)));
    }
    for (int i = 0; i < MAGIC.length; i++) {
      if (prefix[i] != MAGIC[i]) {
        return Scan.headerless(size, new Damage.BadHeader(
            "not a bgp log: it starts with " + hex(prefix, got) + ", not the magic " + hex(MAGIC, MAGIC.length)
                + " (BGPLOG)"));
      }
    }
    int version = ((prefix[6] & 0xFF) << 8) | (prefix[7] & 0xFF);
    if (version == VERSION_1) {
      return scanVersion1(reader);
    }
    if (version != VERSION) {
      return Scan.headerless(size, new Damage.BadHeader(
          "a bgp log of format version " + version + ", but this library reads versions 1 and 2"));
    }
    byte[] length = new byte[2];
    if (reader.read(PREFIX_SIZE, length, 0, 2) < 2) {
      return Scan.headerless(size, interrupted(size));
    }
    int ownerSize = ((length[0] & 0xFF) << 8) | (length[1] & 0xFF);
    if (ownerSize > MAX_OWNER_SIZE) {
      return Scan.headerless(size, new Damage.BadHeader("a damaged file header: it claims an owner of " + ownerSize
          + " bytes, more than the " + MAX_OWNER_SIZE + " an owner takes"));
    }
    int headerSize = HEADER_OVERHEAD + ownerSize;
    byte[] header = new byte[headerSize];
    if (reader.read(0, header, 0, headerSize) < headerSize) {
      // No header holds a record's or a commit's marker (0xFE is not UTF-8, node ids are not
      // negative, and a partial CRC is too short): if one follows, the length is damaged, and the
      // file holds records after a header that is complete.
      if (reader.find(MARKER, PREFIX_SIZE) >= 0 || reader.find(COMMIT, PREFIX_SIZE) >= 0) {
        return Scan.headerless(size, new Damage.BadHeader("a damaged file header: it claims an owner of " + ownerSize
            + " bytes, more than the file holds before its records"));
      }
      return Scan.headerless(size, interrupted(size));
    }
    CRC32C crc = new CRC32C();
    crc.update(header, MAGIC.length, headerSize - 4 - MAGIC.length);
    int stored = ByteBuffer.wrap(header, headerSize - 4, 4).getInt();
    if ((int) crc.getValue() != stored) {
      return Scan.headerless(size, new Damage.BadHeader(String.format("a damaged file header: its CRC32C does not"
          + " check (stored %08x, computed %08x)", stored, (int) crc.getValue())));
    }
    LogOwner owner;
    try {
      owner = owner(header, PREFIX_SIZE + 2, ownerSize);
    } catch (IllegalArgumentException e) {
      return Scan.headerless(size, new Damage.BadHeader("a damaged file header: " + e.getMessage()));
    }
    return scanVersion2(reader, owner, headerSize);
  }

  private static Damage.TornTail interrupted(long size) {
    return new Damage.TornTail(0, size, "an incomplete file header (" + size + " bytes): its creation was"
        + " interrupted");
  }

  /** Whether {@code count} bytes are the start of a version 1 or 2 header. */
  private static boolean isPrefixOfAHeader(byte[] bytes, int count) {
    byte[] v1 = {'B', 'G', 'P', 'L', 'O', 'G', 0, VERSION_1};
    byte[] v2 = {'B', 'G', 'P', 'L', 'O', 'G', 0, VERSION};
    boolean one = true;
    boolean two = true;
    for (int i = 0; i < count; i++) {
      one &= bytes[i] == v1[i];
      two &= bytes[i] == v2[i];
    }
    return one || two;
  }

  /** Version 1: records only; a bad record followed by a valid one is corruption, one followed by none a torn tail. */
  private static Scan scanVersion1(Reader reader) throws IOException {
    long size = reader.size;
    List<Found> entries = new ArrayList<>();
    long at = PREFIX_SIZE;
    Damage damage = null;
    while (at < size) {
      Probe probe = probe(reader, at, false);
      if (probe.payload == null) {
        long next = nextValid(reader, at, MARKER);
        if (next >= 0) {
          damage = new Damage.Corruption(at, probe.problem, next, false);
        } else {
          String reason = reader.allZero(at, size) ? "zero-filled (" + (size - at) + " bytes of zeros)" : probe.problem;
          damage = new Damage.TornTail(at, size - at, reason);
        }
        break;
      }
      entries.add(new Found(at, probe.payload));
      at += FRAME_OVERHEAD + probe.payload.length;
    }
    return new Scan(VERSION_1, Optional.empty(), PREFIX_SIZE, entries, entries.size(), at, 0, 0, at, size,
        Optional.ofNullable(damage));
  }

  /**
   * Version 2: records and commit markers. A bad frame followed by a valid commit marker is
   * corruption of what was forced; one followed by none is a torn tail (whatever follows it was
   * never forced), even if valid records follow it.
   */
  private static Scan scanVersion2(Reader reader, LogOwner owner, int headerSize) throws IOException {
    long size = reader.size;
    List<Found> entries = new ArrayList<>();
    long at = headerSize;
    long batchStart = at;
    CRC32C batch = new CRC32C();
    int forced = 0;
    int commits = 0;
    Damage damage = null;
    while (at < size) {
      Probe probe = probe(reader, at, true);
      if (probe.payload != null) {
        entries.add(new Found(at, probe.payload));
        batch.update(probe.frameHead);
        batch.update(probe.payload);
        at += FRAME_OVERHEAD + probe.payload.length;
        continue;
      }
      if (probe.commitStart >= 0) {
        if (probe.commitStart != batchStart || probe.batchCrc != (int) batch.getValue()) {
          String why = probe.commitStart != batchStart
              ? "the commit marker at byte offset " + at + " closes a batch that starts at byte offset "
                  + probe.commitStart + ", but the batch starts at byte offset " + batchStart
              : "the bytes from byte offset " + batchStart + " to " + at + " are not those the commit marker at byte"
                  + " offset " + at + " was written after (their CRC32C differs): records were removed, added or"
                  + " replaced";
          damage = new Damage.Corruption(batchStart, why, at, true);
          break;
        }
        at += COMMIT_SIZE;
        batchStart = at;
        batch.reset();
        forced = entries.size();
        commits++;
        continue;
      }
      long next = nextValid(reader, at, COMMIT);
      if (next >= 0) {
        damage = new Damage.Corruption(at, probe.problem, next, true);
      } else {
        String reason = reader.allZero(at, size) ? "zero-filled (" + (size - at) + " bytes of zeros)" : probe.problem;
        damage = new Damage.TornTail(at, size - at, reason);
      }
      break;
    }
    return new Scan(VERSION, Optional.of(owner), headerSize, entries, forced, batchStart, (int) batch.getValue(),
        commits, at, size, Optional.ofNullable(damage));
  }

  /**
   * The frame at an offset: a valid record's payload (and its 12 header bytes), a valid commit
   * marker's fields (commitStart at least 0), or else what is wrong with it.
   */
  private record Probe(byte[] payload, byte[] frameHead, long commitStart, int batchCrc, String problem) {
    static Probe bad(String problem) {
      return new Probe(null, null, -1, 0, problem);
    }
  }

  private static Probe probe(Reader reader, long at, boolean commits) throws IOException {
    byte[] head = new byte[FRAME_OVERHEAD];
    int got = reader.read(at, head, 0, FRAME_OVERHEAD);
    int marker = got >= 4 ? ByteBuffer.wrap(head).getInt() : 0;
    if (commits && marker == COMMIT) {
      byte[] c = new byte[COMMIT_SIZE];
      int n = reader.read(at, c, 0, COMMIT_SIZE);
      if (n < COMMIT_SIZE) {
        return Probe.bad("a commit marker cut short: " + n + " of its " + COMMIT_SIZE + " bytes");
      }
      ByteBuffer b = ByteBuffer.wrap(c, 4, COMMIT_SIZE - 4);
      long start = b.getLong();
      int batchCrc = b.getInt();
      int stored = b.getInt();
      int computed = commitCrc(start, batchCrc);
      if (stored != computed) {
        return Probe.bad(String.format("a commit marker whose CRC32C does not check (stored %08x, computed %08x)",
            stored, computed));
      }
      if (start < 0 || start > at) {
        return Probe.bad("a commit marker that names byte offset " + start + " as its batch's start");
      }
      return new Probe(null, null, start, batchCrc, "");
    }
    if (got < FRAME_OVERHEAD) {
      return Probe.bad("a record cut short: " + got + " of the " + FRAME_OVERHEAD
          + " bytes of its marker, length and CRC32C");
    }
    ByteBuffer b = ByteBuffer.wrap(head);
    b.getInt();
    int length = b.getInt();
    int storedCrc = b.getInt();
    if (marker != MARKER) {
      return Probe.bad("no record marker: found " + hex(head, 4) + " instead of " + String.format("%08x", MARKER)
          + (commits ? " or a commit marker's " + String.format("%08x", COMMIT) : ""));
    }
    if (length < 0 || length > MAX_RECORD_SIZE) {
      return Probe.bad("a record length of " + Integer.toUnsignedString(length)
          + " bytes, more than the maximum of " + MAX_RECORD_SIZE);
    }
    long available = reader.size - at - FRAME_OVERHEAD;
    if (available < length) {
      return Probe.bad("a record cut short: its length says " + length + " bytes but only "
          + available + " follow its header");
    }
    byte[] payload = new byte[length];
    reader.read(at + FRAME_OVERHEAD, payload, 0, length);
    int crc = crc(length, payload, 0, length);
    if (crc != storedCrc) {
      return Probe.bad(String.format("a CRC32C mismatch (stored %08x, computed %08x over a length of %d)",
          storedCrc, crc, length));
    }
    return new Probe(payload, head, -1, 0, "");
  }

  /**
   * The offset of the first valid frame starting with {@code marker} (a record's or a commit
   * marker's) that starts after {@code from}, or -1 if none does.
   */
  private static long nextValid(Reader reader, long from, int marker) throws IOException {
    long at = from + 1;
    while (true) {
      long candidate = reader.find(marker, at);
      if (candidate < 0) {
        return -1;
      }
      Probe p = probe(reader, candidate, marker == COMMIT);
      if (marker == COMMIT ? p.commitStart >= 0 : p.payload != null) {
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

    /** The offset of the first occurrence of the 4 bytes of {@code marker} at or after {@code at}, or -1. */
    long find(int marker, long at) throws IOException {
      byte b0 = (byte) (marker >>> 24);
      byte b1 = (byte) (marker >>> 16);
      byte b2 = (byte) (marker >>> 8);
      byte b3 = (byte) marker;
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
          if (window[i] == b0 && window[i + 1] == b1 && window[i + 2] == b2 && window[i + 3] == b3) {
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
