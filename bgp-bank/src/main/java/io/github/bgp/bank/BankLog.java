package io.github.bgp.bank;

import io.github.bgp.api.CommitProtocol;
import io.github.bgp.runtime.DurableLog;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.concurrent.locks.LockSupport;

/**
 * A bank node's log: its {@code FileLog}, the records it holds kept in memory as they are forced
 * (so the node knows when it has settled without reading the file), and the crash hook: with a
 * {@link Halt}, the force that makes the named record durable is reported on standard output
 * ({@code {"event":"halted",...}}) and then never returns, so nothing that depends on the record
 * (a decision's announcement, a vote) leaves the node; the run then kills the process with
 * SIGKILL. That is the named crash point {@code after-decision} (or {@code after-vote}) of the
 * simulator, on a real process.
 */
final class BankLog implements DurableLog {

  /**
   * Halt once the record {@code kind} ({@code DECIDED}, {@code READY}) of transaction {@code txn} is forced.
   *
   * @param kind how the record's description starts ({@link CommitProtocol#describeLog})
   */
  record Halt(String kind, long txn) {

    /** {@code KIND:TXN}, as the node's command line takes it. */
    static Halt parse(String word) {
      int colon = word.indexOf(':');
      if (colon < 1) {
        throw new IllegalArgumentException("--halt-after wants KIND:TXN (DECIDED:2, READY:2), got '" + word + "'");
      }
      try {
        return new Halt(word.substring(0, colon), Long.parseLong(word.substring(colon + 1)));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("--halt-after wants a transaction number after the colon, got '" + word
            + "'", e);
      }
    }
  }

  private final DurableLog log;
  private final Function<List<byte[]>, Map<Long, List<String>>> describe;
  private final Optional<Halt> halt;
  private final PrintStream out;
  private final List<byte[]> known = new ArrayList<>();
  private final List<byte[]> appended = new ArrayList<>();
  private long version;

  /**
   * @param describe what each record says, by transaction ({@link CommitProtocol#describeLog} of
   *     the node's protocol)
   */
  BankLog(DurableLog log, Function<List<byte[]>, Map<Long, List<String>>> describe, Optional<Halt> halt,
      PrintStream out) {
    this.log = log;
    this.describe = describe;
    this.halt = halt;
    this.out = out;
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
    List<byte[]> forced;
    synchronized (this) {
      forced = List.copyOf(appended);
      known.addAll(appended);
      appended.clear();
      version++;
      notifyAll();
    }
    if (halt.isPresent() && holds(forced, halt.get())) {
      out.println("{\"event\":\"halted\",\"record\":\"" + halt.get().kind() + "\",\"txn\":" + halt.get().txn() + "}");
      out.flush();
      while (true) { // until the SIGKILL: nothing after this force may happen
        LockSupport.park(this);
      }
    }
  }

  private boolean holds(List<byte[]> records, Halt h) {
    for (Map.Entry<Long, List<String>> e : describe.apply(records).entrySet()) {
      if (e.getKey() == h.txn() && e.getValue().stream().anyMatch(r -> r.startsWith(h.kind()))) {
        return true;
      }
    }
    return false;
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
