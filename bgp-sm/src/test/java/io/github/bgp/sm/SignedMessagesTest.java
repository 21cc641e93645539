package io.github.bgp.sm;

import static io.github.bgp.sm.SmFixtures.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.bgp.api.LogicalMessage;
import io.github.bgp.api.NodeId;
import io.github.bgp.api.Outcome;
import io.github.bgp.api.Scenario;
import io.github.bgp.api.Strategy;
import io.github.bgp.api.Value;
import io.github.bgp.check.Gen;
import io.github.bgp.check.Property;
import io.github.bgp.testkit.Scenarios;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Theorem 2 of the paper: with unforgeable signatures, IC1 and IC2 hold for any n, with at most m traitors. */
class SignedMessagesTest {

  private static final List<Strategy> ALL =
      List.of(Strategy.FLIP, Strategy.SILENT, Strategy.SPLIT, Strategy.RANDOM, Strategy.HONEST);

  @Test
  void ic1AndIc2HoldForAnyNWithAtMostMTraitors() {
    Gen<Scenario> scenarios = Scenarios.generator().generals(3, 12).anyM().strategies(ALL).build();
    Property.forAll(scenarios).tries(250).describedAs(SmFixtures::describe).check(s -> {
      Outcome o = run(s);
      return o.guarantee().holds() && o.ic1() && o.ic2();
    });
  }

  @Test
  void ic1AndIc2HoldExactlyWhereOralMessagesFail() {
    Gen<Scenario> impossibleForOm = Scenarios.generator().generals(3, 9).intolerable().strategies(ALL).build()
        .filter(s -> s.m() <= s.generals() - 2);
    Property.forAll(impossibleForOm).tries(200).describedAs(SmFixtures::describe).check(s -> {
      Outcome o = run(s);
      return o.ic1() && o.ic2();
    });
  }

  @Test
  void ic1AndIc2HoldForReadingsUnderTheMedian() {
    Gen<Scenario> readings = Scenarios.generator().generals(3, 9).anyM().strategies(ALL).majority("median")
        .orders(List.of(Value.number(72), Value.number(-5))).build();
    Property.forAll(readings).tries(150).describedAs(SmFixtures::describe).check(s -> {
      Outcome o = run(s);
      return o.ic1() && o.ic2();
    });
  }

  @Test
  void threeGeneralsWithOneTraitorFailUnderOmAndHoldUnderSm() {
    for (int traitor : new int[] {1, 2}) {
      Scenario s = Scenario.builder(3).m(1).traitors(traitor).strategy(Strategy.FLIP).build();
      Outcome om = io.github.bgp.sim.Simulation.run(SmFixtures.OM, s);
      Outcome sm = run(s);
      assertFalse(om.ic2(), "OM(1) with 3 generals, traitor " + traitor);
      assertTrue(sm.ic1() && sm.ic2(), "SM(1) with 3 generals, traitor " + traitor);
      assertEquals(Value.ATTACK, sm.values().values().iterator().next());
    }
  }

  @Test
  void aRelayForgedUnderTheCommandersSignatureIsRejectedByEveryLoyalLieutenant() {
    // Lieutenant 2 changes the loyal commander's ATTACK to RETREAT: it cannot re-sign the order.
    Scenario s = Scenario.builder(5).m(1).traitors(2).strategy(Strategy.FLIP).build();
    Outcome o = run(s);
    int loyalReceivers = s.loyalLieutenants().size();
    assertEquals(loyalReceivers, o.counter("messages.rejected"));
    assertEquals(0, o.droppedTotal(), "the frames themselves arrive: only the forged messages in them are rejected");
    o.values().values().forEach(v -> assertEquals(Value.ATTACK, v));
  }

  @Test
  void colludingTraitorsCanSignForEachOtherAndStillCannotBreakAgreement() {
    // The commander and lieutenant 1 are traitors sharing keys: 1 can sign orders as the commander.
    Scenario s = Scenario.builder(4).m(2).traitors(0, 1).strategy(Strategy.SPLIT).build();
    Outcome o = SmFixtures.traced(s);
    assertTrue(o.ic1(), o.toString());
    boolean forgedAccepted = o.trace().stream()
        .anyMatch(m -> m.from().equals(NodeId.of(1)) && !s.isTraitor(m.to()) && m.round() == 2);
    assertTrue(forgedAccepted, "lieutenant 1's relays under the commander's key arrive");
  }

  @Test
  void aCommanderWhoSignsTwoOrdersIsProvenATraitor() {
    Scenario s = Scenario.builder(5).m(1).traitors(0).strategy(Strategy.SPLIT).build();
    Outcome o = run(s);
    o.decisions().values().forEach(d -> {
      assertEquals(Value.RETREAT, d.value(), "choice of two values is the fallback");
      assertEquals(List.of("the commander signed both RETREAT and ATTACK: it is a proven traitor"), d.evidence());
    });
  }

