package io.github.bgp.dolevstrong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.bgp.api.AgreementProtocol;
import io.github.bgp.api.InstanceId;
import io.github.bgp.api.KeyRing;
import io.github.bgp.api.NodeId;
import io.github.bgp.api.Outcome;
import io.github.bgp.api.Protocols;
import io.github.bgp.api.Scenario;
import io.github.bgp.api.Strategy;
import io.github.bgp.api.Value;
import io.github.bgp.check.Gen;
import io.github.bgp.check.Property;
import io.github.bgp.sim.Simulation;
import io.github.bgp.sm.Signature;
import io.github.bgp.sm.SignedValue;
import io.github.bgp.sm.Signatures;
import io.github.bgp.spi.Environment;
import io.github.bgp.testkit.Scenarios;
import java.nio.ByteBuffer;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Dolev-Strong: IC1 and IC2 for any n with at most m traitors (where oral messages cannot), its
 * message and signature counts, and signatures bound to their protocol, run and round.
 */
class DolevStrongTest {

  static final AgreementProtocol DS = Protocols.agreement("dolev-strong");
  static final AgreementProtocol SM = Protocols.agreement("sm");

  static String describe(Scenario s) {
    return String.format("n=%d m=%d traitors=%s order=%s strategy=%s seed=%d", s.generals(), s.m(), s.traitors(),
        s.order(), s.strategy().name(), s.seed());
  }

  @Test
  void ic1AndIc2HoldForAnyNWithAtMostMTraitors() {
    Gen<Scenario> any = Scenarios.generator().generals(2, 12).anyM().strategies(Strategy.builtins()).build();
    Property.forAll(any).tries(150).describedAs(DolevStrongTest::describe).check(s -> {
      Outcome o = Simulation.run(DS, s);
      return o.guarantee().holds() && o.undecided().isEmpty() && o.ic1() && o.ic2();
    });
  }

  @Test
  void ic1AndIc2HoldWhereOralMessagesCannot() {
    Gen<Scenario> impossibleForOm = Scenarios.generator().generals(3, 9).intolerable().strategies(Strategy.builtins())
        .build();
    Property.forAll(impossibleForOm).tries(120).describedAs(DolevStrongTest::describe).check(s -> {
      Outcome o = Simulation.run(DS, s);
      return o.ic1() && o.ic2();
    });
  }

  @Test
  void ic1AndIc2HoldForReadingsAndForTraitorsEachWithItsOwnStrategy() {
    Gen<Scenario> readings = Scenarios.generator().generals(3, 9).anyM().strategies(Strategy.builtins())
        .orders(List.of(Value.number(72), Value.number(-5))).build()
        .map(s -> {
          Map<NodeId, Strategy> by = new TreeMap<>();
          int i = 0;
          for (NodeId t : s.traitors()) {
            by.put(t, Strategy.builtins().get(i++ % Strategy.builtins().size()));
          }
          return s.toBuilder().strategy(Strategy.perTraitor(by, Strategy.SPLIT)).build();
        });
    Property.forAll(readings).tries(150).describedAs(DolevStrongTest::describe).check(s -> {
      Outcome o = Simulation.run(DS, s);
      return o.ic1() && o.ic2();
    });
  }

  @Test
  void threeGeneralsWithOneTraitorAgree() {
    for (int traitor = 0; traitor < 3; traitor++) {
      Scenario s = Scenario.builder(3).m(1).traitors(traitor).strategy(Strategy.SPLIT).build();
      Outcome o = Simulation.run(DS, s);
      assertTrue(o.ic1() && o.ic2(), describe(s) + " -> " + o);
    }
    Outcome split = Simulation.run(DS, Scenario.builder(4).m(1).traitors(0).strategy(Strategy.SPLIT).build());
    split.decisions().values().forEach(d -> assertTrue(d.evidence().get(0).contains("proven traitor"), d.toString()));
  }

  @Test
  void withNobodyLyingARunSendsTheSquareOfTheLieutenantsAndSignsOncePerGeneral() {
    for (int n = 2; n <= 12; n++) {
      for (int m = 0; m <= 4; m++) {
        Scenario s = Scenario.builder(n).m(m).build();
        Outcome o = Simulation.run(DS, s);
        Outcome sm = Simulation.run(SM, s);
        assertEquals(DolevStrong.loyalMessages(n, m), o.messages(), describe(s));
        assertEquals(sm.messages(), o.messages(), "as many messages as SM: " + describe(s));
        assertEquals(DolevStrong.loyalSignatures(n, m), o.counter("signatures.made"), describe(s));
        assertEquals(DolevStrong.loyalMessages(n, m), o.counter("signatures.verified"),
            "one per message: " + describe(s));
        assertEquals(Math.min(m + 1, Math.max(1, n - 1)), o.rounds(), describe(s));
        assertEquals(sm.counter("signatures.made"), o.counter("signatures.made"), "as many signatures as SM: "
            + describe(s));
      }
    }
  }

