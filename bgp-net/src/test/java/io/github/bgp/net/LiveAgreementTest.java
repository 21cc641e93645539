package io.github.bgp.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.bgp.api.AgreementProtocol;
import io.github.bgp.api.Guarantee;
import io.github.bgp.api.InstanceId;
import io.github.bgp.api.Outcome;
import io.github.bgp.api.Protocols;
import io.github.bgp.api.Scenario;
import io.github.bgp.api.Strategy;
import io.github.bgp.api.Value;
import io.github.bgp.runtime.NodeReport;
import io.github.bgp.sim.Simulation;
import io.github.bgp.spi.Environment;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LiveAgreementTest {

  @TempDir Path dir;

  @Test
  void omOverMutualTlsDecidesWhatTheSimulationDecides() throws Exception {
    Scenario scenario = Scenario.builder(4).m(1).order(Value.ATTACK).traitors(2)
        .strategy(Strategy.SPLIT).seed(42).build();
    try (LocalCluster cluster = LocalCluster.start(dir, 4, 300)) {
      Outcome live = run(cluster, "om", scenario);
      Outcome memory = Simulation.run(Protocols.byName("om", AgreementProtocol.class), scenario);
      assertEquals(memory.decisions(), live.decisions());
      assertEquals(memory.messages(), live.messages());
      assertTrue(live.ic1() && live.ic2(), live.toString());
    }
  }

  static Outcome run(LocalCluster cluster, String name, Scenario scenario) throws Exception {
    AgreementProtocol protocol = Protocols.byName(name, AgreementProtocol.class);
    Environment env = Environment.builder(InstanceId.fromSeed(scenario.seed()))
        .roundTimeout(cluster.config.roundTimeoutMillis()).build();
    List<LiveNode.Instance> runs = new ArrayList<>();
    for (LiveNode node : cluster.nodes) {
      runs.add(node.agreement(env.instance(), protocol.create(scenario, env)));
    }
    long epoch = System.currentTimeMillis(); // every node registered first: no frame finds one that is not
    runs.forEach(r -> r.start(epoch));
    List<NodeReport> reports = new ArrayList<>();
    for (LiveNode.Instance r : runs) {
      reports.add(r.finished().get(30, TimeUnit.SECONDS));
    }
    Guarantee g = protocol.guarantee(scenario);
    return Outcome.of(protocol.name(), scenario, g, reports);
  }
}
