package io.github.bgp.twophase.log;

import io.github.bgp.runtime.DurableLog;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A node's {@link DurableLog} as its process watches it: it passes every call on to the log it
 * wraps, and keeps in memory what the log recovered and every record forced since, so that the
 * process can tell whether its part is done ({@code CommitProtocol.settled}) without reading the
 * file again. It counts the forces made through it ({@link #version}), wakes whoever
 * {@link #awaitForce waits} for the next one, and hands each forced batch to an optional hook
 * (a crash point on a real process: a hook that never returns keeps everything that depends on
 * the batch from leaving the node).
 *
 * <p>A record is known ({@link #records}) once a force that began after it was appended has
 * returned, so what this log knows is always durable; a record appended while a force is under
 * way waits for the next force. It is safe to use from several threads.
 *
 * @since 0.1.0
 */
public final class WatchedLog implements DurableLog {
  private final DurableLog log;
  private final Consumer<List<byte[]>> afterForce;
  private final List<byte[]> known = new ArrayList<>();
  private final List<byte[]> appended = new ArrayList<>();
  private long version;

  /**
   * Watches a log, with no hook.
   *
   * @param log the log every call goes to
   * @throws NullPointerException if {@code log} is null
   */
  public WatchedLog(DurableLog log) {
    this(log, batch -> {});
  }

  /**
   * Watches a log and hands every forced batch to {@code afterForce}: on the thread that forced,
   * once the batch is known and waiters are woken, before {@link #force} returns.
   *
   * @param log the log every call goes to
   * @param afterForce called with the records each force made durable, oldest first (empty when
   *     nothing was appended since the last force); it may block, and {@link #force} with it
   * @throws NullPointerException if an argument is null
   */
  public WatchedLog(DurableLog log, Consumer<List<byte[]>> afterForce) {
    this.log = Objects.requireNonNull(log, "log");
    this.afterForce = Objects.requireNonNull(afterForce, "afterForce");
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
    int batch;
    synchronized (this) {
      batch = appended.size(); // what is appended now is durable once the force returns
    }
    log.force();
    List<byte[]> forced;
    synchronized (this) {
      // A concurrent force may have taken some of this batch already; the rest is at the front.
      List<byte[]> taken = appended.subList(0, Math.min(batch, appended.size()));
      forced = List.copyOf(taken);
      known.addAll(forced);
      taken.clear();
      version++;
      notifyAll();
    }
    afterForce.accept(forced);
  }

  @Override
  public long forces() {
    return log.forces();
  }

  /**
   * How many forces were made through this log since it was watched (each call of
   * {@link #force}, whether or not it reached the storage; {@link #forces} counts those).
   *
   * @return the count, 0 at first
   */
  public synchronized long version() {
    return version;
  }

  /**
   * Every record this log knows to be durable: what the log recovered, then what was forced since,
   * in order.
   *
   * @return a copy, oldest first
   */
  public synchronized List<byte[]> records() {
    return List.copyOf(known);
  }

  /**
   * Waits until a force after the {@code seen}-th has returned, or {@code nanos} have passed.
   *
   * @param seen a {@link #version} the caller read
   * @param nanos how long to wait at the most, in nanoseconds
   * @return the {@link #version} when the wait ended: {@code seen} if it ended by the time limit
   * @throws IllegalArgumentException if {@code seen} is negative or above the version, or
   *     {@code nanos} is negative
   * @throws InterruptedException if the thread is interrupted while it waits
   */
  public synchronized long awaitForce(long seen, long nanos) throws InterruptedException {
    if (seen < 0 || seen > version) {
      throw new IllegalArgumentException("awaitForce wants a version this log reached (0 to " + version + "), got "
          + seen);
    }
    if (nanos < 0) {
      throw new IllegalArgumentException("awaitForce wants a time of 0 ns or more, got " + nanos);
    }
    long until = System.nanoTime() + nanos;
    while (version == seen) {
      long left = until - System.nanoTime();
      if (left <= 0) {
        break;
      }
      TimeUnit.NANOSECONDS.timedWait(this, left);
    }
    return version;
  }

  @Override
  public void close() {
    log.close();
  }
}
