package io.github.bgp.om;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.github.bgp.api.Outcome;
import io.github.bgp.api.Scenario;
import io.github.bgp.api.Strategy;
import io.github.bgp.check.Gen;
import io.github.bgp.check.Property;
import io.github.bgp.testkit.Scenarios;
import org.junit.jupiter.api.Test;

/** A run is a function of its scenario and seed, trace included, byte for byte. */
class DeterminismTest {

  @Test
  void theSameSeedGivesTheIdenticalTrace() {
    Gen<Scenario> scenarios = Scenarios.generator().generals(2, 8).m(3).build();
    Property.forAll(scenarios).tries(100).describedAs(Fixtures::describe).check(s -> {
      Outcome a = Fixtures.traced(s);
      Outcome b = Fixtures.traced(s);
      assertEquals(a, b);
      assertEquals(Fixtures.trace(s), Fixtures.trace(s));
      return true;
    });
  }

  @Test
  void aDifferentSeedUnderRandomGivesADifferentTrace() {
    Scenario one = Scenario.builder(7).traitors(3, 4).strategy(Strategy.RANDOM).seed(1).build();
    Scenario two = one.toBuilder().seed(2).build();
    assertNotEquals(Fixtures.trace(one), Fixtures.trace(two));
    // and the outcome of each replays
    assertEquals(Fixtures.run(one), Fixtures.run(one.toBuilder().build()));
  }

  @Test
  void theTraceListsEveryLogicalMessageWithLamportTimes() {
    Scenario s = Scenario.builder(7).traitors(3, 4).strategy(Strategy.SPLIT).build();
    Outcome o = Fixtures.traced(s);
    assertEquals(156, o.trace().size());
    o.trace().forEach(m -> {
      if (m.receivedAt() <= m.sentAt()) {
        throw new AssertionError("received before it was sent: " + m);
      }
      if (m.path().size() != m.round() || !m.path().get(m.path().size() - 1).equals(m.from())) {
        throw new AssertionError("path does not end with the sender: " + m);
      }
    });
    String text = Fixtures.trace(s);
    assertEquals(157, text.lines().count(), "the commander's order and one line per message");
  }

  @Test
  void aRunOnAllCoresIsTheRunOnOne() {
    // n=16, m=4 carries enough payload per instant to be spread over the cores.
    for (Strategy strategy : java.util.List.of(Strategy.RANDOM, Strategy.FLIP, Strategy.SILENT)) {
      Scenario s = Scenario.builder(16).m(4).traitors(0, 5, 9, 14).strategy(strategy).seed(16).build();
      Outcome parallel = io.github.bgp.sim.Simulation.builder().build().execute(Fixtures.OM, s);
      Outcome sequential = io.github.bgp.sim.Simulation.builder().parallel(false).build().execute(Fixtures.OM, s);
      assertEquals(sequential, parallel, strategy.name());
    }
  }
}
