package io.github.bgp.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.transaction.RollbackException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Narayana in process, the baseline of {@link NarayanaBenchmark}: it coordinates two in-memory XA
 * resources to commit and to roll back, and keeps its decisions in its journal.
 */
class NarayanaTest {

  private static Narayana narayana;
  private static Path dir;

  @BeforeAll
  static void start() throws Exception {
    narayana = Narayana.start();
    dir = narayana.dir;
  }

  @AfterAll
  static void stop() {
    narayana.close();
    assertFalse(Files.exists(dir), "the journal's directory is deleted");
  }

  @Test
  void aTransactionOverTwoResourcesIsPreparedThenCommittedAtBoth() throws Exception {
    RecordingXaResource a = new RecordingXaResource();
    RecordingXaResource b = new RecordingXaResource();
    narayana.commit(a, b);
    for (RecordingXaResource r : new RecordingXaResource[] {a, b}) {
      assertEquals(1, r.prepared.get(), "two resources: two-phase, not the one-phase optimization");
      assertEquals(1, r.committed.get());
      assertEquals(0, r.rolledBack.get());
    }
    try (Stream<Path> files = Files.walk(dir.resolve("journal"))) {
      assertTrue(files.anyMatch(p -> p.getFileName().toString().endsWith(".txlog")), "the journal's files are there");
    }
  }

  @Test
  void aTransactionRolledBackByTheApplicationIsRolledBackAtBothUnprepared() throws Exception {
    RecordingXaResource a = new RecordingXaResource();
    RecordingXaResource b = new RecordingXaResource();
    narayana.rollback(a, b);
    for (RecordingXaResource r : new RecordingXaResource[] {a, b}) {
      assertEquals(0, r.prepared.get());
      assertEquals(0, r.committed.get());
      assertEquals(1, r.rolledBack.get());
    }
  }

  @Test
  void aResourceThatVotesToRollBackRollsTheOtherBack() throws Exception {
    RecordingXaResource a = new RecordingXaResource();
    RecordingXaResource b = new RecordingXaResource();
    b.refuseNext.set(true);
    assertThrows(RollbackException.class, () -> narayana.commit(a, b));
    assertEquals(0, a.committed.get() + b.committed.get());
    assertEquals(1, a.rolledBack.get(), "prepared, then rolled back");
  }

  @Test
  void manyTransactionsInFlightAllCommit() throws Exception {
    RecordingXaResource a = new RecordingXaResource();
    RecordingXaResource b = new RecordingXaResource();
    ExecutorService workers = Narayana.workers(10);
    try {
      assertEquals(10, Narayana.commitAll(narayana, workers, 10, a, b));
      assertEquals(10, Narayana.commitAll(narayana, workers, 10, a, b));
    } finally {
      workers.shutdownNow();
    }
    assertEquals(20, a.committed.get());
    assertEquals(20, b.committed.get());
    assertEquals(20, b.prepared.get());
  }

  @Test
  void theBenchmarkCountsEveryTransactionItCommits() throws Exception {
    // Narayana starts once per JVM, so the benchmark's state gets this class's instead of its own.
    NarayanaBenchmark.Coordinator c = new NarayanaBenchmark.Coordinator();
    c.inFlight = 10;
    c.narayana = narayana;
    c.workers = Narayana.workers(c.inFlight);
    NarayanaBenchmark.Counters counters = new NarayanaBenchmark.Counters();
    try {
      assertEquals(10, new NarayanaBenchmark().commit(c, counters));
      assertEquals(10, new NarayanaBenchmark().commit(c, counters));
    } finally {
      c.workers.shutdownNow();
    }
    assertEquals(20, counters.transactions);
    assertEquals(20, c.a.committed.get());
    assertEquals(20, c.b.committed.get());
    assertThrows(IllegalStateException.class, Narayana::start, "its configuration is global to the JVM");
  }
}
