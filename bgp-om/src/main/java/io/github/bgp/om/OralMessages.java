package io.github.bgp.om;

import io.github.bgp.api.AgreementProtocol;
import io.github.bgp.api.AgreementSpec;
import io.github.bgp.api.Guarantee;
import io.github.bgp.spi.Adversary;
import io.github.bgp.spi.Environment;
import io.github.bgp.spi.Setup;
import java.util.Optional;
import java.util.Set;

/**
 * OM(m), the oral messages algorithm of Lamport, Shostak and Pease (1982): the commander sends
 * its order to every lieutenant; each lieutenant relays what it received, acting as the
 * commander of OM(m-1) among the others; each decides by a majority of what it gathered. With
 * more than 3m generals and at most m traitors it satisfies IC1 and IC2 (the paper's Theorem
 * 1); with 3m or fewer it cannot, and no algorithm can.
 *
 * <p>Registered under the name {@code om}: {@code Protocols.agreement("om")}.
 *
 * @since 0.1.0
 */
public final class OralMessages implements AgreementProtocol {

  /** The provider that {@link io.github.bgp.api.Protocols} instantiates through {@code ServiceLoader}. */
  public OralMessages() {}

  /** The name this protocol is registered under. */
  public static final String NAME = "om";

  /** Every kind: orders (a bit each), numbers, and an application's bytes, numbered per instance. */
  @Override
  public boolean carries(io.github.bgp.api.Value.Kind kind) {
    return true;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String summary() {
    return "OM(m), oral messages (Lamport, Shostak, Pease 1982): IC1 and IC2 whenever n > 3m";
  }

  @Override
  public Set<Capability> capabilities() {
    return Set.of(Capability.EVALUATOR);
  }

  @Override
  public Guarantee guarantee(AgreementSpec s, int traitors) {
    int n = s.generals();
    int m = s.m();
    if (n <= 3 * m) {
      return Guarantee.none(String.format(
          "n=%d is not more than 3m=%d: OM(%d) needs more than 3m generals to guarantee IC1 and IC2", n, 3 * m, m));
    }
    if (traitors > m) {
      return Guarantee.none(String.format(
          "%d traitors are more than the m=%d that OM(%d) is run to tolerate", traitors, m, m));
    }
    return Guarantee.holds(String.format(
        "n=%d > 3m=%d and %d traitor%s <= m=%d: OM(%d) guarantees IC1 and IC2",
        n, 3 * m, traitors, traitors == 1 ? "" : "s", m, m));
  }

  @Override
  public Setup<?> create(AgreementSpec spec, Environment environment, Adversary adversary) {
    return new OmAgreement(spec, environment, adversary);
  }

  /** The closed-form {@link io.github.bgp.om.Evaluator}. */
  @Override
  public Optional<Evaluator> evaluator() {
    return Optional.of(io.github.bgp.om.Evaluator::evaluate);
  }
}
