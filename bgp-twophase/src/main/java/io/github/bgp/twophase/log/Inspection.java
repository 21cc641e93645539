package io.github.bgp.twophase.log;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link FileLog#inspect} found in a log file, as data: its header, its valid records and
 * what, if anything, is wrong after them.
 *
 * @param file the file inspected
 * @param size its size in bytes when it was read
 * @param version the format version its header names: 2 (which names the owner and marks every
 *     forced batch), 1 (an older log: no owner, no markers), or 0 if it has no complete header
 * @param owner whose log it is, as a version-2 header says; empty for version 1 or no header
 * @param records the valid records, in order, up to the first invalid byte
 * @param forced how many of the records (the first ones) a commit marker shows were forced; the
 *     rest were written by a force that did not complete (a crash), and opening the log keeps
 *     them. In a version-1 log, which has no markers, all of them
 * @param damage a torn tail (which {@link FileLog#open} would drop), a corruption of what was
 *     forced or a bad header (either of which makes {@link FileLog#open} fail), or empty if the
 *     file is a clean log (or empty: a log whose creation did not get as far as its header)
 * @since 0.1.0
 */
public record Inspection(Path file, long size, int version, Optional<LogOwner> owner, List<Entry> records, int forced,
    Optional<Damage> damage) {

  /**
   * Checks the components and copies the list.
   *
   * @param file the file inspected
   * @param size its size in bytes when it was read
   * @param version the format version its header names, or 0 if it has no complete header
   * @param owner whose log it is, as a version-2 header says
   * @param records the valid records, in order
   * @param forced how many of the records a commit marker shows were forced, 0 to their number
   * @param damage what is wrong after them, or empty
   * @throws IllegalArgumentException if {@code forced} is negative or more than the records
   */
  public Inspection {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(owner, "owner");
    records = List.copyOf(records);
    if (forced < 0 || forced > records.size()) {
      throw new IllegalArgumentException("forced is 0 to " + records.size() + ", got " + forced);
    }
    Objects.requireNonNull(damage, "damage");
  }

  /**
   * Whether {@link FileLog#open} would open this file for its owner (possibly dropping a torn
   * tail): it is undamaged or torn, and not a version-1 log (which {@code open} refuses, see
   * {@link FileLog#upgrade}).
   *
   * @return whether the log opens
   */
  public boolean opens() {
    return version != LogFormat.VERSION_1 && (damage.isEmpty() || damage.get() instanceof Damage.TornTail);
  }

  /**
   * The torn tail, if the damage is one.
   *
   * @return the torn tail, or empty
   */
  public Optional<Damage.TornTail> tornTail() {
    return damage.filter(Damage.TornTail.class::isInstance).map(Damage.TornTail.class::cast);
  }

  /**
   * The corruption before the tail, if the damage is one.
   *
   * @return the corruption, or empty
   */
  public Optional<Damage.Corruption> corruption() {
    return damage.filter(Damage.Corruption.class::isInstance).map(Damage.Corruption.class::cast);
  }

  /**
   * One valid record and where it is.
   *
   * @param offset the byte offset of the record's frame (its marker) in the file
   * @param payload the record; equality and hash code compare its contents
   * @since 0.1.0
   */
  public record Entry(long offset, byte[] payload) {

    /**
     * Checks the payload and keeps a copy of it.
     *
     * @param offset the byte offset of the record's frame in the file
     * @param payload the record
     */
    public Entry {
      payload = payload.clone();
    }

    /**
     * A copy of the record.
     *
     * @return the record's bytes
     */
    @Override
    public byte[] payload() {
      return payload.clone();
    }

    /**
     * How many bytes the record holds.
     *
     * @return the record's length in bytes
     */
    public int size() {
      return payload.length;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Entry e && e.offset == offset && Arrays.equals(e.payload, payload);
    }

    @Override
    public int hashCode() {
      return Long.hashCode(offset) * 31 + Arrays.hashCode(payload);
    }

    @Override
    public String toString() {
      return "Entry[offset=" + offset + ", size=" + payload.length + "]";
    }
  }
}
