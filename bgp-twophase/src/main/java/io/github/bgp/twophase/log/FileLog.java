package io.github.bgp.twophase.log;

import static java.nio.file.StandardOpenOption.READ;
import static java.nio.file.StandardOpenOption.WRITE;

import io.github.bgp.runtime.DurableLog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@link DurableLog} in one file, with group commit: {@link #append} only frames a record in
 * memory, and {@link #force} writes every record appended since the last force and makes them
 * durable with a single {@link FileChannel#force(boolean) fsync}.
 *
 * <h2>Format</h2>
 *
 * <p>A log file is a header followed by records. All numbers are big-endian.
 *
 * <pre>
 * file    = header record*
 * header  = magic version                      8 bytes
 *   magic   = 42 47 50 4C 4F 47                ASCII "BGPLOG"
 *   version = 00 01                            unsigned 16-bit: format version 1
 * record  = marker length crc payload          12 + length bytes
 *   marker  = FE B6 4C 52                      starts every record
 *   length  = 4 bytes                          signed 32-bit, 0 to 16,777,216 (16 MiB)
 *   crc     = 4 bytes                          CRC32C (Castagnoli) of the 4 length bytes
 *                                              followed by the payload
 *   payload = length bytes                     the record, as appended
 * </pre>
 *
 * <p>So the empty log is the 8 bytes {@code 42 47 50 4C 4F 47 00 01}, and a log holding the
 * one-byte record {@code 2A} is those 8 bytes followed by {@code FE B6 4C 52 00 00 00 01},
 * the four CRC bytes and {@code 2A}. The CRC covers the length, so a torn or flipped length is
 * caught; the marker lets {@link #open} look for valid records after a bad one.
 *
 * <h2>Recovery</h2>
 *
 * <p>{@link #open} reads and checks every record. A record is valid if it starts with the
 * marker, its length is at most {@link #MAX_RECORD_SIZE}, the file holds all of its payload, and
 * its CRC checks. The records before the first invalid one are {@link #recovered()}. What
 * follows depends on whether a valid record starts anywhere after the invalid one (found by
 * scanning forward for a marker that starts a valid record):
 *
 * <ul>
 *   <li>if none does, the invalid bytes are a <em>torn tail</em>: what a crash in the middle of
 *       writing appended records leaves (a record cut short, a zero-filled or garbage tail, a
 *       last record whose CRC fails). The file is truncated to the end of the last valid record
 *       (and the truncation forced), and the drop is reported by {@link #droppedTail()};
 *   <li>if one does, the log is corrupt before its tail, which no crash during an append
 *       causes: {@link #open} throws a {@link CorruptLogException} naming the file and the byte
 *       offset of the bad record, rather than skip a record that may have been durable.
 * </ul>
 *
 * <p>A file that does not start with the header (not a bgp log, or another format version) is
 * refused the same way. A file no longer than the header that holds a prefix of it, or only
 * zeros, is a log whose creation was interrupted: it is initialized afresh (an empty file is
 * simply a new log). Records are durable once
 * {@link #force} returns, so a reopened log holds every forced record, possibly some appended
 * but not forced, and never part of one.
 *
 * <h2>Locking</h2>
 *
 * <p>An open log holds an exclusive {@link FileChannel#tryLock() lock} on its file: a second
 * open, from another process or from this one, fails with an {@link IllegalStateException}.
 * The lock is an OS lock, which POSIX systems drop when the process closes <em>any</em>
 * descriptor of the file: do not open the file of an open log by other means in the same JVM
 * ({@link #inspect} knows to read an open log through the log's own channel).
 *
 * <p>A {@code FileLog}'s methods are thread-safe. As with any {@link FileChannel}, interrupting
 * a thread in the middle of a write or force closes the channel; the log then fails (see
 * {@link #force}) and must be reopened.
 *
 * @since 0.1.0
 */
public final class FileLog implements DurableLog {

  /** The largest record {@link #append} accepts, in bytes: 16 MiB. */
  public static final int MAX_RECORD_SIZE = LogFormat.MAX_RECORD_SIZE;

  /** How many framed bytes {@link #append} buffers before it writes them (without forcing). */
  static final int SPILL_THRESHOLD = 1024 * 1024;

  private static final int INITIAL_BUFFER = 8 * 1024;

  private static final boolean WINDOWS =
      System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");

  private final Path file;
  private final Object key;
  private final FileChannel channel;
  /** Held for as long as the channel is open: closing the channel releases it. */
  private final FileLock lock;
  private final List<byte[]> recovered;
  private final Optional<Damage.TornTail> droppedTail;

  private byte[] buffer = new byte[INITIAL_BUFFER];
  private int buffered;
  /** Where the next write goes: the end of everything written. */
  private long end;
  /** Whether records were appended since the last force. */
  private boolean unforced;
  private long forces;
  private boolean closed;
  private IOException failure;

  private FileLog(Path file, Object key, FileChannel channel, FileLock lock, List<byte[]> recovered,
      Optional<Damage.TornTail> droppedTail, long end) {
    this.file = file;
    this.key = key;
    this.channel = channel;
    this.lock = lock;
    this.recovered = recovered;
    this.droppedTail = droppedTail;
    this.end = end;
  }

  /**
   * Opens the log in {@code file}, creating it (with its header) if it does not exist, and
   * recovers its records: see the class documentation. A torn tail is truncated away and
   * reported by {@link #droppedTail()}.
   *
   * @param file the log's file
   * @return the open log
   * @throws IllegalStateException if another process, or this one, has the log open
   * @throws CorruptLogException (an {@code IllegalStateException}) if the file is corrupt before
   *     its tail or is not a bgp log of this version; the message names the file and the offset
   * @throws UncheckedIOException if the file cannot be created, read or truncated (for example,
   *     its directory does not exist)
   */
  public static FileLog open(Path file) {
    Path path = Objects.requireNonNull(file, "file").toAbsolutePath().normalize();
    try {
      OpenFiles.createIfAbsent(path);
      Object key = OpenFiles.identity(path);
      if (!OpenFiles.reserve(key)) {
        throw new IllegalStateException(openHere(path));
      }
      return openReserved(path, key);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open log " + path + ": " + e, e);
    }
  }

  private static String openHere(Path path) {
    return "cannot open log " + path + ": this process already has it open (close that FileLog first)";
  }

  private static FileLog openReserved(Path path, Object key) throws IOException {
    FileChannel channel = null;
    try {
      channel = FileChannel.open(path, READ, WRITE);
      FileLock lock;
      try {
        lock = channel.tryLock();
      } catch (OverlappingFileLockException e) {
        throw new IllegalStateException(openHere(path), e);
      }
      if (lock == null) {
        throw new IllegalStateException("cannot open log " + path
            + ": another process has it open (it holds the file's lock)");
      }
      OpenFiles.attach(key, channel);
      return recover(path, key, channel, lock);
    } catch (Throwable t) {
      if (channel != null) {
        OpenFiles.detach(key);
        try {
          channel.close();
        } catch (IOException e) {
          t.addSuppressed(e);
        }
      }
      OpenFiles.release(key);
      throw t;
    }
  }

  private static FileLog recover(Path path, Object key, FileChannel channel, FileLock lock) throws IOException {
    LogFormat.Scan scan = LogFormat.scan(channel);
    Optional<Damage.TornTail> dropped = Optional.empty();
    if (scan.damage().isPresent()) {
      Damage damage = scan.damage().get();
      if (!(damage instanceof Damage.TornTail)) {
        throw new CorruptLogException(path, damage);
      }
      dropped = Optional.of((Damage.TornTail) damage);
    }
    long end = scan.validEnd();
    if (end == 0) {
      // A new file, or one whose creation was interrupted before its header was durable.
      channel.truncate(0);
      ByteBuffer header = ByteBuffer.wrap(LogFormat.HEADER);
      while (header.hasRemaining()) {
        channel.write(header, header.position());
      }
      channel.force(true);
      forceDirectory(path.getParent());
      end = LogFormat.HEADER_SIZE;
    } else {
      if (dropped.isPresent()) {
        channel.truncate(end);
      }
      // What a killed process wrote but did not force may still be only in the page cache: make
      // it durable before anyone acts on it, or a power cut after recovery could take back a
      // record (a decision) the node has already acted on.
      channel.force(true);
    }
    List<byte[]> records = new ArrayList<>(scan.entries().size());
    for (LogFormat.Found found : scan.entries()) {
      records.add(found.payload());
    }
    return new FileLog(path, key, channel, lock, Collections.unmodifiableList(records), dropped, end);
  }

  /** Makes a new directory entry durable. Windows cannot open a directory as a channel (NTFS journals it). */
  private static void forceDirectory(Path directory) throws IOException {
    if (WINDOWS || directory == null) {
      return;
    }
    try (FileChannel d = FileChannel.open(directory, READ)) {
      d.force(true);
    }
  }

  /**
   * Reads the log in {@code file} without opening it: no lock, no truncation, no change to the
   * file, so it works on a log another process has open (which may show a torn tail: the batch
   * being written) and on a damaged log, whose damage it returns as data. A log this JVM has open
   * is read through that log's channel (see the class documentation); do not interrupt the
   * inspecting thread then, or the log's channel closes.
   *
   * @param file the log's file
   * @return what the file holds
   * @throws UncheckedIOException if the file does not exist or cannot be read
   */
  public static Inspection inspect(Path file) {
    Path path = Objects.requireNonNull(file, "file").toAbsolutePath().normalize();
    try {
      Object key = OpenFiles.identity(path);
      FileChannel shared = OpenFiles.beginRead(key);
      try {
        if (shared != null) {
          return inspection(path, LogFormat.scan(shared));
        }
        try (FileChannel own = FileChannel.open(path, READ)) {
          return inspection(path, LogFormat.scan(own));
        }
      } finally {
        OpenFiles.endRead(key);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot inspect log " + path + ": " + e, e);
    }
  }

  private static Inspection inspection(Path path, LogFormat.Scan scan) {
    List<Inspection.Entry> entries = new ArrayList<>(scan.entries().size());
    for (LogFormat.Found found : scan.entries()) {
      entries.add(new Inspection.Entry(found.offset(), found.payload()));
    }
    return new Inspection(path, scan.size(), entries, scan.damage());
  }

  /**
   * The log's file (absolute).
   *
   * @return the path
   */
  public Path file() {
    return file;
  }

  /**
   * The records the log held when it was opened, in order: an unmodifiable list of copies.
   * Still available after {@link #close}.
   *
   * @return the recovered records
   */
  @Override
  public synchronized List<byte[]> recovered() {
    List<byte[]> copies = new ArrayList<>(recovered.size());
    for (byte[] r : recovered) {
      copies.add(r.clone());
    }
    return Collections.unmodifiableList(copies);
  }

  /**
   * The torn tail {@link #open} truncated away, if there was one: where it started (the end of
   * the last valid record) and how many bytes it held.
   *
   * @return the dropped tail, or empty if the log ended cleanly
   */
  public Optional<Damage.TornTail> droppedTail() {
    return droppedTail;
  }

  /**
   * Appends a copy of {@code record}, not yet durable: it is framed in memory, and written and
   * made durable by the next {@link #force}. (Once more than 1 MiB is buffered it is written,
   * though not forced, so that memory stays bounded between forces.)
   *
   * @throws IllegalArgumentException if the record is larger than {@link #MAX_RECORD_SIZE}
   * @throws IllegalStateException if the log is closed or has failed
   * @throws UncheckedIOException if writing buffered records fails (the log then fails)
   */
  @Override
  public synchronized void append(byte[] record) {
    Objects.requireNonNull(record, "record");
    ensureUsable();
    if (record.length > MAX_RECORD_SIZE) {
      throw new IllegalArgumentException("a record of " + record.length + " bytes is larger than the maximum of "
          + MAX_RECORD_SIZE + " bytes (16 MiB)");
    }
    int frame = LogFormat.FRAME_OVERHEAD + record.length;
    if (buffered + frame > buffer.length) {
      byte[] bigger = new byte[Math.max(buffered + frame, buffer.length * 2)];
      System.arraycopy(buffer, 0, bigger, 0, buffered);
      buffer = bigger;
    }
    LogFormat.frame(record, buffer, buffered);
    buffered += frame;
    unforced = true;
    if (buffered >= SPILL_THRESHOLD) {
      try {
        write();
      } catch (IOException e) {
        throw fail("write to", e);
      }
    }
  }

  /**
   * Writes every record appended since the last force and forces them (and the file's size) to
   * the storage device: one fsync for all of them. Does nothing, and does not count, if nothing
   * was appended since the last force.
   *
   * @throws IllegalStateException if the log is closed or has failed
   * @throws UncheckedIOException if the write or the fsync fails. The log then fails: whether the
   *     records reached the disk is unknown (a failed fsync may have dropped them), so it refuses
   *     further use; reopen it to learn what is durable
   */
  @Override
  public synchronized void force() {
    ensureUsable();
    if (!unforced) {
      return;
    }
    try {
      write();
      channel.force(true);
    } catch (IOException e) {
      throw fail("force", e);
    }
    unforced = false;
    forces++;
  }

  /** How many times {@link #force} (or {@link #close}) forced records to the storage. */
  @Override
  public synchronized long forces() {
    return forces;
  }

  /**
   * Forces what is appended, then closes the file and releases its lock. Closing a closed log
   * does nothing; closing a failed log only releases it.
   *
   * @throws UncheckedIOException if the final force fails (the file and lock are released anyway)
   */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    IOException error = null;
    try {
      if (failure == null && unforced) {
        write();
        channel.force(true);
        unforced = false;
        forces++;
      }
    } catch (IOException e) {
      failure = e;
      error = e;
    } finally {
      OpenFiles.detach(key);
      try {
        channel.close(); // releases the lock
      } catch (IOException e) {
        if (error == null) {
          error = e;
        } else {
          error.addSuppressed(e);
        }
      } finally {
        OpenFiles.release(key);
      }
    }
    if (error != null) {
      throw new UncheckedIOException("cannot close log " + file + ": " + error, error);
    }
  }

  private void write() throws IOException {
    ByteBuffer b = ByteBuffer.wrap(buffer, 0, buffered);
    long at = end;
    while (b.hasRemaining()) {
      at += channel.write(b, at);
    }
    end = at;
    buffered = 0;
    if (buffer.length > 4 * SPILL_THRESHOLD) {
      buffer = new byte[INITIAL_BUFFER]; // do not keep a large record's buffer
    }
  }

  private UncheckedIOException fail(String what, IOException e) {
    failure = e;
    return new UncheckedIOException("cannot " + what + " log " + file + " (the log has failed; reopen it): " + e, e);
  }

  private void ensureUsable() {
    if (closed) {
      throw new IllegalStateException("log " + file + " is closed");
    }
    if (failure != null) {
      throw new IllegalStateException("log " + file + " has failed (" + failure + "); reopen it", failure);
    }
  }

  @Override
  public synchronized String toString() {
    return "FileLog[" + file + ", " + (end + buffered) + " bytes, " + forces + " forces" + (closed ? ", closed" : "") + "]";
  }
}
