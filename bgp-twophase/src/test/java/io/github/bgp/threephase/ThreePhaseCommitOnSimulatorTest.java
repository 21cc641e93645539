package io.github.bgp.threephase;

import io.github.bgp.testkit.CommitContract;
import io.github.bgp.testkit.SimulatedRuntime;

/** The commit contract for three-phase commit in the simulator. */
class ThreePhaseCommitOnSimulatorTest extends CommitContract {
  ThreePhaseCommitOnSimulatorTest() {
    super("3pc", new SimulatedRuntime());
  }
}
