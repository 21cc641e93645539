package io.github.bgp.net;

import io.github.bgp.testkit.AgreementContract;

/** The agreement contract for dolev-strong on live nodes (local). */
class DolevStrongOnLocalNetworkTest extends AgreementContract {
  DolevStrongOnLocalNetworkTest() {
    super("dolev-strong", LiveRuntime.local());
  }
}
