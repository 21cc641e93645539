package io.github.bgp.om;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.bgp.api.InstanceId;
import io.github.bgp.api.Scenario;
import io.github.bgp.api.Value;
import io.github.bgp.sim.Simulation;
import io.github.bgp.spi.Environment;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A run that cannot fit says so before it starts, instead of dying half way. */
class MemoryGuardTest {

  @Test
  void aRunTooLargeForTheHeapIsRefusedWithTheNumbers() {
    // n=20,000, m=2: 8e12 messages, about 2 TB even at a bit each; no test JVM's heap holds that.
    Scenario huge = Scenario.builder(20_000).m(2).build();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Fixtures.run(huge));
    assertTrue(e.getMessage().contains("needs about") && e.getMessage().contains("-Xmx"), e.getMessage());
  }

  @Test
  void aRunTooLargeForOneArrayIsRefusedByTheProtocol() {
    Scenario enormous = Scenario.builder(40).m(12).build();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Fixtures.OM.create(enormous.spec(), Environment.builder(InstanceId.of(1)).build()));
    assertTrue(e.getMessage().contains("too large to run by message passing"), e.getMessage());
    assertTrue(e.getMessage().contains("more than 9.2e18"), e.getMessage());
  }

  @Test
  void theEstimateCoversWhatARunKeeps() {
    // The estimate counts every lieutenant's tree and the last round's frames held twice (encoded
    // and decoded), at a bit per order and 8 bytes per number.
    for (Value order : List.of(Value.ATTACK, Value.number(3))) {
      Scenario s = Scenario.builder(16).m(5).order(order).majority(order.isOrder() ? "default" : "median").build();
      OmAgreement a = (OmAgreement) Fixtures.OM.create(s.spec(), Environment.builder(InstanceId.of(1)).build());
      Layout layout = a.layout();
      long lastRound = layout.messagesInRound(layout.rounds);
      long kept = 2 * lastRound + (s.generals() - 1L) * layout.stored(layout.rounds - 1);
      long bytes = order.isOrder() ? kept / 8 : 8 * kept;
      assertTrue(a.estimatedBytes() >= bytes, a.estimatedBytes() + " < " + bytes);
      assertTrue(Simulation.builder().build().execute(Fixtures.OM, s).ic1());
    }
  }
}
