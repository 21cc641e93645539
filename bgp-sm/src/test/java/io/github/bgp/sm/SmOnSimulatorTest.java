package io.github.bgp.sm;

import io.github.bgp.testkit.AgreementContract;
import io.github.bgp.testkit.SimulatedRuntime;

/** The agreement contract for SM(m) in the simulator. */
class SmOnSimulatorTest extends AgreementContract {
  SmOnSimulatorTest() {
    super("sm", new SimulatedRuntime());
  }
}
