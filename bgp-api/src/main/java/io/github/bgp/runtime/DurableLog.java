package io.github.bgp.runtime;

import java.util.List;

/**
 * A node's append-only log on stable storage: what a runtime gives protocols that
 * {@link io.github.bgp.spi.Node.Context#persist persist}. A record is durable once
 * {@link #force()} has returned after it was appended; after a crash, a log reopened from the
 * same storage holds every durable record, in order, and possibly some records appended but not
 * forced, never a record in part.
 * Implementations detect a torn or corrupt tail (the records of an interrupted append) and drop
 * it, and refuse a log corrupt before its tail, naming where.
 *
 * @since 0.1.0
 */
public interface DurableLog extends AutoCloseable {

  /**
   * The records the log held when it was opened, in order: every durable record, and possibly
   * some appended but not forced.
   *
   * @return the records, oldest first; empty for a new log
   */
  List<byte[]> recovered();

  /**
   * Appends a record, not yet durable.
   *
   * @param record the record's bytes
   */
  void append(byte[] record);

  /** Makes every appended record durable: one force for all records appended since the last. */
  void force();

  /**
   * How many times {@link #force()} reached the storage (for group-commit statistics).
   *
   * @return the count since the log was opened
   */
  long forces();

  @Override
  void close();
}
