package io.github.bgp.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.bgp.api.CommitOutcome;
import io.github.bgp.api.CommitProtocol;
import io.github.bgp.api.CommitScenario;
import io.github.bgp.api.InstanceId;
import io.github.bgp.api.NodeId;
import io.github.bgp.api.Protocols;
import io.github.bgp.api.Verdict;
import io.github.bgp.spi.Environment;
import io.github.bgp.twophase.log.FileLog;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LiveCommitTest {

  @TempDir Path dir;

  @Test
  void twoPhaseCommitOnTheWallClockWithFileLogsCommitsAndAbortsAsVoted() throws Exception {
    CommitScenario.Builder b = CommitScenario.builder(3).timeouts(new CommitScenario.Timeouts(2_000, 4_000, 200));
    for (long t = 1; t <= 40; t++) {
      b.transaction(t, t, t % 7 == 0 ? List.of(Verdict.COMMIT, Verdict.ABORT, Verdict.COMMIT)
          : List.of(Verdict.COMMIT, Verdict.COMMIT, Verdict.COMMIT));
    }
    CommitScenario scenario = b.build();
    CommitProtocol tpc = Protocols.byName("2pc", CommitProtocol.class);
    Environment env = Environment.builder(InstanceId.of(7)).build();
    var commit = tpc.create(scenario, env, tpc.scriptedResources(scenario));
    LocalNetwork net = new LocalNetwork(scenario.nodes());
    Map<NodeId, FileLog> logs = new TreeMap<>();
    Map<NodeId, LiveNode.Instance> instances = new TreeMap<>();
    Map<NodeId, LiveNode> nodes = new TreeMap<>();
    for (int i = 0; i < scenario.nodes(); i++) {
      NodeId id = NodeId.of(i);
      logs.put(id, FileLog.open(dir.resolve("node-" + i + ".log")));
      LiveNode node = new LiveNode(net.endpoint(id), new NodeMetrics(id));
      nodes.put(id, node);
      // Registered everywhere before any node starts: a vote request reaching a node that does
      // not run the instance yet would be dropped, and that participant would never vote.
      instances.put(id, node.commit(env.instance(), commit, logs.get(id)));
    }
    long epoch = System.currentTimeMillis();
    instances.values().forEach(i -> i.start(epoch));
    CommitOutcome outcome = onDisk(tpc, scenario);
    for (long deadline = System.nanoTime() + 20_000_000_000L; !allDecided(outcome) && System.nanoTime() < deadline; ) {
      Thread.sleep(20);
      outcome = onDisk(tpc, scenario);
    }
    for (LiveNode n : nodes.values()) {
      n.close();
    }
    long forces = 0;
    for (FileLog log : logs.values()) {
      forces += log.forces();
      log.close();
    }
    Map<NodeId, List<byte[]>> records = records(scenario);
    assertTrue(outcome.atomic() && outcome.valid() && allDecided(outcome), outcome.toString());
    assertEquals(Verdict.ABORT, outcome.transactions().get(7L).outcome().orElseThrow());
    assertEquals(Verdict.COMMIT, outcome.transactions().get(8L).outcome().orElseThrow());
    outcome = onDisk(tpc, scenario);
    long appended = records.values().stream().mapToLong(List::size).sum();
    assertTrue(forces > 0 && forces <= appended, forces + " forces for " + appended + " records");
  }

  private Map<NodeId, List<byte[]>> records(CommitScenario scenario) {
    Map<NodeId, List<byte[]>> records = new TreeMap<>();
    for (int i = 0; i < scenario.nodes(); i++) {
      records.put(NodeId.of(i), FileLog.inspect(dir.resolve("node-" + i + ".log")).records().stream()
          .map(r -> r.payload()).toList());
    }
    return records;
  }

  private static boolean allDecided(CommitOutcome outcome) {
    return outcome.transactions().values().stream().allMatch(CommitOutcome.Txn::decided);
  }

  /** What the logs on disk say, read without disturbing the running nodes. */
  private CommitOutcome onDisk(CommitProtocol tpc, CommitScenario scenario) {
    return tpc.outcome(scenario, records(scenario), Set.of(), 0, Map.of(), List.of());
  }
}
