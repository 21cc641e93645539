package io.github.bgp.examples.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.bgp.api.AgreementProtocol;
import io.github.bgp.api.Outcome;
import io.github.bgp.api.Protocol;
import io.github.bgp.api.Protocols;
import io.github.bgp.api.Scenario;
import io.github.bgp.api.Strategy;
import io.github.bgp.api.Value;
import io.github.bgp.sim.Simulation;
import org.junit.jupiter.api.Test;

/** What the contract suites do not say about the guide's protocol: its name, its bound, its cost. */
class RelayTest {

  private final AgreementProtocol relay = Protocols.agreement("relay");

  @Test
  void itIsFoundByNameAsAnAgreementProtocol() {
    assertEquals(Protocol.Family.AGREEMENT, relay.family());
    assertTrue(Protocols.names().contains("relay"), Protocols.names().toString());
  }

  @Test
  void itSendsNMinusOneOrdersAndTheirRelays() {
    Outcome o = Simulation.run(relay, Scenario.builder(7).build());
    assertEquals(6 + 6 * 5, o.messages()); // the commander's 6 orders, each relayed to the 5 other lieutenants
    assertTrue(o.ic1() && o.ic2());
  }

  @Test
  void threeGeneralsWithATraitorBreakIt() {
    Scenario s = Scenario.builder(3).m(1).traitors(2).strategy(Strategy.FLIP).order(Value.ATTACK).build();
    assertFalse(relay.guarantee(s).holds());
    Outcome o = Simulation.run(relay, s);
    assertFalse(o.ic2(), "lieutenant 1 hears ATTACK and RETREAT, ties, and retreats: " + o);
  }

  @Test
  void twoTraitorsAreMoreThanItPromises() {
    Scenario s = Scenario.builder(7).m(2).traitors(0, 5).strategy(Strategy.SPLIT).build();
    assertFalse(relay.guarantee(s).holds());
    assertTrue(relay.guarantee(Scenario.builder(7).m(2).traitors(5).build()).holds());
  }
}
