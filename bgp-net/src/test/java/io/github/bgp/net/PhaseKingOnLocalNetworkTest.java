package io.github.bgp.net;

import io.github.bgp.testkit.AgreementContract;

/** The agreement contract for phase-king on live nodes (local). */
class PhaseKingOnLocalNetworkTest extends AgreementContract {
  PhaseKingOnLocalNetworkTest() {
    super("phase-king", LiveRuntime.local());
  }
}
