package io.github.bgp.net;

import io.github.bgp.testkit.CommitContract;

/** The commit contract for 2pc on live nodes (tls). */
class TwoPhaseCommitOverTlsTest extends CommitContract {
  TwoPhaseCommitOverTlsTest() {
    super("2pc", LiveRuntime.tls());
  }
}
