package io.github.bgp.sim;

import io.github.bgp.runtime.DurableLog;
import java.util.ArrayList;
import java.util.List;

/**
 * A durable log in memory, with the semantics of one on disk: a crash keeps exactly the records
 * that were forced, in order, and loses the rest. The simulator gives one to every node and
 * keeps it across the node's crashes.
 */
final class MemoryLog implements DurableLog {

  private final List<byte[]> records = new ArrayList<>();
  private int forced;
  private List<byte[]> recovered = List.of();
  private long forces;

  @Override
  public List<byte[]> recovered() {
    return recovered;
  }

  @Override
  public void append(byte[] record) {
    records.add(record.clone());
  }

  @Override
  public void force() {
    if (forced < records.size()) {
      forced = records.size();
      forces++;
    }
  }

  /** Whether records were appended since the last force. */
  boolean dirty() {
    return forced < records.size();
  }

  @Override
  public long forces() {
    return forces;
  }

  /** The node crashed: what was not forced is gone; what was is what it recovers from. */
  void crash() {
    records.subList(forced, records.size()).clear();
    recovered = copy();
  }

  /** Every record, forced or not. */
  List<byte[]> records() {
    return copy();
  }

  private List<byte[]> copy() {
    List<byte[]> out = new ArrayList<>(records.size());
    records.forEach(r -> out.add(r.clone()));
    return List.copyOf(out);
  }

  @Override
  public void close() {
    force();
  }
}