  @Test
  void aForgedRelayIsRejectedByEveryLoyalLieutenant() {
    Scenario s = Scenario.builder(5).m(1).traitors(2).strategy(Strategy.FLIP).build();
    Outcome o = Simulation.run(DS, s);
    assertEquals(s.loyalLieutenants().size(), o.counter("messages.rejected"));
    o.values().values().forEach(v -> assertEquals(Value.ATTACK, v));
  }

  @Test
  void theSameKeysAsSmSignUnderAnotherDomainSoNoSignatureCrossesProtocolsRunsOrRounds() {
    Environment env = Environment.builder(InstanceId.of(7)).build();
    Signatures ds = Signatures.forRun("bgp-ds/1", 4, env, 99);
    Signatures sm = Signatures.forRun("bgp-sm/2", 4, env, 99);
    Signature made = ds.sign(NodeId.COMMANDER, Value.ATTACK, List.of());
    assertTrue(ds.verify(Value.ATTACK, List.of(made), 0));
    assertFalse(sm.verify(Value.ATTACK, List.of(made), 0), "an SM run does not take a Dolev-Strong signature");
    assertFalse(ds.verify(Value.RETREAT, List.of(made), 0), "nor another value");
    Signatures otherRun = Signatures.forRun("bgp-ds/1", 4, Environment.builder(InstanceId.of(8)).build(), 99);
    Signatures otherCluster = Signatures.forRun("bgp-ds/1", 4,
        Environment.builder(InstanceId.of(7)).cluster("elsewhere").build(), 99);
    assertFalse(otherRun.verify(Value.ATTACK, List.of(made), 0), "nor another instance");
    assertFalse(otherCluster.verify(Value.ATTACK, List.of(made), 0), "nor another cluster");
    Signature relayed = ds.sign(NodeId.of(1), Value.ATTACK, List.of(made));
    assertTrue(ds.verify(Value.ATTACK, List.of(made, relayed), 1));
    assertFalse(ds.verify(Value.ATTACK, List.of(relayed), 0), "round 2's signature is not round 1's");
    byte[] smPayload = sm.payload(Value.ATTACK, List.of(), NodeId.COMMANDER);
    assertTrue(sm.verify(smPayload, sm.sign(NodeId.COMMANDER, Value.ATTACK, List.of())));
    Signature smMade = sm.sign(NodeId.COMMANDER, Value.ATTACK, List.of());
    assertFalse(java.util.Arrays.equals(smMade.bytes(), made.bytes()), "one key, two domains, two signatures");
  }

  @Test
  void keysComeFromTheEnvironmentsKeyRing() throws Exception {
    Map<NodeId, PublicKey> pub = new TreeMap<>();
    Map<NodeId, PrivateKey> priv = new TreeMap<>();
    KeyPairGenerator gen = KeyPairGenerator.getInstance("Ed25519");
    for (int i = 0; i < 4; i++) {
      KeyPair pair = gen.generateKeyPair();
      pub.put(NodeId.of(i), pair.getPublic());
      priv.put(NodeId.of(i), pair.getPrivate());
    }
    KeyRing ring = KeyRing.of(pub, priv);
    Scenario s = Scenario.builder(4).m(1).traitors(3).strategy(Strategy.FLIP).build();
    Outcome o = Simulation.builder().keys(ring).build().execute(DS, s);
    assertTrue(o.ic1() && o.ic2());
    KeyRing publicOnly = KeyRing.of(pub, Map.of());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Simulation.builder().keys(publicOnly).build().execute(DS, s));
    assertTrue(e.getMessage().contains("no private key"), e.getMessage());
  }

  @Test
  void framesRoundTripAndMalformedOnesAreRefusedSayingWhy() {
    Environment env = Environment.builder(InstanceId.of(1)).build();
    Signatures keys = Signatures.forRun("bgp-ds/1", 4, env, 1);
    Signature c = keys.sign(NodeId.COMMANDER, Value.number(5), List.of());
    DsFrame f = new DsFrame(List.of(new SignedValue(Value.number(5), List.of(c)),
        new SignedValue(Value.ATTACK, List.of(c, keys.sign(NodeId.of(2), Value.ATTACK, List.of(c))))));
    byte[] bytes = DsFrame.CODEC.encode(f);
    assertEquals(DsFrame.CODEC.size(f), bytes.length);
    assertEquals(f, DsFrame.CODEC.decode(ByteBuffer.wrap(bytes)));
    for (byte[][] bad : new byte[][][] {{{'D', 0}}, {{'S', 0, 0}}, {{'D', 0, 1, 0}}, {{'D', 0, 0, 7}}}) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> DsFrame.CODEC.decode(ByteBuffer.wrap(bad[0])));
      assertTrue(e.getMessage().contains("Dolev-Strong"), e.getMessage());
    }
  }
}
