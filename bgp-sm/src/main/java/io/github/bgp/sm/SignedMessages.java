package io.github.bgp.sm;

import io.github.bgp.api.AgreementProtocol;
import io.github.bgp.api.AgreementSpec;
import io.github.bgp.api.Guarantee;
import io.github.bgp.api.Value;
import io.github.bgp.spi.Adversary;
import io.github.bgp.spi.Environment;
import io.github.bgp.spi.Setup;
import java.util.Set;

/**
 * SM(m), the signed messages algorithm of Lamport, Shostak and Pease (1982, section 4): the
 * commander signs its order; each lieutenant countersigns and relays every new value whose chain
 * of signatures is valid, for m rounds; each decides by what it holds. Because a traitor cannot
 * forge a loyal general's signature, IC1 and IC2 hold with at most m traitors for any number of
 * generals: three generals with one traitor, hopeless under oral messages, work here.
 *
 * <p>Signatures are Ed25519 (BouncyCastle). Keys come from the runtime's
 * {@link io.github.bgp.api.KeyRing} if it has one ({@link KeyFiles} reads them from PEM
 * files or a PKCS#12 keystore), and are otherwise derived from the scenario's seed so that a
 * simulated run replays exactly. Traitors share their keys with each other (they collude, as
 * the seeds warn). The commander signs each value it sends once ({@code SignedOrders}), each
 * lieutenant countersigns each value it relays once, and each lieutenant verifies each distinct
 * signature once ({@code VerifiedSignatures}): with nobody lying (and m &ge; 1, n &ge; 3) a run
 * makes n signatures and (n - 1)² verifications, 4 and 9 at n = 4. Registered under the name
 * {@code sm}: {@code Protocols.agreement("sm")}.
 *
 * @since 0.1.0
 */
public final class SignedMessages implements AgreementProtocol {

  /** The provider that {@link io.github.bgp.api.Protocols} instantiates through {@code ServiceLoader}. */
  public SignedMessages() {}

  /** The name this protocol is registered under. */
  public static final String NAME = "sm";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String summary() {
    return "SM(m), signed messages with Ed25519 (Lamport, Shostak, Pease 1982): IC1 and IC2 for any n, with at most m traitors";
  }

  @Override
  public Set<Capability> capabilities() {
    return Set.of(Capability.SIGNATURES);
  }

  /** Every kind: orders, numbers and an application's bytes, each signed as it travels. */
  @Override
  public boolean carries(Value.Kind kind) {
    return true;
  }

  @Override
  public Guarantee guarantee(AgreementSpec s, int traitors) {
    if (traitors > s.m()) {
      return Guarantee.none(String.format(
          "%d traitors are more than the m=%d that SM(%d) is run to tolerate", traitors, s.m(), s.m()));
    }
    return Guarantee.holds(String.format(
        "%d traitor%s <= m=%d and signatures cannot be forged: SM(%d) guarantees IC1 and IC2 for any number of"
            + " generals (here %d)",
        traitors, traitors == 1 ? "" : "s", s.m(), s.m(), s.generals()));
  }

  @Override
  public Setup<?> create(AgreementSpec spec, Environment environment, Adversary adversary) {
    return new SmAgreement(spec, environment, adversary);
  }
}
