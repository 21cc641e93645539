package io.github.bgp.net;

import io.github.bgp.testkit.CommitContract;

/** The commit contract for paxos-commit on live nodes (local). */
class PaxosCommitOnLocalNetworkTest extends CommitContract {
  PaxosCommitOnLocalNetworkTest() {
    super("paxos-commit", LiveRuntime.local());
  }
}
