package io.github.bgp.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.bgp.api.NodeId;
import io.github.bgp.api.Outcome;
import io.github.bgp.api.Scenario;
import io.github.bgp.api.Value;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Absence is a fault like any other (issue 10): OM(2) with n = 7 and node 6 never started. Every
 * other node starts on schedule whoever is connected; node 6's frames never come, each round closes
 * at its deadline (A3), and the six decide: IC1 and IC2 hold, the loyal lieutenants obeying the loyal
 * commander. (The rounds must expire here, so this test alone waits for wall-clock deadlines: 5 s
 * each, 20 s in all, so that a present node's frame misses one only if the JVM stalls for that
 * long, a hang, not load; at 2 s a loaded machine could make a loyal frame late and a loyal
 * lieutenant decide without it.)
 */
class AbsenceTest {

  private static final long ROUND_MILLIS = 5_000;

  @TempDir Path dir;

  @Test
  void oneAbsentNodeOfSevenLeavesTheSixDeciding() throws Exception {
    ClusterConfig made = Certificates.makeCluster(dir, "test", 7, "127.0.0.1", 0, ROUND_MILLIS);
    try (LocalCluster cluster = LocalCluster.start(made, dir, Set.of(6))) {
      Scenario s = Scenario.builder(7).m(2).order(Value.ATTACK).traitors(6).build(); // absent: silent, a fault
      Outcome o = AttackRuns.start(cluster, "om", s, Schedule.instance("test", "absent", 0),
          System.currentTimeMillis(), ROUND_MILLIS).outcome();
      assertTrue(o.ic1() && o.ic2(), o.toString());
      for (int l = 1; l <= 5; l++) {
        assertEquals(Value.ATTACK, o.decisions().get(NodeId.of(l)).value(), o.toString());
      }
      assertTrue(cluster.transports.get(1).metrics().snapshot().get("rounds.deadline.misses") > 0,
          "node 6's frames were missed at the deadlines");
    }
  }
}
