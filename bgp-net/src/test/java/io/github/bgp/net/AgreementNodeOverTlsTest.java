package io.github.bgp.net;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.bgp.api.AgreementProtocol;
import io.github.bgp.api.AgreementSpec;
import io.github.bgp.api.KeyRing;
import io.github.bgp.api.NodeId;
import io.github.bgp.api.Protocols;
import io.github.bgp.api.Strategy;
import io.github.bgp.api.Value;
import io.github.bgp.api.ValueCodec;
import io.github.bgp.runtime.Transport;
import io.github.bgp.spi.Adversary;
import io.github.bgp.spi.Environment;
import io.github.bgp.spi.Input;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link AgreementNode} over Netty with mutual TLS 1.3, each node with its own certificate and
 * signing key, as separate processes would have them. A traitor member (node 3) holds its genuine
 * key and speaks the wire protocol, running the protocol's traitor nodes (strategy split) in every
 * agreement of an interactive consistency run; the loyal nodes are configured with nothing about
 * it. Rounds are long and the traitor is never silent, so nothing waits for a deadline.
 */
class AgreementNodeOverTlsTest {

  private static final long ROUND_MILLIS = 60_000;
  private static final NodeId TRAITOR = NodeId.of(3);

  @TempDir Path dir;

  private final Map<Integer, Gate> gates = new HashMap<>();

  private LocalCluster start(int n) throws Exception {
    ClusterConfig made = Certificates.makeCluster(dir, "ic", n, "127.0.0.1", 0, ROUND_MILLIS);
    Map<Integer, UnaryOperator<Transport>> wrappers = new HashMap<>();
    for (int i = 0; i < n; i++) {
      int id = i;
      wrappers.put(i, t -> {
        Gate g = new Gate(t);
        gates.put(id, g);
        return g;
      });
    }
    return LocalCluster.start(made, dir, Set.of(), wrappers);
  }

  private KeyRing ownKey(LocalCluster c, NodeId id) {
    Certificates.NodeKeys keys = Certificates.read(id, dir.resolve(Certificates.keyFile(id)), c.config.certificate(id));
    return Certificates.ring(c.config, Map.of(id, keys.privateKey()));
  }

  private AgreementNode loyal(LocalCluster c, int i, AgreementSpec spec) {
    return AgreementNode.builder(c.node(i), Protocols.agreement("sm"), spec).cluster(c.config)
        .maxSkewMillis(ROUND_MILLIS).keys(ownKey(c, NodeId.of(i))).build();
  }

  /**
   * The traitor's side of interactive consistency: in the agreement commanded by each node, the
   * protocol's node for its place, lying by {@code strategy}, under its own key only (it forges no
   * loyal signature); it proposes {@code own} in its own agreement, to each lieutenant as the
   * strategy says.
   */
  private void traitor(LocalCluster c, AgreementSpec spec, Slot slot, Strategy strategy, Value own) {
    AgreementProtocol sm = Protocols.agreement("sm");
    LiveNode live = c.node(TRAITOR.index());
    for (int commander = 0; commander < spec.generals(); commander++) {
      Rotation rotation = new Rotation(spec.generals(), commander);
      Slot part = slot.commandedBy(commander);
      Environment env = live.environment(part.id(), ROUND_MILLIS).keys(rotation.keys(ownKey(c, TRAITOR))).build();
      Adversary lies = Adversary.of(Set.of(rotation.toProtocol(TRAITOR)), strategy, 7);
      LiveNode.Instance in = live.register(part.id(), rotation.setup(sm.create(spec, env, lies)));
      in.start(part.startMillis());
      if (commander == TRAITOR.index()) {
        in.input(new Input.Propose(own));
      }
    }
  }

  @Test
  void everyLoyalNodeGetsTheSameVectorAndMedianWithATraitorMember() throws Exception {
    try (LocalCluster c = start(4)) {
      AgreementSpec spec = AgreementSpec.numbers(4, 1);
      Slot slot = Slot.of(c.config.name(), "readings", 0, System.currentTimeMillis());
      long[] readings = {21, 19, 23};
      List<CompletableFuture<AgreementNode.Vector>> vectors = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        vectors.add(loyal(c, i, spec).interactive(slot, Value.number(readings[i])));
      }
      traitor(c, spec, slot, Strategy.SPLIT, Value.number(1_000));
      gates.values().forEach(Gate::open);
      List<AgreementNode.Vector> got = new ArrayList<>();
      for (CompletableFuture<AgreementNode.Vector> v : vectors) {
        got.add(v.get(AgreementNodeTest.PATIENCE_SECONDS, TimeUnit.SECONDS));
      }
      for (int i = 0; i < 3; i++) {
        assertEquals(got.get(0), got.get(i), "IC1: every loyal node has the same vector");
        for (int j = 0; j < 3; j++) {
          assertEquals(Value.number(readings[j]), got.get(i).get(NodeId.of(j)), "IC2: a loyal node's own reading");
        }
        assertEquals(got.get(0).median(), got.get(i).median(), "the same median everywhere");
      }
      // split told odd lieutenants 1001 and even ones 999, signed: a proven traitor, the default 0
      assertEquals(Value.number(0), got.get(0).get(TRAITOR), "the traitor's equivocation gives the default");
      assertEquals(Value.number(19), got.get(0).median(), "the lower median of 0, 19, 21, 23");
    }
  }

  @Test
  void aTypedProposalIsDecidedOverTlsDespiteATraitorLieutenantFlippingItsRelays() throws Exception {
    try (LocalCluster c = start(4)) {
      AgreementSpec spec = AgreementSpec.bytes(4, 1, 1024);
      Slot slot = Slot.of(c.config.name(), "typed", 0, System.currentTimeMillis());
      ValueCodec<String> utf8 = ValueCodec.utf8();
      CompletableFuture<String> proposed = loyal(c, 0, spec).typed(utf8).propose(slot, "hold the bridge");
      List<CompletableFuture<String>> joined = new ArrayList<>();
      for (int i = 1; i < 3; i++) {
        joined.add(loyal(c, i, spec).typed(utf8).join(slot));
      }
      LiveNode live = c.node(TRAITOR.index());
      Environment env = live.environment(slot.id(), ROUND_MILLIS).keys(ownKey(c, TRAITOR)).build();
      LiveNode.Instance lying = live.register(slot.id(), Protocols.agreement("sm").create(spec, env,
          Adversary.of(Set.of(TRAITOR), Strategy.FLIP, 7)));
      lying.start(slot.startMillis());
      gates.values().forEach(Gate::open);
      assertEquals("hold the bridge", proposed.get(AgreementNodeTest.PATIENCE_SECONDS, TimeUnit.SECONDS));
      for (CompletableFuture<String> d : joined) {
        assertEquals("hold the bridge", d.get(AgreementNodeTest.PATIENCE_SECONDS, TimeUnit.SECONDS));
      }
    }
  }
}
