package io.github.bgp.om;

import static io.github.bgp.om.Fixtures.run;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.bgp.api.NodeId;
import io.github.bgp.api.Outcome;
import io.github.bgp.api.Scenario;
import io.github.bgp.api.Strategy;
import io.github.bgp.check.Gen;
import io.github.bgp.check.Property;
import io.github.bgp.testkit.Scenarios;
import java.util.List;
import org.junit.jupiter.api.Test;

/** OM(m)'s message counts are exactly the formula: the seeds' 9 and 156 and 26, and every other. */
class MessageCountsTest {

  @Test
  void fourGeneralsOneRoundOfRelaysSendNineMessages() {
    Outcome o = run(Scenario.builder(4).m(1).build());
    assertEquals(9, o.messages());
    assertEquals(2, o.rounds());
  }

  @Test
  void sevenGeneralsTwoTraitorsSend156AndEachLieutenantReceives26() {
    Outcome o = run(Scenario.builder(7).m(2).traitors(3, 4).strategy(Strategy.SPLIT).build());
    assertEquals(156, o.messages());
    for (int l = 1; l < 7; l++) {
      assertEquals(26, o.received().get(NodeId.of(l)), "lieutenant " + l);
    }
    assertEquals(0, o.received().get(NodeId.COMMANDER));
    assertEquals(3, o.rounds());
  }

  @Test
  void countsMatchTheFormulaWhenNobodyIsSilent() {
    Gen<Scenario> scenarios = Scenarios.generator().generals(2, 9).m(4)
        .strategies(List.of(Strategy.FLIP, Strategy.SPLIT, Strategy.RANDOM, Strategy.HONEST)).build()
        .map(s -> s.toBuilder().m(Math.min(s.m(), s.generals())).build());
    Property.forAll(scenarios).tries(300).describedAs(Fixtures::describe).check(s -> {
      Outcome o = run(s);
      long perLieutenant = 0;
      int rounds = Math.min(s.m(), s.generals() - 2) + 1;
      for (int k = 1; k <= rounds; k++) {
        perLieutenant += Layout.falling(s.generals() - 2, k - 1);
      }
      for (NodeId l : s.lieutenants()) {
        assertEquals(perLieutenant, o.received().get(l), "received by " + l);
      }
      return o.messages() == Fixtures.formula(s.generals(), s.m()) && o.rounds() == rounds;
    });
  }

  @Test
  void silentTraitorsSendNothingAndOnlyTheirMessagesAreMissing() {
    Gen<Scenario> scenarios = Scenarios.generator().generals(3, 9).m(3).strategies(List.of(Strategy.SILENT)).build();
    Property.forAll(scenarios).tries(200).describedAs(Fixtures::describe).check(s -> {
      int n = s.generals();
      int rounds = Math.min(s.m(), n - 2) + 1;
      long missing = 0;
      for (NodeId t : s.traitors()) {
        if (t.equals(NodeId.COMMANDER)) {
          missing += n - 1;
        } else {
          for (int k = 2; k <= rounds; k++) {
            missing += (n - 2) * Layout.falling(n - 3, k - 2);
          }
        }
      }
      return run(s).messages() == Fixtures.formula(n, s.m()) - missing;
    });
  }

  @Test
  void formulaIsTheRecursionOfThePaper() {
    // M(n, 0) = n - 1 and M(n, m) = (n - 1) + (n - 1) * M(n - 1, m - 1).
    for (int n = 3; n <= 12; n++) {
      for (int m = 0; m <= n - 2; m++) {
        assertEquals(recursion(n, m), Fixtures.formula(n, m), "n=" + n + " m=" + m);
        assertEquals(recursion(n, m), new Layout(n, m).expectedMessages(), "n=" + n + " m=" + m);
      }
    }
  }

  private static long recursion(int n, int m) {
    return m == 0 ? n - 1 : (n - 1) + (n - 1) * recursion(n - 1, m - 1);
  }
}
