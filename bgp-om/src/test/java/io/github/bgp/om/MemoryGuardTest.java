package io.github.bgp.om;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.bgp.api.InstanceId;
import io.github.bgp.api.Scenario;
import io.github.bgp.sim.Simulation;
import io.github.bgp.spi.Environment;
import org.junit.jupiter.api.Test;

/** A run that cannot fit says so before it starts, instead of dying half way. */
class MemoryGuardTest {

  @Test
  void aRunTooLargeForTheHeapIsRefusedWithTheNumbers() {
    // n=23, m=7: 1.4e10 messages, about 40 GB; no test JVM's heap holds that.
    Scenario huge = Scenario.builder(23).m(7).build();
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
    // The estimate counts every lieutenant's tree: at least one byte per logical message.
    Scenario s = Scenario.builder(16).m(5).build();
    OmAgreement a = (OmAgreement) Fixtures.OM.create(s.spec(), Environment.builder(InstanceId.of(1)).build());
    assertTrue(a.estimatedBytes() >= a.expectedMessages(), a.estimatedBytes() + " < " + a.expectedMessages());
    assertTrue(Simulation.builder().build().execute(Fixtures.OM, s).ic1());
  }
}
