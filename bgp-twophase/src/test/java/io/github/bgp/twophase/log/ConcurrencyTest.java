package io.github.bgp.twophase.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Threads of one JVM opening, appending to, inspecting and closing the same log. */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ConcurrencyTest {

  @TempDir
  Path dir;

  @Test
  void oneOpenerAtATimeAndInspectionsNeverGetInTheWay() throws Exception {
    Path file = dir.resolve("busy.log");
    LogFiles.open(file).close();
    AtomicInteger forced = new AtomicInteger();
    AtomicInteger refused = new AtomicInteger();
    AtomicInteger inspected = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<?>> work = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        work.add(pool.submit(() -> {
          for (int i = 0; i < 25; i++) {
            FileLog log;
            try {
              log = LogFiles.open(file);
            } catch (IllegalStateException e) {
              assertTrue(e.getMessage().contains("this process already has it open"), e.getMessage());
              refused.incrementAndGet();
              continue;
            }
            try (log) {
              log.append(LogFiles.text("record"));
              log.force();
              forced.incrementAndGet();
            }
          }
          return null;
        }));
        work.add(pool.submit(() -> {
          for (int i = 0; i < 25; i++) {
            Inspection inspection = FileLog.inspect(file);
            assertTrue(inspection.opens(), () -> inspection.damage().toString());
            inspected.incrementAndGet();
          }
          return null;
        }));
      }
      for (Future<?> f : work) {
        f.get(); // rethrows what a thread threw
      }
    } finally {
      pool.shutdownNow();
    }
    assertEquals(100, forced.get() + refused.get());
    assertEquals(100, inspected.get());
    try (FileLog log = LogFiles.open(file)) {
      assertEquals(forced.get(), log.recovered().size());
    }
  }
}
