package io.github.bgp.cli;

import io.github.bgp.runtime.DurableLog;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A node's log as the node knows it: what it recovered and every record it has forced since,
 * kept in memory as they are forced, so that the node can tell it has settled without reading
 * the file again; {@link #awaitForce} wakes a waiter at the next force.
 */
final class WatchedLog implements DurableLog {
  private final DurableLog log;
  private final List<byte[]> known = new ArrayList<>();
  private final List<byte[]> appended = new ArrayList<>();
  private long version;

  WatchedLog(DurableLog log) {
    this.log = log;
    known.addAll(log.recovered());
  }

  @Override
  public List<byte[]> recovered() {
    return log.recovered();
  }

  @Override
  public synchronized void append(byte[] record) {
    log.append(record);
    appended.add(record);
  }

  @Override
  public void force() {
    log.force();
    synchronized (this) {
      known.addAll(appended);
      appended.clear();
      version++;
      notifyAll();
    }
  }

  @Override
  public long forces() {
    return log.forces();
  }

  /** How many forces this node has made so far. */
  synchronized long version() {
    return version;
  }

  /** Every durable record this node knows of, in order. */
  synchronized List<byte[]> records() {
    return List.copyOf(known);
  }

  /** Waits until a force after {@code seen}, or {@code nanos} at most. */
  synchronized void awaitForce(long seen, long nanos) throws InterruptedException {
    long until = System.nanoTime() + nanos;
    while (version == seen) {
      long left = until - System.nanoTime();
      if (left <= 0) {
        return;
      }
      TimeUnit.NANOSECONDS.timedWait(this, left);
    }
  }

  @Override
  public void close() {
    log.close();
  }
}
