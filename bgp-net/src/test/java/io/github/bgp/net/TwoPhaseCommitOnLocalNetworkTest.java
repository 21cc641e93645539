package io.github.bgp.net;

import io.github.bgp.testkit.CommitContract;

/** The commit contract for 2pc on live nodes (local). */
class TwoPhaseCommitOnLocalNetworkTest extends CommitContract {
  TwoPhaseCommitOnLocalNetworkTest() {
    super("2pc", LiveRuntime.local());
  }
}
