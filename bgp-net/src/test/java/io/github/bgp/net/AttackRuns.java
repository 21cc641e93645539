package io.github.bgp.net;

import io.github.bgp.api.AgreementProtocol;
import io.github.bgp.api.InstanceId;
import io.github.bgp.api.Outcome;
import io.github.bgp.api.Protocols;
import io.github.bgp.api.Scenario;
import io.github.bgp.runtime.NodeReport;
import io.github.bgp.runtime.Outcomes;
import io.github.bgp.spi.Environment;
import io.github.bgp.spi.Input;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Agreement instances on a {@link LocalCluster}, as an application runs them: one start for every node. */
final class AttackRuns {

  /** How long a test waits for an instance before it fails. */
  static final long PATIENCE_SECONDS = 60;

  private AttackRuns() {}

  /** One instance of {@code scenario} on every present node of {@code cluster}. */
  record Run(AgreementProtocol protocol, Scenario scenario, List<LiveNode.Instance> instances) {
    /** The outcome once every present node finished, built as for any runtime. */
    Outcome outcome() throws Exception {
      List<NodeReport> reports = new ArrayList<>();
      for (LiveNode.Instance i : instances) {
        if (i != null) {
          reports.add(i.finished().get(PATIENCE_SECONDS, TimeUnit.SECONDS));
        }
      }
      return Outcomes.of(protocol.name(), scenario, protocol.guarantee(scenario), reports);
    }
  }

  /**
   * Registers instance {@code id} of {@code scenario} on every present node, starts it at
   * {@code epochMillis} everywhere (the application's schedule), and gives the commander its order.
   */
  static Run start(LocalCluster cluster, String protocol, Scenario scenario, InstanceId id, long epochMillis,
      long roundMillis) {
    AgreementProtocol p = Protocols.byName(protocol, AgreementProtocol.class);
    List<LiveNode.Instance> instances = new ArrayList<>();
    for (int i = 0; i < cluster.nodes.size(); i++) {
      LiveNode node = cluster.node(i);
      if (node == null) {
        instances.add(null);
        continue;
      }
      Environment.Builder env = node.environment(id, roundMillis);
      if (p.capabilities().contains(io.github.bgp.api.Protocol.Capability.SIGNATURES)) {
        env.keys(ring(cluster, i, scenario));
      }
      instances.add(node.register(id, p.create(scenario.spec(), env.build(), scenario.adversary())));
    }
    for (LiveNode.Instance i : instances) {
      if (i != null) {
        i.start(epochMillis);
      }
    }
    CompletableFuture<Void> proposed = instances.get(0).input(new Input.Propose(scenario.order()));
    proposed.exceptionally(e -> {
      throw new AssertionError("the commander refused its order", e);
    });
    return new Run(p, scenario, instances);
  }

  /** Node {@code i}'s key ring: every public key, and its own private key (a traitor's accomplices' too). */
  private static io.github.bgp.api.KeyRing ring(LocalCluster cluster, int i, Scenario scenario) {
    java.util.Map<io.github.bgp.api.NodeId, java.security.PrivateKey> keys = new java.util.TreeMap<>();
    io.github.bgp.api.NodeId self = io.github.bgp.api.NodeId.of(i);
    keys.put(self, Certificates.readPrivateKey(cluster.config.directory().resolve(Certificates.keyFile(self))));
    if (scenario.traitors().contains(self)) {
      for (io.github.bgp.api.NodeId t : scenario.traitors()) {
        keys.put(t, Certificates.readPrivateKey(cluster.config.directory().resolve(Certificates.keyFile(t))));
      }
    }
    return Certificates.ring(cluster.config, keys);
  }
}
