package io.github.bgp.net;

import io.github.bgp.testkit.CommitContract;

/** The commit contract for paxos-commit on live nodes (tls). */
class PaxosCommitOverTlsTest extends CommitContract {
  PaxosCommitOverTlsTest() {
    super("paxos-commit", LiveRuntime.tls());
  }
}
