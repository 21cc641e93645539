package io.github.bgp.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.bgp.runtime.DurableLog;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * What {@code bgp node} knows of its own log without reading the file again (issue 10: the settle
 * check re-read the whole log every 20 ms): what it recovered and every record it has forced since,
 * and a wait that a force ends.
 */
class WatchedLogTest {

  /** A log in memory that counts how often it was read back. */
  private static final class MemoryLog implements DurableLog {
    final List<byte[]> forced = new ArrayList<>();
    private final List<byte[]> pending = new ArrayList<>();
    int reads;

    MemoryLog(byte[]... recovered) {
      forced.addAll(List.of(recovered));
    }

    @Override
    public List<byte[]> recovered() {
      reads++;
      return List.copyOf(forced);
    }

    @Override
    public void append(byte[] record) {
      pending.add(record);
    }

    @Override
    public void force() {
      forced.addAll(pending);
      pending.clear();
    }

    @Override
    public long forces() {
      return 0;
    }

    @Override
    public void close() {}
  }

  @Test
  void itKnowsWhatWasRecoveredAndForcedAndNothingUnforced() {
    MemoryLog disk = new MemoryLog(new byte[] {1});
    WatchedLog log = new WatchedLog(disk);
    log.append(new byte[] {2});
    assertEquals(1, log.records().size(), "an appended record is not known before it is forced");
    assertEquals(0, log.version());
    log.force();
    assertEquals(1, log.version());
    List<byte[]> known = log.records();
    assertEquals(2, known.size());
    assertArrayEquals(new byte[] {1}, known.get(0));
    assertArrayEquals(new byte[] {2}, known.get(1));
    log.records();
    assertEquals(1, disk.reads, "the log was read once, when it was opened, never again");
  }

  @Test
  void aForceEndsAWait() throws Exception {
    WatchedLog log = new WatchedLog(new MemoryLog());
    CompletableFuture<Long> woke = CompletableFuture.supplyAsync(() -> {
      try {
        log.awaitForce(0, TimeUnit.SECONDS.toNanos(60));
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
      return log.version();
    });
    log.append(new byte[] {7});
    log.force();
    assertEquals(1L, woke.get(30, TimeUnit.SECONDS), "the waiter woke at the force, long before its 60 s");
  }
}
