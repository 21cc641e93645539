package io.github.bgp.om;

import static io.github.bgp.om.Fixtures.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.bgp.api.NodeId;
import io.github.bgp.api.Outcome;
import io.github.bgp.api.Scenario;
import io.github.bgp.api.Strategy;
import io.github.bgp.api.Value;
import io.github.bgp.testkit.Scenarios;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The cases the seeds draw, as plain examples. */
class TextbookCasesTest {

  private static final List<Strategy> STRATEGIES =
      List.of(Strategy.FLIP, Strategy.SPLIT, Strategy.SILENT, Strategy.RANDOM, Strategy.HONEST);

  @Test
  void threeGeneralsWithALyingLieutenantBreakIc2() {
    // The loyal commander orders ATTACK; lieutenant 2 tells lieutenant 1 it heard RETREAT.
    // Lieutenant 1 sees one ATTACK and one RETREAT: a tie, so it retreats (IC2 violated).
    Outcome o = run(Scenario.builder(3).m(1).traitors(2).strategy(Strategy.FLIP).build());
    assertEquals(Map.of(NodeId.of(1), Value.RETREAT), o.values());
    assertTrue(o.ic1());
    assertFalse(o.ic2());
    assertFalse(o.guarantee().holds());
  }

  @Test
  void threeGeneralsWithATraitorCommanderLookTheSameToLieutenantOne() {
    // The other half of the seeds' argument: a traitor commander who tells 1 ATTACK and 2
    // RETREAT gives lieutenant 1 exactly the view it had above (ATTACK from the commander,
    // RETREAT from 2). Whatever rule it uses, it must decide the same in both worlds.
    Outcome liarLieutenant = run(Scenario.builder(3).m(1).traitors(2).strategy(Strategy.FLIP).build());
    Outcome liarCommander = run(Scenario.builder(3).m(1).traitors(0).strategy(Strategy.SPLIT).build());
    assertEquals(liarLieutenant.decisions().get(NodeId.of(1)).heard(),
        liarCommander.decisions().get(NodeId.of(1)).heard());
  }

  @Test
  void fourGeneralsWithOneTraitorAnywhereAgree() {
    for (int traitor = 0; traitor < 4; traitor++) {
      for (Strategy strategy : STRATEGIES) {
        for (Value order : List.of(Value.ATTACK, Value.RETREAT)) {
          for (long seed = 0; seed < 5; seed++) {
            Scenario s = Scenario.builder(4).traitors(traitor).strategy(strategy).order(order).seed(seed).build();
            Outcome o = run(s);
            assertTrue(o.guarantee().holds());
            assertTrue(o.ic1() && o.ic2(), Fixtures.describe(s) + " -> " + o);
            assertEquals(9 - (strategy == Strategy.SILENT ? (traitor == 0 ? 3 : 2) : 0), o.messages());
          }
        }
      }
    }
  }

  @Test
  void sevenGeneralsWithAnyTwoTraitorsAgree() {
    for (int a = 0; a < 7; a++) {
      for (int b = a + 1; b < 7; b++) {
        for (Strategy strategy : STRATEGIES) {
          for (Value order : List.of(Value.ATTACK, Value.RETREAT)) {
            Scenario s = Scenario.builder(7).traitors(a, b).strategy(strategy).order(order).seed(a * 7L + b).build();
            Outcome o = run(s);
            assertTrue(o.ic1() && o.ic2(), Fixtures.describe(s) + " -> " + o);
          }
        }
      }
    }
  }

