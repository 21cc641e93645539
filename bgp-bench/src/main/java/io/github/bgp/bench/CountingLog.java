package io.github.bgp.bench;

import io.github.bgp.runtime.DurableLog;
import io.github.bgp.twophase.log.FileLog;
import java.util.List;
import java.util.Objects;

/**
 * A {@link FileLog} as a node's durable log, counting what it does so that a benchmark can read
 * it from another thread without taking the log's lock (which a force holds for the whole
 * fsync): records and bytes appended, and forces that reached the disk (from
 * {@link FileLog#forces()}). Each counter has one writer, the node's thread.
 */
final class CountingLog implements DurableLog {

  private final FileLog log;
  private volatile long records;
  private volatile long bytes;
  private volatile long forces;

  CountingLog(FileLog log) {
    this.log = Objects.requireNonNull(log, "log");
  }

  @Override
  public List<byte[]> recovered() {
    return log.recovered();
  }

  @Override
  public void append(byte[] record) {
    log.append(record);
    records++;
    bytes += record.length;
  }

  @Override
  public void force() {
    long before = log.forces();
    log.force();
    if (log.forces() != before) {
      forces++;
    }
  }

  /** Forces counted by the file log since this wrapper was made (the node's thread has returned from them). */
  @Override
  public long forces() {
    return forces;
  }

  /** Records appended. */
  long records() {
    return records;
  }

  /** Payload bytes of the records appended. */
  long bytes() {
    return bytes;
  }

  @Override
  public void close() {
    log.close();
  }
}
