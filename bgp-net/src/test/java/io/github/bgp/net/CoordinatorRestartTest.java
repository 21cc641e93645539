package io.github.bgp.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.bgp.api.CommitOutcome;
import io.github.bgp.api.CommitProtocol;
import io.github.bgp.api.CommitScenario;
import io.github.bgp.api.InstanceId;
import io.github.bgp.api.NodeId;
import io.github.bgp.api.Protocols;
import io.github.bgp.api.Resource;
import io.github.bgp.api.Verdict;
import io.github.bgp.runtime.Frame;
import io.github.bgp.runtime.Transport;
import io.github.bgp.sim.Simulation;
import io.github.bgp.spi.Environment;
import io.github.bgp.spi.Input;
import io.github.bgp.twophase.log.FileLog;
import io.github.bgp.twophase.log.LogOwner;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A restarted 2PC coordinator re-announces every logged decision to whoever is reachable and
 * retries the rest (issue 10), over mutual TLS on 127.0.0.1: participant 3 votes COMMIT and then
 * hears nothing more and goes down; the coordinator decides COMMIT, participants 1 and 2 learn it,
 * END cannot be logged. The coordinator is killed and restarted from its log while participant 3 is
 * still down: it re-announces COMMIT and keeps retrying participant 3. When participant 3 comes back
 * from its log (READY), it learns COMMIT, acknowledges, and the coordinator logs END: every log
 * agrees.
 */
class CoordinatorRestartTest {

  private static final CommitProtocol TPC = Protocols.commit("2pc");
  private static final CommitScenario SCENARIO = CommitScenario.builder(3).seed(9)
      .timeouts(new CommitScenario.Timeouts(60_000, 60_000, 100)).transaction(1, 0,
          List.of(Verdict.COMMIT, Verdict.COMMIT, Verdict.COMMIT)).build();
  private static final InstanceId ID = Schedule.instance("test", "restart", 0);
  private static final NodeId COORDINATOR = NodeId.of(0);
  private static final NodeId LAST = NodeId.of(3);

  @TempDir Path dir;

  /** Participant 3's link: after it sent its vote, it hears and says nothing (it is as good as down). */
  private static final class DeafAfterVoting implements Transport {
    private final Transport net;
    private volatile boolean deaf;

    DeafAfterVoting(Transport net) {
      this.net = net;
    }

    @Override
    public NodeId self() {
      return net.self();
    }

    @Override
    public void send(Frame frame) {
      if (!deaf) {
        net.send(frame);
        deaf = true;
      }
    }

    @Override
    public void onReceive(Receiver receiver) {
      net.onReceive(frame -> {
        if (!deaf) {
          receiver.receive(frame);
        } else {
          net.consumed(frame);
        }
      });
    }

    @Override
    public void consumed(Frame frame) {
      net.consumed(frame);
    }

    @Override
    public void close() {
      net.close();
    }
  }