  @Test
  void aLoyalCommanderMeansEachLieutenantRelaysOnce() {
    for (int n = 3; n <= 10; n++) {
      Scenario s = Scenario.builder(n).m(n - 2).strategy(Strategy.HONEST).build();
      Outcome o = SmFixtures.traced(s);
      assertEquals((n - 1) + (n - 1) * (n - 2), o.messages(), "n=" + n);
      assertEquals(Map.of(), relayedValuesAbove(o, 1), "n=" + n);
    }
  }

  @Test
  void withNobodyLyingEachGeneralSignsOnceAndEachDistinctSignatureIsVerifiedOnce() {
    for (int n = 2; n <= 12; n++) {
      for (int m = 0; m <= 4; m++) {
        Scenario s = Scenario.builder(n).m(m).build();
        Outcome o = run(s);
        long lieutenants = n - 1;
        boolean relays = m >= 1 && n >= 3;
        // The commander signs its order once for every lieutenant; each lieutenant countersigns it once.
        assertEquals(relays ? 1 + lieutenants : 1, o.counter("signatures.made"), SmFixtures.describe(s));
        // Each lieutenant verifies the commander's signature once and each other lieutenant's once.
        assertEquals(relays ? lieutenants * lieutenants : lieutenants, o.counter("signatures.verified"),
            SmFixtures.describe(s));
      }
    }
  }

  @Test
  void aTraitorCommanderSignsEachValueItSendsOnce() {
    for (int n = 3; n <= 9; n++) {
      // split: one order to odd-numbered lieutenants, the other to even ones; each lieutenant relays its own
      // once (m = 1: what arrives in round 2 is not relayed again).
      Scenario split = Scenario.builder(n).m(1).traitors(0).strategy(Strategy.SPLIT).build();
      assertEquals(2 + (n - 1), run(split).counter("signatures.made"), SmFixtures.describe(split));
      Scenario silent = Scenario.builder(n).m(1).traitors(0).strategy(Strategy.SILENT).build();
      assertEquals(0, run(silent).counter("signatures.made"), SmFixtures.describe(silent));
    }
  }

  @Test
  void aTraitorLieutenantSignsEveryLieItSends() {
    // A loyal commander signs ATTACK once; the three lieutenants countersign it once each; lieutenant 2 also
    // signs the RETREAT it sends each of the two others in place of its relay (it cannot re-sign the order).
    Scenario s = Scenario.builder(4).m(1).traitors(2).strategy(Strategy.FLIP).build();
    Outcome o = run(s);
    assertEquals(1 + 3 + 2, o.counter("signatures.made"), o.counters().toString());
    assertEquals(2, o.counter("messages.rejected"), o.counters().toString());
    // Verified: the commander's signature once at each lieutenant, each relay's countersignature once where it
    // arrives (two at the traitor, one at each loyal lieutenant); the lie carries the commander's signature,
    // verified already over ATTACK, under RETREAT: refused without another verification.
    assertEquals(3 + 2 + 1 + 1, o.counter("signatures.verified"), o.counters().toString());
  }

  @Test
  void underATraitorCommanderNoLieutenantRelaysMoreThanTwoValues() {
    Gen<Scenario> scenarios = Scenarios.generator().generals(3, 10).anyM()
        .strategies(List.of(Strategy.RANDOM, Strategy.SPLIT, Strategy.FLIP)).build()
        .filter(s -> !s.commanderIsLoyal());
    Property.forAll(scenarios).tries(150).describedAs(SmFixtures::describe).check(s -> {
      Outcome o = SmFixtures.traced(s);
      Map<NodeId, Set<Value>> tooMany = relayedValuesAbove(o, 2);
      tooMany.keySet().removeIf(s::isTraitor);
      return tooMany.isEmpty();
    });
  }

  /** The lieutenants that relayed more than {@code most} distinct values, with the values. */
  private static Map<NodeId, Set<Value>> relayedValuesAbove(Outcome o, int most) {
    Map<NodeId, Set<Value>> relayed = new HashMap<>();
    for (LogicalMessage m : o.trace()) {
      if (!m.from().equals(NodeId.COMMANDER)) {
        relayed.computeIfAbsent(m.from(), k -> new HashSet<>()).add(m.value());
      }
    }
    relayed.values().removeIf(values -> values.size() <= most);
    return relayed;
  }

  @Test
  void theSameSeedGivesTheSameRunSignaturesIncluded() {
    Scenario s = Scenario.builder(6).m(3).traitors(0, 2, 4).strategy(Strategy.RANDOM).seed(99).build();
    assertEquals(SmFixtures.traced(s), SmFixtures.traced(s));
    Outcome o = run(s);
    assertTrue(o.counter("signatures.made") > 0 && o.counter("signatures.verified") > 0, o.counters().toString());
  }

  @Test
  void theGuaranteeNeedsOnlyAtMostMTraitors() {
    assertTrue(SmFixtures.SM.guarantee(Scenario.builder(3).m(1).traitors(2).build()).holds());
    assertFalse(SmFixtures.SM.guarantee(Scenario.builder(7).m(1).traitors(1, 2).build()).holds());
  }
}
