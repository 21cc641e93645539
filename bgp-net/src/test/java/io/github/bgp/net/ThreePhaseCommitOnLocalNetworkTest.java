package io.github.bgp.net;

import io.github.bgp.testkit.CommitContract;

/** The commit contract for 3pc on live nodes (local). */
class ThreePhaseCommitOnLocalNetworkTest extends CommitContract {
  ThreePhaseCommitOnLocalNetworkTest() {
    super("3pc", LiveRuntime.local());
  }
}
