package io.github.bgp.bank;

import io.github.bgp.api.CommitProtocol;
import io.github.bgp.twophase.log.WatchedLog;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A bank node's crash hook on its log ({@code --halt-after KIND:TXN}): the force that makes the
 * record {@code kind} ({@code DECIDED}, {@code READY}) of transaction {@code txn} durable is
 * reported on standard output ({@code {"event":"halted",...}}) and then never returns, so nothing
 * that depends on the record (a decision's announcement, a vote) leaves the node; the run then
 * kills the process with SIGKILL. That is the named crash point {@code after-decision} (or
 * {@code after-vote}) of the simulator, on a real process.
 *
 * @param kind how the record's description starts ({@link CommitProtocol#describeLog})
 * @param txn the transaction whose record it is
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

  /**
   * The hook for a {@link WatchedLog}: it halts the forcing thread after the batch that holds the record.
   *
   * @param describe what each record says, by transaction ({@link CommitProtocol#describeLog} of
   *     the node's protocol)
   */
  Consumer<List<byte[]>> afterForce(Function<List<byte[]>, Map<Long, List<String>>> describe, PrintStream out) {
    return forced -> {
      if (!holds(describe.apply(forced))) {
        return;
      }
      out.println("{\"event\":\"halted\",\"record\":\"" + kind + "\",\"txn\":" + txn + "}");
      out.flush();
      while (true) { // until the SIGKILL: nothing after this force may happen
        LockSupport.park(this);
      }
    };
  }

  private boolean holds(Map<Long, List<String>> described) {
    List<String> records = described.getOrDefault(txn, List.of());
    return records.stream().anyMatch(r -> r.startsWith(kind));
  }
}
