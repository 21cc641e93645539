/**
 * SM(m), the signed-messages algorithm ({@code sm}), and Dolev-Strong ({@code dolev-strong}), on
 * Ed25519 signatures (BouncyCastle) with keys from the seed or from PEM and PKCS#12 files; both are
 * provided to {@link io.github.bgp.api.Protocols}.
 *
 * @since 0.1.0
 */
module io.github.bgp.sm {
  requires transitive io.github.bgp.api;
  requires org.bouncycastle.provider;
  requires org.bouncycastle.pkix;

  exports io.github.bgp.sm;
  exports io.github.bgp.dolevstrong;

  provides io.github.bgp.api.Protocol with io.github.bgp.sm.SignedMessages, io.github.bgp.dolevstrong.DolevStrong;
}