  @Test
  void theSeedsFirstDumpATraitorCommanderWithOrderZero() {
    // 000_...txt, "Dump správ, N=4, M=1": the commander (a traitor, order 0) sends 0 to 1 and
    // 3 and 1 to 2; every lieutenant relays honestly; all decide 0.
    Scenario s = Scenario.builder(4).m(1).traitors(0).order(Value.RETREAT)
        .strategy(Strategy.scripted(List.of(new Strategy.Lie(List.of(NodeId.of(0)), NodeId.of(2),
            Optional.of(Value.ATTACK))), Strategy.HONEST))
        .build();
    Outcome o = run(s);
    assertEquals(Map.of(NodeId.of(1), Value.RETREAT, NodeId.of(2), Value.RETREAT, NodeId.of(3), Value.RETREAT),
        o.values());
    String trace = Fixtures.trace(s);
    assertTrue(trace.contains("3::<- (level=0, value=ATTACK: path [0 2], others: [1]), final"), trace);
    assertTrue(trace.contains("2::<- (level=1, value=ATTACK: path [0], others: [1 3]), forward to: [1 3]"), trace);
  }

  @Test
  void theSeedsSecondDumpALyingLieutenantOne() {
    // Same page, second dump: order 1, lieutenant 1 a traitor who tells 2 and 3 it heard 0;
    // 2 and 3 still decide 1.
    Scenario s = Scenario.builder(4).m(1).traitors(1).order(Value.ATTACK)
        .strategy(Strategy.scripted(List.of(
            new Strategy.Lie(List.of(NodeId.of(0), NodeId.of(1)), NodeId.of(2), Optional.of(Value.RETREAT)),
            new Strategy.Lie(List.of(NodeId.of(0), NodeId.of(1)), NodeId.of(3), Optional.of(Value.RETREAT))),
            Strategy.HONEST))
        .build();
    Outcome o = run(s);
    assertEquals(Map.of(NodeId.of(2), Value.ATTACK, NodeId.of(3), Value.ATTACK), o.values());
    assertTrue(Fixtures.trace(s).contains("2::<- (level=0, value=RETREAT: path [0 1], others: [3]), final"));
  }

  @Test
  void fourRedundantComputersAgreeOnASensorReadingByMedian() {
    // The space shuttle story: four computers, one faulty, agreeing on a number.
    for (Strategy strategy : STRATEGIES) {
      for (int faulty = 0; faulty < 4; faulty++) {
        Scenario s = Scenario.builder(4).traitors(faulty).order(Value.number(72)).majority("median")
            .strategy(strategy).seed(faulty).build();
        Outcome o = run(s);
        assertTrue(o.ic1() && o.ic2(), Fixtures.describe(s) + " -> " + o);
        if (faulty != 0) {
          o.values().values().forEach(v -> assertEquals(Value.number(72), v));
        }
      }
    }
  }

  @Test
  void theGuaranteeSaysWhyOrWhyNot() {
    assertTrue(Fixtures.OM.guarantee(Scenario.builder(7).traitors(3, 4).build()).holds());
    String n3 = Fixtures.OM.guarantee(Scenario.builder(3).m(1).build()).explanation();
    assertTrue(n3.contains("n=3 is not more than 3m=3"), n3);
    String tooMany = Fixtures.OM.guarantee(Scenario.builder(7).traitors(1, 2, 3).build()).explanation();
    assertTrue(tooMany.contains("3 traitors are more than the m=2"), tooMany);
  }

  @Test
  void aCommanderWithNoLieutenantsToSpareStillRuns() {
    // n = 2: OM(0) whatever m is asked for; the lieutenant obeys what it hears.
    Outcome o = run(Scenario.builder(2).m(3).build());
    assertEquals(Map.of(NodeId.of(1), Value.ATTACK), o.values());
    assertEquals(1, o.messages());
    Outcome silent = run(Scenario.builder(2).traitors(0).strategy(Strategy.SILENT).build());
    assertEquals(Map.of(NodeId.of(1), Value.RETREAT), silent.values(), "absence means the default (A3)");
  }

  @Test
  void theContractStrategiesAreTheOnesTheGeneratorsUse() {
    assertEquals(List.of(Strategy.FLIP, Strategy.SILENT, Strategy.SPLIT, Strategy.RANDOM), Scenarios.CONTRACT_STRATEGIES);
  }
}
