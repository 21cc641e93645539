package io.github.bgp.twophase.log;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.bgp.runtime.DurableLog;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * What a node's process knows of its own log without reading the file again (issue 10: the settle
 * check of {@code bgp node} re-read the whole log every 20 ms): what it recovered and every record
 * it has forced since, a wait that a force ends, and the hook each forced batch goes to (the bank
 * run's crash point).
 */
class WatchedLogTest {

  /** A log in memory that counts how often it was read back; {@link #duringForce} runs inside a force. */
  private static final class MemoryLog implements DurableLog {
    final List<byte[]> forced = new ArrayList<>();
    private final List<byte[]> pending = new ArrayList<>();
    Runnable duringForce = () -> {};
    int reads;
    int forces;

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
      forces++;
      duringForce.run();
    }

    @Override
    public long forces() {
      return forces;
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
    assertEquals(1, log.forces(), "the wrapped log's count of forces is passed on");
    List<byte[]> known = log.records();
    assertEquals(2, known.size());
    assertArrayEquals(new byte[] {1}, known.get(0));
    assertArrayEquals(new byte[] {2}, known.get(1));
    log.records();
    assertEquals(1, disk.reads, "the log was read once, when it was opened, never again");
  }

  @Test
  void aRecordAppendedWhileAForceIsUnderWayIsKnownOnlyAfterTheNextForce() {
    MemoryLog disk = new MemoryLog();
    List<List<byte[]>> batches = new ArrayList<>();
    WatchedLog log = new WatchedLog(disk, batches::add);
    disk.duringForce = () -> {
      disk.duringForce = () -> {};
      log.append(new byte[] {9}); // another thread's append, after the storage took the batch
    };
    log.append(new byte[] {8});
    log.force();
    assertEquals(1, log.records().size(), "the record appended during the force may not be durable yet");
    assertArrayEquals(new byte[] {8}, log.records().get(0));
    log.force();
    assertEquals(2, log.records().size());
    assertArrayEquals(new byte[] {9}, log.records().get(1));
    assertEquals(2, batches.size(), "every force hands its batch to the hook");
    assertArrayEquals(new byte[] {8}, batches.get(0).get(0));
    assertArrayEquals(new byte[] {9}, batches.get(1).get(0));
    log.force();
    assertEquals(List.of(), batches.get(2), "a force with nothing appended hands an empty batch");
  }

  @Test
  void theHookSeesTheBatchKnownAndTheVersionCounted() {
    MemoryLog disk = new MemoryLog(new byte[] {1});
    List<String> seen = new ArrayList<>();
    WatchedLog[] log = new WatchedLog[1];
    log[0] = new WatchedLog(disk, batch -> seen.add(batch.size() + " of " + log[0].records().size() + ", version "
        + log[0].version()));
    log[0].append(new byte[] {2});
    log[0].append(new byte[] {3});
    log[0].force();
    assertEquals(List.of("2 of 3, version 1"), seen);
  }

  @Test
  void aForceEndsAWait() throws Exception {
    WatchedLog log = new WatchedLog(new MemoryLog());
    CompletableFuture<Long> woke = CompletableFuture.supplyAsync(() -> {
      try {
        return log.awaitForce(0, TimeUnit.SECONDS.toNanos(60));
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
    });
    log.append(new byte[] {7});
    log.force();
    assertEquals(1L, woke.get(30, TimeUnit.SECONDS), "the waiter woke at the force, long before its 60 s");
  }

  @Test
  void aWaitWithNoForceEndsAtItsLimitWithTheVersionSeen() throws Exception {
    WatchedLog log = new WatchedLog(new MemoryLog());
    assertEquals(0L, log.awaitForce(0, 0));
    assertEquals(0L, log.awaitForce(0, TimeUnit.MILLISECONDS.toNanos(1)));
    log.force();
    assertEquals(1L, log.awaitForce(0, TimeUnit.SECONDS.toNanos(60)), "a force already made ends the wait at once");
  }

  @Test
  void badArgumentsAreRefusedNamingTheProblem() {
    WatchedLog log = new WatchedLog(new MemoryLog());
    assertEquals("awaitForce wants a version this log reached (0 to 0), got 1",
        assertThrows(IllegalArgumentException.class, () -> log.awaitForce(1, 0)).getMessage());
    assertEquals("awaitForce wants a version this log reached (0 to 0), got -1",
        assertThrows(IllegalArgumentException.class, () -> log.awaitForce(-1, 0)).getMessage());
    assertEquals("awaitForce wants a time of 0 ns or more, got -5",
        assertThrows(IllegalArgumentException.class, () -> log.awaitForce(0, -5)).getMessage());
    assertEquals("log", assertThrows(NullPointerException.class, () -> new WatchedLog(null)).getMessage());
    assertEquals("afterForce",
        assertThrows(NullPointerException.class, () -> new WatchedLog(new MemoryLog(), null)).getMessage());
  }
}
