package io.github.bgp.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.bgp.api.DropReason;
import io.github.bgp.api.InstanceId;
import io.github.bgp.api.NodeId;
import io.github.bgp.api.Outcome;
import io.github.bgp.api.Scenario;
import io.github.bgp.api.Strategy;
import io.github.bgp.api.Value;
import io.github.bgp.runtime.Frame;
import io.github.bgp.runtime.Transport;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 10's replay attack, over mutual TLS on 127.0.0.1: under SM(1) with n = 4, node 3 records
 * every frame it sends in run 1 (the commander, loyal, orders RETREAT; node 3 relays its signed
 * order), and in run 2 (the commander, loyal, orders ATTACK) sends those recorded frames in place
 * of its own round-2 relays: as they were (run 1's instance) and re-addressed to run 2's instance.
 * Run ids differ, so instance ids differ ({@link Schedule#instance}), and SM's signatures bind the
 * cluster and the instance: no replayed signature verifies, the loyal lieutenants decide ATTACK, and
 * the frames of run 1's instance are late. The control shows the attack is real: replayed into a
 * run that reuses run 1's id (as ids from a default seed did), it makes both loyal lieutenants
 * decide RETREAT under a commander that ordered ATTACK.
 */
class ReplayAttackTest {

  private static final long ROUND_MILLIS = 60_000;
  private static final NodeId TRAITOR = NodeId.of(3);

  @TempDir Path dir;

  /** Node 3's transport: records what it sends for one instance, and replays it into another in place of round 2. */
  private static final class Replayer implements Transport {
    private final Transport net;
    private final List<Frame> recorded;
    private volatile InstanceId recording;
    private volatile InstanceId into;
    private final List<Frame> replayed = new CopyOnWriteArrayList<>();

    Replayer(Transport net, List<Frame> recorded) {
      this.net = net;
      this.recorded = recorded;
    }

    @Override
    public NodeId self() {
      return net.self();
    }

    @Override
    public void send(Frame frame) {
      if (frame.instance().equals(recording)) {
        recorded.add(frame);
      }
      if (frame.instance().equals(into) && frame.round() == 2) {
        for (Frame old : recorded) {
          if (old.round() == 2 && old.to().equals(frame.to())) {
            net.send(old); // as it was: run 1's instance
            Frame again = new Frame(into, 2, old.from(), old.to(), frame.lamport(), old.payload());
            net.send(again); // run 1's signed relay, as run 2's
            replayed.add(again);
          }
        }
        return; // the replay stands in for node 3's own relay
      }
      net.send(frame);
    }

    @Override
    public void onReceive(Receiver receiver) {
      net.onReceive(receiver);
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
  void noSignatureOrFrameOfAnotherRunIsAccepted() throws Exception {
    ClusterConfig made = Certificates.makeCluster(dir, "test", 4, "127.0.0.1", 0, ROUND_MILLIS);
    List<Frame> recorded = new CopyOnWriteArrayList<>();
    Replayer[] node3 = new Replayer[1];
    Map<Integer, UnaryOperator<Transport>> traitor = Map.of(TRAITOR.index(), t -> node3[0] = new Replayer(t, recorded));
    InstanceId run1 = Schedule.instance("test", "run-1", 0);
    InstanceId run2 = Schedule.instance("test", "run-2", 0);
    assertNotEquals(run1, run2);
    try (LocalCluster cluster = LocalCluster.start(made, dir, Set.of(), traitor)) {
      node3[0].recording = run1;
      Scenario retreat = Scenario.builder(4).m(1).order(Value.RETREAT).seed(1).build();
      Outcome first = AttackRuns.start(cluster, "sm", retreat, run1, System.currentTimeMillis(), ROUND_MILLIS)
          .outcome();
      assertTrue(first.ic1() && first.ic2(), first.toString());
      assertEquals(2, recorded.stream().filter(f -> f.round() == 2).count(), "node 3's relays of RETREAT, recorded");

      node3[0].into = run2;
      Scenario attack = Scenario.builder(4).m(1).order(Value.ATTACK).traitors(TRAITOR.index())
          .strategy(Strategy.HONEST).seed(2).build(); // node 3 runs SM honestly; its transport replays
      AttackRuns.Run second = AttackRuns.start(cluster, "sm", attack, run2, System.currentTimeMillis(), ROUND_MILLIS);
      Outcome o = second.outcome();
      assertEquals(2, node3[0].replayed.size(), "both replays were sent");
      assertTrue(o.ic1() && o.ic2(), o.toString());
      for (int l = 1; l <= 2; l++) {
        NodeId lieutenant = NodeId.of(l);
        assertEquals(Value.ATTACK, o.decisions().get(lieutenant).value(), "lieutenant " + l + ": " + o);
        var report = second.instances().get(l).finished().get();
        assertEquals(1, report.counters().getOrDefault("messages.rejected", 0L),
            "lieutenant " + l + " rejected the replayed signature: " + report.counters());
        NodeMetrics m = cluster.transports.get(l).metrics();
        assertEquals(1, m.dropped(DropReason.LATE), "run 1's own frame, late: " + m.toText());
      }
    }

    // The control: the same recorded frames into a run that reuses run 1's id, as a default seed did.
    try (LocalCluster again = LocalCluster.start(made, dir, Set.of(), traitor)) {
      node3[0].into = run1;
      Scenario attack = Scenario.builder(4).m(1).order(Value.ATTACK).traitors(TRAITOR.index())
          .strategy(Strategy.HONEST).seed(2).build();
      Outcome reused = AttackRuns.start(again, "sm", attack, run1, System.currentTimeMillis(), ROUND_MILLIS)
          .outcome();
      assertFalse(reused.ic2(), "with a reused instance id the replay should have worked: " + reused);
      assertEquals(Value.RETREAT, reused.decisions().get(NodeId.of(1)).value(), reused.toString());
      assertEquals(Value.RETREAT, reused.decisions().get(NodeId.of(2)).value(), reused.toString());
    }
  }
}
