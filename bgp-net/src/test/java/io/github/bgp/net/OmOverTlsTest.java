package io.github.bgp.net;

import io.github.bgp.testkit.AgreementContract;

/** The agreement contract for om on live nodes (tls). */
class OmOverTlsTest extends AgreementContract {
  OmOverTlsTest() {
    super("om", LiveRuntime.tls());
  }
}
