package io.github.bgp.examples.relay;

import io.github.bgp.testkit.AgreementContract;
import io.github.bgp.testkit.SimulatedRuntime;

/** The agreement contract for the guide's protocol in the simulator. */
class RelayOnSimulatorTest extends AgreementContract {
  RelayOnSimulatorTest() {
    super("relay", new SimulatedRuntime());
  }
}
