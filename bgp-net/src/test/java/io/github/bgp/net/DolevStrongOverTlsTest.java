package io.github.bgp.net;

import io.github.bgp.testkit.AgreementContract;

/** The agreement contract for dolev-strong on live nodes (tls). */
class DolevStrongOverTlsTest extends AgreementContract {
  DolevStrongOverTlsTest() {
    super("dolev-strong", LiveRuntime.tls());
  }
}
