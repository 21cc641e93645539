package io.github.bgp.om;

import io.github.bgp.testkit.AgreementContract;
import io.github.bgp.testkit.SimulatedRuntime;

/** The agreement contract for OM(m) in the simulator. */
class OmOnSimulatorTest extends AgreementContract {
  OmOnSimulatorTest() {
    super("om", new SimulatedRuntime());
  }

  @Override
  protected boolean mustCarryApplicationValues() {
    return true;
  }
}
