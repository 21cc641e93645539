package io.github.bgp.net;

import io.github.bgp.testkit.AgreementContract;

/** The agreement contract for sm on live nodes (tls). */
class SmOverTlsTest extends AgreementContract {
  SmOverTlsTest() {
    super("sm", LiveRuntime.tls());
  }
}
