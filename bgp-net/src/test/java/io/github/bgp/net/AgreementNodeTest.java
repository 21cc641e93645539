package io.github.bgp.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.bgp.api.AgreementSpec;
import io.github.bgp.api.Decision;
import io.github.bgp.api.KeyRing;
import io.github.bgp.api.NodeId;
import io.github.bgp.api.Protocols;
import io.github.bgp.api.Value;
import io.github.bgp.api.ValueCodec;
import io.github.bgp.sm.KeyFiles;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * Applications driving agreements through {@link AgreementNode} over the in-process network: the
 * commander's node is handed its value, the lieutenants join, every node gets its decision from a
 * future; interactive consistency gives every node the same vector and median. Rounds are long
 * and nobody is silent, so every round closes on its last frame: no deadline is waited for.
 */
class AgreementNodeTest {

  static final long ROUND_MILLIS = 60_000;
  static final long PATIENCE_SECONDS = 60;

  /** The cluster's keys as node {@code self} holds them: every public key, its own private key. */
  static KeyRing ringOf(Map<NodeId, KeyPair> pairs, NodeId self) {
    Map<NodeId, PublicKey> pub = new TreeMap<>();
    pairs.forEach((id, p) -> pub.put(id, p.getPublic()));
    Map<NodeId, PrivateKey> own = Map.of(self, pairs.get(self).getPrivate());
    return KeyRing.of(pub, own);
  }

  /** Four live nodes over the in-process network, each behind a gate. */
  private static final class Cluster implements AutoCloseable {
    final List<Gate> gates = new ArrayList<>();
    final List<LiveNode> nodes = new ArrayList<>();
    final Map<NodeId, KeyPair> pairs;

    Cluster(int n) {
      LocalNetwork net = new LocalNetwork(n);
      pairs = KeyFiles.generate(n);
      for (int i = 0; i < n; i++) {
        Gate g = new Gate(net.endpoint(NodeId.of(i)));
        gates.add(g);
        nodes.add(new LiveNode(g, new NodeMetrics(NodeId.of(i)), "local"));
      }
    }

    AgreementNode agreements(int i, String protocol, AgreementSpec spec) {
      return AgreementNode.builder(nodes.get(i), Protocols.agreement(protocol), spec).roundMillis(ROUND_MILLIS)
          .maxSkewMillis(ROUND_MILLIS).keys(ringOf(pairs, NodeId.of(i))).build();
    }

    void open() {
      gates.forEach(Gate::open);
    }

    @Override
    public void close() {
      nodes.forEach(LiveNode::close);
    }
  }

  private static Slot slot(String run) {
    return Slot.of("local", run, 0, System.currentTimeMillis());
  }

  @ParameterizedTest
  @ValueSource(strings = {"sm", "dolev-strong"})
  void theCommanderProposesATypedValueAndEveryLieutenantDecidesIt(String protocol) throws Exception {
    try (Cluster c = new Cluster(4)) {
      AgreementSpec spec = AgreementSpec.bytes(4, 1, 256);
      Slot slot = slot("typed-" + protocol);
      List<CompletableFuture<String>> decided = new ArrayList<>();
      decided.add(c.agreements(0, protocol, spec).typed(ValueCodec.utf8()).propose(slot, "attack at dawn"));
      for (int i = 1; i < 4; i++) {
        decided.add(c.agreements(i, protocol, spec).typed(ValueCodec.utf8()).join(slot));
      }
      c.open();
      for (CompletableFuture<String> d : decided) {
        assertEquals("attack at dawn", d.get(PATIENCE_SECONDS, TimeUnit.SECONDS));
      }
    }
  }

  @Test
  void aLieutenantsDecisionSaysWhatItHeardFromWhom() throws Exception {
    try (Cluster c = new Cluster(4)) {
      AgreementSpec spec = AgreementSpec.numbers(4, 1);
      Slot slot = slot("heard");
      CompletableFuture<Decision> commander = c.agreements(0, "sm", spec).propose(slot, Value.number(7));
      CompletableFuture<Decision> two = c.agreements(2, "sm", spec).join(slot);
      c.agreements(1, "sm", spec).join(slot);
      c.agreements(3, "sm", spec).join(slot);
      c.open();
      assertEquals(Value.number(7), commander.get(PATIENCE_SECONDS, TimeUnit.SECONDS).value());
      Decision d = two.get(PATIENCE_SECONDS, TimeUnit.SECONDS);
      assertEquals(Value.number(7), d.value());
      assertEquals(Map.of(NodeId.COMMANDER, Value.number(7), NodeId.of(1), Value.number(7), NodeId.of(3),
          Value.number(7)), d.heard(), "the lieutenant heard the commander and each other lieutenant's relay");
    }
  }

