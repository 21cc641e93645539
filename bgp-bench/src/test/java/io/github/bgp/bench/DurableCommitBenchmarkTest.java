package io.github.bgp.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.bgp.api.CommitProtocol;
import io.github.bgp.api.Protocols;
import io.github.bgp.twophase.log.FileLog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Smoke runs of the durable 2PC benchmark and its baseline, tiny and untimed. */
class DurableCommitBenchmarkTest {

  @TempDir
  Path dir;

  @Test
  void aBatchIsCommittedAndDurableAtEveryParticipantWithFewerForcesThanRecords() throws Exception {
    int participants = 2;
    int batch = 30;
    CommitCluster.Batch first;
    CommitCluster.Batch second;
    try (CommitCluster c = CommitCluster.start(dir, participants)) {
      first = c.run(batch);
      second = c.run(batch);
    }
    for (CommitCluster.Batch b : List.of(first, second)) {
      assertEquals(batch, b.decisions());
      // BEGIN and the decision at the coordinator, READY and COMMIT at each participant; END may follow later.
      assertTrue(b.records() >= (long) batch * (2 + 2 * participants), b.toString());
      assertTrue(b.forces() > 0 && b.forces() < b.records(), b.toString());
    }
    CommitProtocol tpc = Protocols.byName("2pc", CommitProtocol.class);
    for (int i = 1; i <= participants; i++) {
      List<byte[]> records = FileLog.inspect(dir.resolve("node-" + i + ".log")).records().stream()
          .map(r -> r.payload()).toList();
      Map<Long, List<String>> byTxn = tpc.describeLog(records);
      assertEquals(batch, byTxn.size(), "both batches reuse transaction ids 1.." + batch + ": " + byTxn.keySet());
      byTxn.forEach((txn, logged) -> {
        // ENDED follows once the coordinator has ended the transaction, which may come after the batch returned.
        assertEquals(List.of("READY", "OUTCOME COMMIT", "READY", "OUTCOME COMMIT"),
            logged.stream().filter(r -> !r.equals("ENDED")).toList(),
            "READY and COMMIT for txn " + txn + " in each of both batches: " + logged);
        assertTrue(logged.size() <= 6, "at most one ENDED per batch for txn " + txn + ": " + logged);
      });
    }
  }

  @Test
  void theBenchmarkCountsDecisionsForcesAndRecords() throws Exception {
    DurableCommitBenchmark.Cluster cluster = new DurableCommitBenchmark.Cluster();
    cluster.participants = 3;
    cluster.batch = 20;
    DurableCommitBenchmark.Counters counters = new DurableCommitBenchmark.Counters();
    cluster.setUp();
    Path logs = cluster.dir;
    try {
      assertEquals(20, new DurableCommitBenchmark().commit(cluster, counters));
      new DurableCommitBenchmark().commit(cluster, counters);
    } finally {
      cluster.tearDown();
    }
    assertEquals(40, counters.decisions);
    assertTrue(counters.forces > 0 && counters.forces < counters.records, counters.forces + " forces");
    assertTrue(counters.recordBytes > counters.records, counters.recordBytes + " bytes");
    assertFalse(Files.exists(logs), "the logs are deleted after the iteration");
  }

  @Test
  void theBaselineAppendsRecordsOfTheMeanSizeTwoPhaseCommitLogs() throws Exception {
    int size = CommitCluster.meanRecordBytes(dir.resolve("probe"));
    assertTrue(size >= 9 && size <= 13, size + " bytes: 2PC's records are 9 to 13 bytes without a payload");
    assertFalse(Files.exists(dir.resolve("probe")));

    ForcedAppendBenchmark.Log log = new ForcedAppendBenchmark.Log();
    log.logs = 1;
    log.setUp();
    try {
      assertEquals(size, log.record.length);
      ForcedAppendBenchmark b = new ForcedAppendBenchmark();
      assertEquals(1, b.appendAndForce(log));
      assertEquals(2, b.appendAndForce(log));
    } finally {
      log.tearDown();
    }
  }

  @Test
  void withSeveralLogsAnOperationForcesEachOnce() throws Exception {
    ForcedAppendBenchmark.Log log = new ForcedAppendBenchmark.Log();
    log.logs = 4;
    log.setUp();
    Path logs = log.dir;
    try {
      ForcedAppendBenchmark b = new ForcedAppendBenchmark();
      assertEquals(4, b.appendAndForce(log));
      assertEquals(8, b.appendAndForce(log));
      for (int i = 0; i < 4; i++) {
        assertEquals(2, FileLog.inspect(logs.resolve("forced-" + i + ".log")).records().size(), "log " + i);
      }
    } finally {
      log.tearDown();
    }
    assertFalse(Files.exists(logs), "the logs are deleted after the trial");
  }
}