  @Test
  void aRestartedCoordinatorReannouncesToWhoeverIsUpAndRetriesTheRest() throws Exception {
    ClusterConfig made = Certificates.makeCluster(dir, "test", 4, "127.0.0.1", 0, 500);
    Function<NodeId, Resource> resources = Simulation.scripted(SCENARIO);
    FileLog[] logs = new FileLog[4];
    try (LocalCluster cluster = LocalCluster.start(made, dir, Set.of(),
        Map.<Integer, UnaryOperator<Transport>>of(LAST.index(), DeafAfterVoting::new))) {
      LiveNode.Instance[] at = new LiveNode.Instance[4];
      for (int i = 0; i < 4; i++) {
        logs[i] = FileLog.open(log(i), owner(i));
        at[i] = register(cluster.node(i), i, logs[i], resources);
      }
      long epoch = System.currentTimeMillis();
      for (LiveNode.Instance in : at) {
        in.start(epoch);
      }
      at[0].input(new Input.Submit(SCENARIO.transactions().get(0).transaction())).get(30, TimeUnit.SECONDS);
      assertEquals(Verdict.COMMIT, at[0].outcome(1).get(30, TimeUnit.SECONDS));
      assertEquals(Verdict.COMMIT, at[1].outcome(1).get(30, TimeUnit.SECONDS));
      assertEquals(Verdict.COMMIT, at[2].outcome(1).get(30, TimeUnit.SECONDS));
      assertEquals(List.of("BEGIN", "DECIDED COMMIT"), described(0), "no END while participant 3 has not acked");

      // The coordinator dies; participant 3 is down too.
      cluster.node(COORDINATOR.index()).close();
      logs[0].close();
      cluster.node(LAST.index()).close();
      logs[3].close();
      assertEquals(List.of("READY"), described(3), "participant 3 voted COMMIT and learned nothing");

      LiveNode coordinator = restart(cluster, made, COORDINATOR);
      logs[0] = FileLog.open(log(0), owner(0));
      LiveNode.Instance recovered = register(coordinator, 0, logs[0], resources);
      recovered.start(System.currentTimeMillis());
      assertEquals(Verdict.COMMIT, recovered.outcome(1).get(30, TimeUnit.SECONDS), "its logged decision");
      await(() -> recovered.report().counters().getOrDefault("decisions.resent", 0L) >= 3,
          "the coordinator retrying participant 3");
      assertEquals(List.of("BEGIN", "DECIDED COMMIT"), described(0), "still no END: participant 3 is down");

      LiveNode back = restart(cluster, made, LAST);
      logs[3] = FileLog.open(log(3), owner(3));
      LiveNode.Instance three = register(back, 3, logs[3], resources);
      three.start(System.currentTimeMillis());
      assertEquals(Verdict.COMMIT, three.outcome(1).get(30, TimeUnit.SECONDS), "participant 3, back, learns COMMIT");
      await(() -> described(0).contains("END"), "the coordinator logging END once participant 3 acknowledged");
      coordinator.close();
      back.close();
    } finally {
      for (FileLog l : logs) {
        if (l != null) {
          l.close();
        }
      }
    }
    Map<NodeId, List<byte[]>> records = new TreeMap<>();
    for (int i = 0; i < 4; i++) {
      records.put(NodeId.of(i), FileLog.inspect(log(i)).records().stream().map(r -> r.payload()).toList());
    }
    CommitOutcome o = TPC.outcome(SCENARIO.spec(), records, Set.of(), Set.of(1L));
    assertTrue(o.atomic() && o.valid() && o.transactions().get(1L).decided(), o.transactions().toString());
  }

  private LiveNode.Instance register(LiveNode node, int i, FileLog log, Function<NodeId, Resource> resources) {
    Environment env = node.environment(ID, 500).build();
    return node.register(ID, TPC.create(SCENARIO.spec(), env), log, i == 0 ? null : resources.apply(NodeId.of(i)));
  }

  /** Node {@code id} again, on its old port, dialing the others. */
  private LiveNode restart(LocalCluster cluster, ClusterConfig made, NodeId id) throws InterruptedException {
    NettyTransport t = NettyTransport.listen(cluster.config, id,
        Certificates.read(id, dir.resolve(Certificates.keyFile(id)), made.certificate(id)), new NodeMetrics(id));
    t.connect(cluster.config);
    return new LiveNode(t, t.metrics(), made.name());
  }

  private Path log(int node) {
    return dir.resolve("node-" + node + ".log");
  }

  private List<String> described(int node) {
    List<byte[]> records = FileLog.inspect(log(node)).records().stream().map(r -> r.payload()).toList();
    return TPC.describeLog(records).getOrDefault(1L, List.of());
  }

  private static void await(java.util.function.BooleanSupplier condition, String what) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!condition.getAsBoolean()) {
      assertTrue(System.nanoTime() < deadline, "timed out waiting for " + what);
      TimeUnit.MILLISECONDS.sleep(10);
    }
  }

  /** Node i's log owner in the test cluster. */
  private static LogOwner owner(int i) {
    return LogOwner.of("test", SCENARIO.spec(), NodeId.of(i), "2pc");
  }
}
