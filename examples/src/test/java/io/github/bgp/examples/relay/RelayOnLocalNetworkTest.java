package io.github.bgp.examples.relay;

import io.github.bgp.net.LiveRuntime;
import io.github.bgp.testkit.AgreementContract;

/** The agreement contract for the guide's protocol on live nodes in this JVM. */
class RelayOnLocalNetworkTest extends AgreementContract {
  RelayOnLocalNetworkTest() {
    super("relay", LiveRuntime.local());
  }
}
