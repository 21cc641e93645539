package io.github.bgp.net;

import io.github.bgp.testkit.CommitContract;

/** The commit contract for 3pc on live nodes (tls). */
class ThreePhaseCommitOverTlsTest extends CommitContract {
  ThreePhaseCommitOverTlsTest() {
    super("3pc", LiveRuntime.tls());
  }
}
