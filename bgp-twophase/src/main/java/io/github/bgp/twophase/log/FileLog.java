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
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.zip.CRC32C;

/**
 * A {@link DurableLog} in one file, with group commit: {@link #append} only frames a record in
 * memory, and {@link #force} writes every record appended since the last force and makes them
 * durable with a single {@link FileChannel#force(boolean) fsync}.
 *
 * <h2>Format</h2>
 *
 * <p>A log file is a header naming the log's owner, followed by records, each batch of records
 * that {@link #force} made durable closed by a commit marker. All numbers are big-endian.
 *
 * <pre>
 * file     = header (record* commit)* record*
 * header   = magic version length owner crc     14 + length bytes
 *   magic    = 42 47 50 4C 4F 47               ASCII "BGPLOG"
 *   version  = 00 02                           unsigned 16-bit: format version 2
 *   length   = 2 bytes                         unsigned 16-bit: the owner's size, 7 to 517
 *   owner    = role node cluster protocol      who the log is for (a {@link LogOwner})
 *     role     = 1 byte                        01 coordinator, 02 participant
 *     node     = 4 bytes                       signed 32-bit, at least 0
 *     cluster  = 1 byte n, n bytes             the cluster's name, UTF-8 (n may be 0)
 *     protocol = 1 byte n, n bytes             the protocol's name, UTF-8 (n at least 1)
 *   crc      = 4 bytes                         CRC32C of version, length and owner
 * record   = marker length crc payload         12 + length bytes
 *   marker   = FE B6 4C 52                     starts every record
 *   length   = 4 bytes                         signed 32-bit, 0 to 16,777,216 (16 MiB)
 *   crc      = 4 bytes                         CRC32C (Castagnoli) of the 4 length bytes
 *                                              followed by the payload
 *   payload  = length bytes                    the record, as appended
 * commit   = marker start batch crc            20 bytes, written by every force
 *   marker   = FE B6 43 4D                     "CM": starts every commit marker
 *   start    = 8 bytes                         signed 64-bit: the byte offset of the batch's
 *                                              first record (the end of the header or of the
 *                                              previous commit marker)
 *   batch    = 4 bytes                         CRC32C of every byte from start to this marker
 *   crc      = 4 bytes                         CRC32C of start and batch
 * </pre>
 *
 * <p>So the log of participant 1 of cluster {@code "a"} under {@code 2pc}, with nothing in it, is
 * the 14-byte prefix {@code 42 47 50 4C 4F 47 00 02 00 0B}, then {@code 02 00 00 00 01 01 61 03
 * 32 70 63} and the header's CRC; a force of the one-byte record {@code 2A} appends
 * {@code FE B6 4C 52 00 00 00 01}, the four CRC bytes and {@code 2A}, then {@code FE B6 43 4D},
 * the eight bytes of the batch's start (the end of the header, 25), the CRC32C of those 13
 * record bytes and the marker's own CRC. The CRC covers the length, so a torn or flipped length
 * is caught; the markers let {@link #open} look for valid frames after a bad one.
 *
 * <p>The commit marker goes out in the same write as its batch and so costs no second fsync:
 * once {@link #force} returns, the batch and its marker are durable together. A record a commit
 * marker follows was therefore forced, and its node may have acted on it (announced a decision,
 * voted); a record no marker follows never was.
 *
 * <h2>Recovery</h2>
 *
 * <p>{@link #open} reads the header and checks it names the owner expected: a log of another
 * cluster, node, role or protocol is refused with a {@link ForeignLogException}, whose message
 * names the file, the owner it belongs to and the owner expected. Then it reads and checks every
 * record and marker. A record is valid if it starts with the marker, its length is at most
 * {@link #MAX_RECORD_SIZE}, the file holds all of its payload, and its CRC checks; a commit
 * marker is valid if its CRC checks, and it must name the start and the CRC of the batch it
 * closes. The records before the first invalid frame are {@link #recovered()}. What follows it
 * depends on whether a valid commit marker starts anywhere after it (found by scanning forward):
 *
 * <ul>
 *   <li>if one does, the invalid frame was forced: the log is corrupt, which no crash during an
 *       append causes, and the node may have acted on the record. {@link #open} throws a
 *       {@link CorruptLogException} naming the file and the byte offset of the bad record, rather
 *       than drop a record that may have been acted on (one flipped bit in a coordinator's last
 *       decision must not turn its COMMIT into an ABORT);
 *   <li>if none does, the invalid bytes are a <em>torn tail</em>: what a crash in the middle of a
 *       force leaves (a record cut short, a zero-filled or garbage tail, a record whose CRC
 *       fails, or valid records after a torn one, written but never forced). The file is
 *       truncated to the end of the last valid frame before the bad one (and the truncation
 *       forced), and the drop is reported by {@link #droppedTail()}.
 * </ul>
 *
 * <p>Valid records at the end that no marker follows (their force was cut short after the
 * write) are kept, as a log may keep records appended but not forced, and {@link #open} closes
 * them with a marker of their own before anyone acts on them. A file that does not start with a
 * version-2 header (not a bgp log, a damaged header, another format version) is refused with a
 * {@link CorruptLogException}; a version-1 log (whose header names no owner) with a
 * {@link ForeignLogException} that says to {@link #upgrade} it. A file no longer than a header
 * that holds a prefix of the expected one, or only zeros, is a log whose creation was
 * interrupted: it is initialized afresh (an empty file is simply a new log). Records are durable
 * once {@link #force} returns, so a reopened log holds every forced record, possibly some
 * appended but not forced, and never part of one.
 *
 * <p>What no file can show: a log cut back at a record boundary, or to its header, or deleted,
 * reads as a shorter log, and a cut inside a record as a torn tail. {@link #openExisting} at
 * least refuses a log that is not there.
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
  private final LogOwner owner;
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
  /** Where the batch the next commit marker closes starts: the end of the last marker, or of the header. */
  private long batchStart;
  /** The CRC32C of every byte framed since {@link #batchStart}. */
  private final CRC32C batch = new CRC32C();
  private long forces;
  private boolean closed;
  private IOException failure;

  private FileLog(Path file, LogOwner owner, Object key, FileChannel channel, FileLock lock, List<byte[]> recovered,
      Optional<Damage.TornTail> droppedTail, long end) {
    this.file = file;
    this.owner = owner;
    this.key = key;
    this.channel = channel;
    this.lock = lock;
    this.recovered = recovered;
    this.droppedTail = droppedTail;
    this.end = end;
    this.batchStart = end;
  }

  /**
   * Opens {@code owner}'s log in {@code file}, creating it (with a header naming the owner) if
   * it does not exist, and recovers its records: see the class documentation. A torn tail is
   * truncated away and reported by {@link #droppedTail()}.
   *
   * @throws IllegalStateException if another process, or this one, has the log open
   * @throws ForeignLogException (an {@code IllegalStateException}) if the header names another
   *     owner, or the file is a version-1 log (which names none); the message names the file
   *     and both owners
   * @throws CorruptLogException (an {@code IllegalStateException}) if what was forced is
   *     corrupt or the file is not a bgp log of a version this library reads; the message names
   *     the file and the offset
   * @throws UncheckedIOException if the file cannot be created, read or truncated (for example,
   *     its directory does not exist)
   */
  public static FileLog open(Path file, LogOwner owner) {
    return open(file, owner, true);
  }

  /**
   * Opens {@code owner}'s existing log in {@code file} as {@link #open} does, but never creates
   * one: for a node that has run before, whose log must not silently start afresh (a node that
   * forgot its log would forget its votes and decisions).
   *
   * @throws IllegalStateException if there is no such file, with the exceptions of {@link #open}
   */
  public static FileLog openExisting(Path file, LogOwner owner) {
    return open(file, owner, false);
  }

  private static FileLog open(Path file, LogOwner owner, boolean create) {
    Path path = Objects.requireNonNull(file, "file").toAbsolutePath().normalize();
    Objects.requireNonNull(owner, "owner");
    try {
      if (create) {
        OpenFiles.createIfAbsent(path);
      }
      Object key;
      try {
        key = OpenFiles.identity(path);
      } catch (NoSuchFileException e) {
        throw new IllegalStateException("cannot open log " + path + ": there is no such file");
      }
      if (!OpenFiles.reserve(key)) {
        throw new IllegalStateException(openHere(path));
      }
      return openReserved(path, key, owner);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open log " + path + ": " + e, e);
    }
  }

  private static String openHere(Path path) {
    return "cannot open log " + path + ": this process already has it open (close that FileLog first)";
  }

  private static FileLog openReserved(Path path, Object key, LogOwner owner) throws IOException {
    FileChannel channel = null;
    try {
      try {
        channel = FileChannel.open(path, READ, WRITE);
      } catch (NoSuchFileException e) {
        throw new IllegalStateException("cannot open log " + path + ": there is no such file");
      }
      FileLock lock = lock(path, channel);
      OpenFiles.attach(key, channel);
      return recover(path, owner, key, channel, lock);
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

  private static FileLock lock(Path path, FileChannel channel) throws IOException {
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
    return lock;
  }

  private static FileLog recover(Path path, LogOwner owner, Object key, FileChannel channel, FileLock lock)
      throws IOException {
    LogFormat.Scan scan = LogFormat.scan(channel);
    if (scan.version() == LogFormat.VERSION_1) {
      throw ForeignLogException.unowned(path, owner);
    }
    if (scan.owner().isPresent() && !scan.owner().get().equals(owner)) {
      throw ForeignLogException.of(path, owner, scan.owner().get());
    }
    byte[] header = LogFormat.header(owner);
    Optional<Damage.TornTail> dropped = Optional.empty();
    if (scan.damage().isPresent()) {
      Damage damage = scan.damage().get();
      if (!(damage instanceof Damage.TornTail)) {
        throw new CorruptLogException(path, damage);
      }
      if (scan.validEnd() == 0 && !isStartOf(channel, header)) {
        throw new CorruptLogException(path, new Damage.BadHeader("an incomplete file header (" + scan.size()
            + " bytes) that is not the start of " + owner.describe() + "'s"));
      }
      dropped = Optional.of((Damage.TornTail) damage);
    }
    long end = scan.validEnd();
    if (end == 0) {
      // A new file, or one whose creation was interrupted before its header was durable.
      channel.truncate(0);
      writeFully(channel, header, 0);
      channel.force(true);
      forceDirectory(path.getParent());
      end = header.length;
    } else {
      if (dropped.isPresent()) {
        channel.truncate(end);
      }
      if (scan.entries().size() > scan.forced()) {
        // Records whose force a crash cut short after they were written: the node acts on them
        // from now on, so they get the commit marker their force did not get to write.
        byte[] commit = new byte[LogFormat.COMMIT_SIZE];
        LogFormat.commit(scan.batchStart(), scan.batchCrc(), commit, 0);
        writeFully(channel, commit, end);
        end += commit.length;
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
    return new FileLog(path, owner, key, channel, lock, Collections.unmodifiableList(records), dropped, end);
  }

  /** Whether the file holds only zeros, or the first bytes of {@code header}. */
  private static boolean isStartOf(FileChannel channel, byte[] header) throws IOException {
    long size = channel.size();
    if (size > header.length) {
      return false;
    }
    ByteBuffer b = ByteBuffer.allocate((int) size);
    while (b.hasRemaining() && channel.read(b, b.position()) >= 0) {
      // read it all
    }
    boolean zeros = true;
    boolean prefix = true;
    for (int i = 0; i < b.position(); i++) {
      zeros &= b.get(i) == 0;
      prefix &= b.get(i) == header[i];
    }
    return zeros || prefix;
  }

  private static void writeFully(FileChannel channel, byte[] bytes, long at) throws IOException {
    ByteBuffer b = ByteBuffer.wrap(bytes);
    while (b.hasRemaining()) {
      channel.write(b, at + b.position());
    }
  }

  /**
   * Rewrites the version-1 log in {@code file} as a version-2 log of {@code owner}, in place, with
   * the same records: a new file beside it (named {@code file.upgrading}) is written and forced,
   * then renamed over the old one. A torn tail is dropped, as {@link #open} would drop it. Only
   * the caller can know whose a version-1 log is: upgrade a log only once that is sure (a log of
   * another node, upgraded as this one's, is what the owner in the header is there to prevent).
   *
   * @return how many records the upgraded log holds
   * @throws IllegalStateException if the file is open, is not a version-1 log (a version-2 log
   *     says whose it is already), or is corrupt ({@link CorruptLogException})
   * @throws UncheckedIOException if the file cannot be read, written or renamed
   */
  public static int upgrade(Path file, LogOwner owner) {
    Path path = Objects.requireNonNull(file, "file").toAbsolutePath().normalize();
    Objects.requireNonNull(owner, "owner");
    Path next = path.resolveSibling(path.getFileName() + ".upgrading");
    try {
      Object key;
      try {
        key = OpenFiles.identity(path);
      } catch (NoSuchFileException e) {
        throw new IllegalStateException("cannot upgrade log " + path + ": there is no such file");
      }
      if (!OpenFiles.reserve(key)) {
        throw new IllegalStateException(openHere(path));
      }
      try (FileChannel channel = FileChannel.open(path, READ, WRITE)) {
        lock(path, channel);
        LogFormat.Scan scan = LogFormat.scan(channel);
        if (scan.version() != LogFormat.VERSION_1) {
          throw new IllegalStateException("cannot upgrade log " + path + ": " + (scan.owner().isPresent()
              ? "it is a version-2 log already, of " + scan.owner().get().describe()
              : "it is not a version-1 log" + scan.damage().map(d -> " (" + d.describe() + ")").orElse("")));
        }
        if (scan.damage().isPresent() && !(scan.damage().get() instanceof Damage.TornTail)) {
          throw new CorruptLogException(path, scan.damage().get());
        }
        byte[] header = LogFormat.header(owner);
        int size = header.length + LogFormat.COMMIT_SIZE;
        for (LogFormat.Found f : scan.entries()) {
          size += LogFormat.FRAME_OVERHEAD + f.payload().length;
        }
        byte[] bytes = new byte[size];
        System.arraycopy(header, 0, bytes, 0, header.length);
        int at = header.length;
        for (LogFormat.Found f : scan.entries()) {
          LogFormat.frame(f.payload(), bytes, at);
          at += LogFormat.FRAME_OVERHEAD + f.payload().length;
        }
        CRC32C crc = new CRC32C();
        crc.update(bytes, header.length, at - header.length);
        LogFormat.commit(header.length, (int) crc.getValue(), bytes, at);
        try (FileChannel out = FileChannel.open(next, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
            WRITE)) {
          writeFully(out, bytes, 0);
          out.force(true);
        }
        Files.move(next, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        forceDirectory(path.getParent());
        return scan.entries().size();
      } finally {
        OpenFiles.release(key);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot upgrade log " + path + ": " + e, e);
    }
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
    return new Inspection(path, scan.size(), scan.version(), scan.owner(), entries, scan.forced(), scan.damage());
  }

  /** The log's file (absolute). */
  public Path file() {
    return file;
  }

  /** Whose log this is, as its header says. */
  public LogOwner owner() {
    return owner;
  }

  /**
   * The records the log held when it was opened, in order: an unmodifiable list of copies.
   * Still available after {@link #close}.
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
    batch.update(buffer, buffered, frame);
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
   * Writes every record appended since the last force, and a commit marker after them, and
   * forces them (and the file's size) to the storage device: one write and one fsync for all of
   * them. Does nothing, and does not count, if nothing was appended since the last force.
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
      commit();
    } catch (IOException e) {
      throw fail("force", e);
    }
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
        commit();
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

  /** Writes what is buffered and a commit marker closing the batch, in one write, then forces it. */
  private void commit() throws IOException {
    if (buffered + LogFormat.COMMIT_SIZE > buffer.length) {
      byte[] bigger = new byte[buffered + LogFormat.COMMIT_SIZE];
      System.arraycopy(buffer, 0, bigger, 0, buffered);
      buffer = bigger;
    }
    LogFormat.commit(batchStart, (int) batch.getValue(), buffer, buffered);
    buffered += LogFormat.COMMIT_SIZE;
    write();
    channel.force(true);
    batchStart = end;
    batch.reset();
    unforced = false;
    forces++;
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
    return "FileLog[" + file + ", " + owner.describe() + ", " + (end + buffered) + " bytes, " + forces + " forces"
        + (closed ? ", closed" : "") + "]";
  }
}
