package io.github.bgp.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.bgp.api.Resource;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Smoke runs of the benchmark over two real PostgreSQL databases and its in-memory twin: tiny and untimed. */
class PostgresCommitBenchmarkTest {

  private static final int OPERATIONS = 4;

  private static PostgresCommitBenchmark.Cluster cluster(String store) {
    PostgresCommitBenchmark.Cluster c = new PostgresCommitBenchmark.Cluster();
    c.inFlight = 1;
    c.store = store;
    return c;
  }

  /** Runs {@link #OPERATIONS} operations in one iteration of {@code c}'s trial, which the caller has started. */
  private static void iteration(PostgresCommitBenchmark.Cluster c, PostgresCommitBenchmark.Counters counters,
      PostgresCommitBenchmark.Latency latency) throws Exception {
    counters.reset();
    latency.reset();
    c.setUp();
    Path logs = c.dir;
    try {
      for (int i = 0; i < OPERATIONS; i++) {
        assertEquals(1, new PostgresCommitBenchmark().commit(c, counters, latency));
      }
    } finally {
      c.tearDown();
    }
    assertFalse(Files.exists(logs), "the logs are deleted after the iteration");
  }

  @Test
  void eachTransactionIsCommittedInBothDatabasesAndNothingIsLeftPrepared() throws Exception {
    PostgresCommitBenchmark.Cluster c = cluster("postgres");
    PostgresCommitBenchmark.Counters counters = new PostgresCommitBenchmark.Counters();
    PostgresCommitBenchmark.Latency latency = new PostgresCommitBenchmark.Latency();
    c.startStores();
    try {
      for (int i = 0; i < PostgresCommitBenchmark.PARTICIPANTS; i++) {
        assertEquals("on", c.databases.setting(i, "synchronous_commit"), "server " + i + " is durable");
        assertEquals("on", c.databases.setting(i, "fsync"), "server " + i);
        assertEquals(Integer.toString(PostgresStores.maxPrepared(1)),
            c.databases.setting(i, "max_prepared_transactions"), "server " + i);
      }
      iteration(c, counters, latency);
      assertEquals(OPERATIONS, counters.commits);
      // A second iteration: a fresh cluster on fresh logs beside the same databases, its ids from 1 again.
      iteration(c, counters, latency);
      assertEquals(OPERATIONS, counters.commits);
      assertTrue(latency.p50Millis > 0 && latency.p99Millis >= latency.p50Millis,
          latency.p50Millis + " / " + latency.p99Millis + " ms");
      for (int i = 0; i < PostgresCommitBenchmark.PARTICIPANTS; i++) {
        assertEquals(2L * OPERATIONS, c.databases.commits(i), "database " + i + " holds every transaction's update");
        assertEquals(0, c.databases.prepared(i), "database " + i + " holds nothing prepared");
      }
    } finally {
      c.stopStores();
    }
  }

  @Test
  void theInMemoryTwinCommitsTheSameWorkload() throws Exception {
    PostgresCommitBenchmark.Cluster c = cluster("memory");
    PostgresCommitBenchmark.Counters counters = new PostgresCommitBenchmark.Counters();
    PostgresCommitBenchmark.Latency latency = new PostgresCommitBenchmark.Latency();
    c.startStores();
    try {
      iteration(c, counters, latency);
      assertEquals(OPERATIONS, counters.commits);
      for (Resource r : c.resources) {
        assertEquals(OPERATIONS, ((Tally.Memory) r).commits());
      }
    } finally {
      c.stopStores();
    }
  }

  @Test
  void anUnknownStoreIsRefused() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> cluster("mysql").startStores());
    assertTrue(e.getMessage().contains("'mysql'"), e.getMessage());
  }

  @Test
  void aPoolOrIdleCountThatIsNotANumberIsRefusedNamingIt() {
    for (String param : new String[] {"pool", "idle"}) {
      PostgresCommitBenchmark.Cluster c = cluster("memory");
      if (param.equals("pool")) {
        c.pool = "lots";
      } else {
        c.idle = "lots";
      }
      Exception e = assertThrows(IllegalArgumentException.class, c::startStores);
      assertTrue(e.getMessage().contains(param + " is 'sized' or a number, not 'lots'"), e.getMessage());
      c.stopStores();
    }
  }
}
