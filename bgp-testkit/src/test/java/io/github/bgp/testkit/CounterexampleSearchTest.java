package io.github.bgp.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.bgp.api.NodeId;
import io.github.bgp.api.Outcome;
import io.github.bgp.api.Scenario;
import io.github.bgp.api.Strategy;
import io.github.bgp.check.Property;
import io.github.bgp.sim.DirectOrders;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CounterexampleSearchTest {

  /**
   * Random-seeded: 6% of the draws have a lying commander (16 tries on average, at most 109 over 1,000 seeds), so a
   * miss within the 2,000 default tries is below 10^-50; all 1,000 seeds shrank to the same case.
   */
  @Test
  void findsTheTraitorCommanderThatBreaksOm0AndReducesItToOneLie() {
    DirectOrders direct = new DirectOrders();
    long seed = Property.defaultSeed();
    Optional<CounterexampleSearch.Counterexample> c = CounterexampleSearch.of(direct)
        .scenarios(Scenarios.generator().generalsShrinkingFrom(8, 2).m(2).build())
        .seed(seed)
        .run();
    String replay = " (search seed " + seed + ", replay with -D" + Property.SEED_PROPERTY + "=" + seed + ")";
    assertTrue(c.isPresent(), "no counterexample found" + replay);
    Scenario shrunk = c.get().shrunk();
    // The smallest scenario where OM(0) fails: a traitor commander and two loyal lieutenants.
    assertEquals(3, shrunk.generals(), shrunk + replay);
    assertEquals(List.of(NodeId.COMMANDER), List.copyOf(shrunk.traitors()), shrunk + replay);
    List<Strategy.Lie> lies = c.get().lies().orElseThrow();
    assertEquals(1, lies.size(), "one lie to one lieutenant is enough: " + lies + replay);
    Outcome o = c.get().outcome();
    assertFalse(o.ic1(), o + replay);
    assertEquals(2, o.trace().size(), "the counterexample is traced" + replay);
  }

  @Test
  void findsNothingWhenTheCommanderIsAlwaysLoyal() {
    Optional<CounterexampleSearch.Counterexample> c = CounterexampleSearch.of(new DirectOrders())
        .scenarios(Scenarios.generator().generals(3, 8).m(3).commanderMayBeTraitor(false).build())
        .tries(300)
        .run();
    assertTrue(c.isEmpty(), () -> c.get().toString());
  }

  @Test
  void aProtocolThatCrashesIsReportedWithTheSearchSeed() {
    DirectOrders broken = new DirectOrders();
    broken.lieutenantsEcho = true;
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> CounterexampleSearch.of(broken)
        .seed(1234).scenarios(Scenarios.generator().generals(3, 5).m(1).build()).tries(20).run());
    assertTrue(e.getMessage().contains("failed with an exception") && e.getMessage().contains("1234"), e.getMessage());
  }

  @Test
  void theSameSeedFindsTheSameCounterexample() {
    CounterexampleSearch.Counterexample a = search(77);
    CounterexampleSearch.Counterexample b = search(77);
    assertEquals(a.found(), b.found());
    assertEquals(a.shrunk(), b.shrunk());
    assertEquals(a.minimal(), b.minimal());
    assertEquals(a.lies(), b.lies());
  }

  private static CounterexampleSearch.Counterexample search(long seed) {
    return CounterexampleSearch.of(new DirectOrders()).seed(seed)
        .scenarios(Scenarios.generator().generalsShrinkingFrom(6, 2).m(2).build()).run().orElseThrow();
  }
}
