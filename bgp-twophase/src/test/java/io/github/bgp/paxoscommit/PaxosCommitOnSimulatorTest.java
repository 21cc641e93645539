package io.github.bgp.paxoscommit;

import io.github.bgp.testkit.CommitContract;
import io.github.bgp.testkit.SimulatedRuntime;

/** The commit contract for Paxos Commit in the simulator. */
class PaxosCommitOnSimulatorTest extends CommitContract {
  PaxosCommitOnSimulatorTest() {
    super("paxos-commit", new SimulatedRuntime());
  }
}
