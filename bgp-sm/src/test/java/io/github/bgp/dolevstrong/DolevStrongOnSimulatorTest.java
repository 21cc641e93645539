package io.github.bgp.dolevstrong;

import io.github.bgp.testkit.AgreementContract;
import io.github.bgp.testkit.SimulatedRuntime;

/** The agreement contract for Dolev-Strong in the simulator. */
class DolevStrongOnSimulatorTest extends AgreementContract {
  DolevStrongOnSimulatorTest() {
    super("dolev-strong", new SimulatedRuntime());
  }
}
