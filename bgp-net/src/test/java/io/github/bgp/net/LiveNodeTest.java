package io.github.bgp.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.bgp.api.CommitProtocol;
import io.github.bgp.api.CommitScenario;
import io.github.bgp.api.InstanceId;
import io.github.bgp.api.NodeId;
import io.github.bgp.api.Protocols;
import io.github.bgp.runtime.DurableLog;
import io.github.bgp.sim.Simulation;
import io.github.bgp.spi.Environment;
import io.github.bgp.spi.Input;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class LiveNodeTest {

  /** A log whose disk has failed: appends are taken, forcing them fails. */
  private static final class BrokenLog implements DurableLog {
    final List<byte[]> appended = new ArrayList<>();

    @Override
    public List<byte[]> recovered() {
      return List.of();
    }

    @Override
    public void append(byte[] record) {
      appended.add(record);
    }

    @Override
    public void force() {
      throw new UncheckedIOException(new java.io.IOException("the disk is gone"));
    }

    @Override
    public long forces() {
      return 0;
    }

    @Override
    public void close() {}
  }

  /** An in-memory log that works. */
  private static final class GoodLog implements DurableLog {
    @Override
    public List<byte[]> recovered() {
      return List.of();
    }

    @Override
    public void append(byte[] record) {}

    @Override
    public void force() {}

    @Override
    public long forces() {
      return 0;
    }

    @Override
    public void close() {}
  }

  @Test
  void anInstanceWhoseLogCannotForceStopsAndSendsNothingItHeldBehindTheForce() throws Exception {
    CommitScenario scenario = CommitScenario.builder(2).commit(1, 0)
        .timeouts(new CommitScenario.Timeouts(2_000, 4_000, 200)).build();
    CommitProtocol tpc = Protocols.commit("2pc");
    var commit = tpc.create(scenario.spec(), Environment.builder(InstanceId.of(3)).build());
    var resources = Simulation.scripted(scenario);
    LocalNetwork net = new LocalNetwork(scenario.nodes());
    List<LiveNode> nodes = new ArrayList<>();
    List<LiveNode.Instance> instances = new ArrayList<>();
    BrokenLog broken = new BrokenLog();
    try {
      for (int i = 0; i < scenario.nodes(); i++) {
        LiveNode node = new LiveNode(net.endpoint(NodeId.of(i)), new NodeMetrics(NodeId.of(i)));
        nodes.add(node);
        instances.add(node.register(InstanceId.of(3), commit, i == 0 ? broken : new GoodLog(),
            i == 0 ? null : resources.apply(NodeId.of(i))));
      }
      long epoch = System.currentTimeMillis();
      instances.forEach(x -> x.start(epoch));
      instances.get(0).input(new Input.Submit(scenario.transactions().get(0).transaction()));
      // The coordinator logs BEGIN and holds its vote requests behind the force, which fails.
      ExecutionException failed = assertThrows(ExecutionException.class,
          () -> instances.get(0).finished().get(60, TimeUnit.SECONDS));
      assertTrue(failed.getCause() instanceof UncheckedIOException, failed.toString());
      assertEquals(1, broken.appended.size(), "BEGIN was appended, never forced");
      for (int i = 1; i < scenario.nodes(); i++) {
        // A frame the coordinator had sent would be queued on the participant's thread before the failure, and
        // handled before this report, which that thread makes after everything queued before it.
        instances.get(i).report();
        assertEquals(0L, nodes.get(i).metrics().snapshot().get("messages.in"),
            "participant " + i + " received a vote request its coordinator never made durable");
      }
    } finally {
      nodes.forEach(LiveNode::close);
    }
  }
}
