package io.github.bgp.twophase.log;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link FileLog#inspect} found in a log file, as data: its valid records and what, if
 * anything, is wrong after them.
 *
 * @param file the file inspected
 * @param size its size in bytes when it was read
 * @param records the valid records, in order, up to the first invalid byte
 * @param damage a torn tail (which {@link FileLog#open} would drop), a corruption before the
 *     tail or a bad header (either of which makes {@link FileLog#open} fail), or empty if the
 *     file is a clean log (or empty: a log whose creation did not get as far as its header)
 * @since 0.1.0
 */
public record Inspection(Path file, long size, List<Entry> records, Optional<Damage> damage) {

  /**
   * Checks the components and copies the list.
   *
   * @param file the file inspected
   * @param size its size in bytes when it was read
   * @param records the valid records, in order
   * @param damage what is wrong after them, or empty
   */
  public Inspection {
    Objects.requireNonNull(file, "file");
    records = List.copyOf(records);
    Objects.requireNonNull(damage, "damage");
  }

  /**
   * Whether {@link FileLog#open} would open this file (possibly dropping a torn tail).
   *
   * @return whether the log opens
   */
  public boolean opens() {
    return damage.isEmpty() || damage.get() instanceof Damage.TornTail;
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
