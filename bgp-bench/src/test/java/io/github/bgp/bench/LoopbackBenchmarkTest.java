package io.github.bgp.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.bgp.api.AgreementProtocol;
import io.github.bgp.api.NodeId;
import io.github.bgp.api.Protocols;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Smoke runs of the loopback load, a fraction of a second each and untimed. */
class LoopbackBenchmarkTest {

  @TempDir
  Path dir;

  /**
   * Every instance decided as simulated. A node's last messages are counted when they leave,
   * which can be just after a decision (one that closes two rounds at once), so the count may
   * trail by those of instances still in flight when the load read it.
   */
  private static void checkAllDecidedAsSimulated(AgreementLoad.Result r, List<AgreementLoad.Workload> pool, int window) {
    long most = pool.stream().mapToLong(AgreementLoad.Workload::messages).max().orElseThrow();
    long least = pool.stream().mapToLong(AgreementLoad.Workload::messages).min().orElseThrow();
    assertTrue(r.agreements() > 0, r.toString());
    assertEquals(0, r.wrong(), "instances deciding otherwise than the simulator");
    assertEquals(0, r.unfinished());
    assertEquals(0, r.deadlineMisses());
    assertTrue(r.messages() <= most * r.agreements() && r.messages() >= least * (r.agreements() - window),
        r.messages() + " messages in " + r.agreements() + " instances");
    assertEquals(r.agreements(), r.latencies().getTotalCount());
    assertTrue(r.latency(0.5) > 0 && r.latency(0.5) <= r.latency(0.99) && r.latency(0.99) <= r.latency(1.0));
    assertTrue(r.nanos() > 0);
  }

  @Test
  void thePoolHasTraitorLieutenantsAndTraitorCommandersAndBothOrders() {
    List<AgreementLoad.Workload> pool = AgreementLoad.pool(Protocols.agreement("om"), 4, 8);
    assertEquals(8, pool.size());
    assertEquals(4, pool.stream().filter(w -> w.scenario().isTraitor(NodeId.COMMANDER)).count());
    assertTrue(pool.stream().allMatch(w -> w.scenario().traitors().size() == 1 && w.messages() == 9));
    assertEquals(2, pool.stream().map(w -> w.scenario().order()).distinct().count());
    assertEquals(3, pool.stream().filter(w -> !w.scenario().isTraitor(NodeId.COMMANDER))
        .map(w -> w.scenario().traitors().first()).distinct().count());
  }

  @Test
  void omOverMutualTlsOnLoopbackDecidesWhatTheSimulatorDecides() throws Exception {
    AgreementProtocol om = Protocols.agreement("om");
    List<AgreementLoad.Workload> pool = AgreementLoad.pool(om, 4, 8);
    try (LiveCluster c = LiveCluster.tls(dir, 4, 2_000)) {
      checkAllDecidedAsSimulated(AgreementLoad.live(c, om, pool, 16, 4, 300, 2_000, new AtomicLong()), pool, 16);
    }
  }

  @Test
  void smOnLiveNodesWithoutSocketsDecidesWhatTheSimulatorDecides() throws Exception {
    AgreementProtocol sm = Protocols.agreement("sm");
    List<AgreementLoad.Workload> pool = AgreementLoad.pool(sm, 4, 4);
    AtomicLong ids = new AtomicLong();
    try (LiveCluster c = LiveCluster.memory(4)) {
      AgreementLoad.Result first = AgreementLoad.live(c, sm, pool, 8, 1, 200, 2_000, ids);
      checkAllDecidedAsSimulated(first, pool, 8);
      checkAllDecidedAsSimulated(AgreementLoad.live(c, sm, pool, 8, 8, 100, 2_000, ids), pool, 8);
      assertTrue(ids.get() >= first.agreements());
    }
  }

  @Test
  void theBenchmarkFillsItsCountersOnEachRuntime() throws Exception {
    for (String runtime : List.of("sim", "memory", "tls")) {
      LoopbackBenchmark.Load load = new LoopbackBenchmark.Load();
      load.protocol = "om";
      load.runtime = runtime;
      load.window = 8;
      load.starters = 2;
      load.millis = 150;
      load.roundTimeout = 2_000;
      LoopbackBenchmark.Figures f = new LoopbackBenchmark.Figures();
      load.setUp();
      try {
        new LoopbackBenchmark().load(load, f);
      } finally {
        load.tearDown();
      }
      assertTrue(f.agreements > 0 && f.loadNanos > 0, runtime);
      assertTrue(f.messages <= 9 * f.agreements && f.messages >= 9 * (f.agreements - load.window), runtime);
      assertTrue(f.p50Micros > 0 && f.p50Micros <= f.p90Micros && f.p90Micros <= f.p99Micros
          && f.p99Micros <= f.maxMicros, runtime);
      assertEquals(0, f.wrongDecisions + f.unfinished + f.deadlineMisses, runtime);
    }
  }
}
