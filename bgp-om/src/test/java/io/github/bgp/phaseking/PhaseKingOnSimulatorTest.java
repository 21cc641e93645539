package io.github.bgp.phaseking;

import io.github.bgp.testkit.AgreementContract;
import io.github.bgp.testkit.SimulatedRuntime;

/** The agreement contract for Phase King in the simulator. */
class PhaseKingOnSimulatorTest extends AgreementContract {
  PhaseKingOnSimulatorTest() {
    super("phase-king", new SimulatedRuntime());
  }
}
