package io.github.bgp.net;

import io.github.bgp.testkit.AgreementContract;

/** The agreement contract for om on live nodes (local). */
class OmOnLocalNetworkTest extends AgreementContract {
  OmOnLocalNetworkTest() {
    super("om", LiveRuntime.local());
  }
}
