package io.github.bgp.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.bgp.api.DropReason;
import io.github.bgp.api.NodeId;
import io.github.bgp.api.Outcome;
import io.github.bgp.api.Scenario;
import io.github.bgp.api.Strategy;
import io.github.bgp.api.Value;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 10's first attack, against a live cluster over mutual TLS on 127.0.0.1: a traitor member
 * (node 3, with its genuine key) tries to set or shift the start, giving lieutenants 1 and 2
 * different epochs, one 10 days in the past, one an hour ahead, 1.5 s apart, and more (each of the
 * 24 attempts another split), with a START frame of wire version 1 (which any peer's was adopted
 * from before) and a SCHEDULE announcement to match, while it also lies in the protocol itself
 * (OM(1), n = 4, strategy split). The start is the application's: every node is given the same.
 * IC1 and IC2 hold in every attempt, every START is refused as malformed, and the traitor's
 * announcements alone never make a loyal node refuse to run (one member is at most m).
 */
class StartAttackTest {

  private static final long ROUND_MILLIS = 60_000; // every round closes when its last frame arrives
  private static final NodeId TRAITOR = NodeId.of(3);
  private static final long DAY = 86_400_000L;
  /** The epochs the traitor gives lieutenants 1 and 2, relative to now: one split per attempt. */
  private static final long[][] SPLITS = {
    {0, 1_500}, {-10 * DAY, 0}, {3_600_000, 0}, {-10 * DAY, 3_600_000}, {1, -1}, {-1_500, 1_500}, {0, 200},
    {250, -250}, {-60_000, 60_000}, {5_000, 10_000}, {-DAY, DAY}, {700, 0}, {0, -700}, {100, 2_000},
    {-2_000, -100}, {30_000, -30_000}, {999, 1_001}, {-3, 3}, {12_345, -54_321}, {1_000_000, -1_000_000},
    {400, 800}, {-800, -400}, {2 * DAY, -2 * DAY}, {60, 6_000},
  };

  @TempDir Path dir;

  @Test
  void noMemberCanSetOrShiftTheStartInTwentyFourSplits() throws Exception {
    ClusterConfig made = Certificates.makeCluster(dir, "test", 4, "127.0.0.1", 0, ROUND_MILLIS);
    try (LocalCluster cluster = LocalCluster.start(made, dir)) {
      List<CompletableFuture<NettyTransport.Disagreement>> refusals = new ArrayList<>();
      Announcement schedule = new Announcement(System.currentTimeMillis(), 42);
      for (int i = 0; i < 4; i++) { // every node announces the same schedule, m = 1
        refusals.add(cluster.transports.get(i).announce(schedule, 1));
      }
      Certificates.NodeKeys node3 = Certificates.read(TRAITOR, dir.resolve(Certificates.keyFile(TRAITOR)),
          made.certificate(TRAITOR));
      List<String> failures = new ArrayList<>();
      for (int k = 0; k < SPLITS.length; k++) {
        long now = System.currentTimeMillis();
        for (int lieutenant = 1; lieutenant <= 2; lieutenant++) {
          long epoch = now + SPLITS[k][lieutenant - 1];
          try (SSLSocket traitor = Attacker.tls(cluster.config.member(NodeId.of(lieutenant)).port(),
              node3.privateKey(), node3.certificate())) {
            Attacker.sendTillHungUp(traitor, Attacker.hello(TRAITOR, "test"),
                Attacker.schedule(new Announcement(Math.max(1, epoch), k)), Attacker.start(Math.max(1, epoch)));
            assertTrue(Attacker.hungUpOn(traitor), "lieutenant " + lieutenant + " kept talking after a START");
          }
        }
        Scenario s = Scenario.builder(4).m(1).order(Value.ATTACK).traitors(TRAITOR.index())
            .strategy(Strategy.SPLIT).seed(k).build();
        Outcome o = AttackRuns.start(cluster, "om", s, Schedule.instance("test", "start-attack", k),
            System.currentTimeMillis(), ROUND_MILLIS).outcome();
        if (!(o.ic1() && o.ic2()) || !o.decisions().values().stream().allMatch(d -> d.value().equals(Value.ATTACK))) {
          failures.add("split " + SPLITS[k][0] + "/" + SPLITS[k][1] + ": " + o.decisions());
        }
      }
      assertEquals(List.of(), failures, "IC1 and IC2 under a loyal commander ordering ATTACK, in every attempt");
      for (int lieutenant = 1; lieutenant <= 2; lieutenant++) {
        NodeMetrics m = cluster.transports.get(lieutenant).metrics();
        assertEquals(SPLITS.length, m.dropped(DropReason.MALFORMED), "every START refused: " + m.toText());
        Map<NodeId, Announcement> heard = cluster.transports.get(lieutenant).announced();
        assertEquals(SPLITS.length - 1, heard.get(TRAITOR).digest(), "the traitor's last announcement was heard");
      }
      for (int i = 0; i < 4; i++) {
        assertFalse(refusals.get(i).isDone(), "node " + i + " would refuse over one member's announcements: "
            + refusals.get(i).getNow(null));
      }
    }
  }

  @Test
  void aNodeRefusesOnlyWhenMorePeersThanCanBeTraitorsAnnounceAnotherSchedule() throws Exception {
    ClusterConfig made = Certificates.makeCluster(dir, "test", 4, "127.0.0.1", 0, ROUND_MILLIS);
    try (LocalCluster cluster = LocalCluster.start(made, dir)) {
      long start = System.currentTimeMillis() + 60_000;
      Announcement mine = new Announcement(start, 1);
      Announcement other = new Announcement(start + 5_000, 2);
      // node 3 alone says otherwise: nodes 0, 1, 2 run; node 3 hears three others, more than m = 1, and refuses
      CompletableFuture<NettyTransport.Disagreement> at0 = cluster.transports.get(0).announce(mine, 1);
      CompletableFuture<NettyTransport.Disagreement> at1 = cluster.transports.get(1).announce(mine, 1);
      CompletableFuture<NettyTransport.Disagreement> at2 = cluster.transports.get(2).announce(mine, 1);
      CompletableFuture<NettyTransport.Disagreement> at3 = cluster.transports.get(3).announce(other, 1);
      NettyTransport.Disagreement refused = at3.get(60, TimeUnit.SECONDS);
      assertTrue(refused.others().size() >= 2 && Set.of(NodeId.of(0), NodeId.of(1), NodeId.of(2))
          .containsAll(refused.others().keySet()), "refused once two (m + 1) said otherwise: " + refused.others());
      assertTrue(refused.describe().matches("nodes [0-2](, [0-2])+ announce another schedule than this node's start .*"),
          refused.describe());
      for (int i = 0; i < 3; i++) { // each waits until it has heard node 3's announcement
        NettyTransport t = cluster.transports.get(i);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!t.announced().containsKey(NodeId.of(3))) {
          assertTrue(System.nanoTime() < deadline, "node " + i + " never heard node 3's announcement");
          TimeUnit.MILLISECONDS.sleep(5);
        }
      }
      assertFalse(at0.isDone() || at1.isDone() || at2.isDone(), "one member (at most m) made a node refuse");
    }
  }
}
