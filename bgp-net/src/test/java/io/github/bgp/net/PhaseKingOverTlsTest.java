package io.github.bgp.net;

import io.github.bgp.testkit.AgreementContract;

/** The agreement contract for phase-king on live nodes (tls). */
class PhaseKingOverTlsTest extends AgreementContract {
  PhaseKingOverTlsTest() {
    super("phase-king", LiveRuntime.tls());
  }
}