  @Test
  void interactiveConsistencyGivesEveryNodeTheSameVectorAndMedian() throws Exception {
    try (Cluster c = new Cluster(4)) {
      AgreementSpec spec = AgreementSpec.numbers(4, 1);
      Slot slot = slot("readings");
      long[] readings = {10, 40, 20, 30};
      List<CompletableFuture<AgreementNode.Vector>> vectors = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        vectors.add(c.agreements(i, "sm", spec).interactive(slot, Value.number(readings[i])));
      }
      c.open();
      Map<NodeId, Value> expected = new TreeMap<>();
      for (int i = 0; i < 4; i++) {
        expected.put(NodeId.of(i), Value.number(readings[i]));
      }
      for (CompletableFuture<AgreementNode.Vector> v : vectors) {
        AgreementNode.Vector got = v.get(PATIENCE_SECONDS, TimeUnit.SECONDS);
        assertEquals(expected, got.values());
        assertEquals(Value.number(20), got.median(), "the lower median of 10, 20, 30, 40");
      }
    }
  }

  @Test
  void typedInteractiveConsistencyDecodesEveryEntry() throws Exception {
    try (Cluster c = new Cluster(4)) {
      AgreementSpec spec = AgreementSpec.bytes(4, 1, 64);
      Slot slot = slot("names");
      List<CompletableFuture<java.util.SortedMap<NodeId, java.util.Optional<String>>>> vectors = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        vectors.add(c.agreements(i, "dolev-strong", spec).typed(ValueCodec.utf8()).interactive(slot, "node " + i));
      }
      c.open();
      for (var v : vectors) {
        var got = v.get(PATIENCE_SECONDS, TimeUnit.SECONDS);
        for (int i = 0; i < 4; i++) {
          assertEquals(java.util.Optional.of("node " + i), got.get(NodeId.of(i)));
        }
      }
    }
  }

  @Test
  void badCallsAreRefusedNamingTheProblem() {
    try (Cluster c = new Cluster(4)) {
      AgreementSpec spec = AgreementSpec.bytes(4, 1, 8);
      AgreementNode commander = c.agreements(0, "sm", spec);
      AgreementNode lieutenant = c.agreements(1, "sm", spec);
      Slot slot = slot("refusals");
      IllegalStateException notCommander = assertThrows(IllegalStateException.class,
          () -> lieutenant.propose(slot, Value.bytes(new byte[1])));
      assertTrue(notCommander.getMessage().contains("only the commander"), notCommander.getMessage());
      IllegalStateException notLieutenant = assertThrows(IllegalStateException.class, () -> commander.join(slot));
      assertTrue(notLieutenant.getMessage().contains("is the commander"), notLieutenant.getMessage());
      IllegalArgumentException large = assertThrows(IllegalArgumentException.class,
          () -> commander.propose(slot, Value.bytes(new byte[9])));
      assertTrue(large.getMessage().contains("9 bytes is larger than the 8"), large.getMessage());
      IllegalArgumentException kind = assertThrows(IllegalArgumentException.class,
          () -> commander.propose(slot, Value.ATTACK));
      assertTrue(kind.getMessage().contains("kind BYTES"), kind.getMessage());
      Slot past = Slot.of("local", "old", 0, System.currentTimeMillis() - 10 * ROUND_MILLIS);
      IllegalArgumentException passed = assertThrows(IllegalArgumentException.class, () -> lieutenant.join(past));
      assertTrue(passed.getMessage().contains("passed"), passed.getMessage());
      IllegalArgumentException noKeys = assertThrows(IllegalArgumentException.class,
          () -> AgreementNode.builder(c.nodes.get(0), Protocols.agreement("sm"), spec).build());
      assertTrue(noKeys.getMessage().contains("signs"), noKeys.getMessage());
      IllegalArgumentException notTyped = assertThrows(IllegalArgumentException.class,
          () -> c.agreements(0, "sm", AgreementSpec.numbers(4, 1)).typed(ValueCodec.utf8()));
      assertTrue(notTyped.getMessage().contains("kind NUMBER"), notTyped.getMessage());
      lieutenant.join(slot);
      IllegalArgumentException twice = assertThrows(IllegalArgumentException.class, () -> lieutenant.join(slot));
      assertTrue(twice.getMessage().contains("already runs"), twice.getMessage());
      Slot readings = slot("twice");
      AgreementNode numbers = c.agreements(2, "sm", AgreementSpec.numbers(4, 1));
      numbers.interactive(readings, Value.number(1));
      IllegalArgumentException again = assertThrows(IllegalArgumentException.class,
          () -> numbers.interactive(readings, Value.number(2)));
      assertTrue(again.getMessage().contains("already runs"), again.getMessage());
    }
  }
}
