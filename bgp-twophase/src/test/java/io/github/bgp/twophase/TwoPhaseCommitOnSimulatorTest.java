package io.github.bgp.twophase;

import io.github.bgp.testkit.CommitContract;
import io.github.bgp.testkit.SimulatedRuntime;

/** The commit contract for two-phase commit in the simulator. */
class TwoPhaseCommitOnSimulatorTest extends CommitContract {
  TwoPhaseCommitOnSimulatorTest() {
    super("2pc", new SimulatedRuntime());
  }
}
