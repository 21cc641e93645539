package io.github.bgp.net;

import io.github.bgp.testkit.AgreementContract;

/** The agreement contract for sm on live nodes (local). */
class SmOnLocalNetworkTest extends AgreementContract {
  SmOnLocalNetworkTest() {
    super("sm", LiveRuntime.local());
  }
}
