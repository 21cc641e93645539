package io.github.bgp.examples.relay;

import io.github.bgp.api.AgreementProtocol;
import io.github.bgp.api.AgreementSpec;
import io.github.bgp.api.Guarantee;
import io.github.bgp.api.Value;
import io.github.bgp.spi.Adversary;
import io.github.bgp.spi.Environment;
import io.github.bgp.spi.Setup;

/**
 * A protocol of one's own, the way the protocol guide (docs/protocol-guide.md) writes one: OM(1)
 * in three small classes. The commander sends its order; every lieutenant relays what it received
 * to every other lieutenant once; each decides by majority of the commander's order as it heard it
 * and the relays. With four or more generals and at most one traitor it satisfies IC1 and IC2.
 *
 * <p>Registered as {@code relay} in {@code META-INF/services/io.github.bgp.api.Protocol}, so that
 * {@code Protocols.agreement("relay")} finds it, the contract suites run it, and {@code ./bgp relay}
 * runs it when this jar is on {@code BGP_CLASSPATH}.
 */
public final class Relay implements AgreementProtocol {

  @Override
  public String name() {
    return "relay";
  }

  @Override
  public String summary() {
    return "OM(1) written from the protocol guide: one round of relays, majority; IC1 and IC2 with n >= 4 and"
        + " at most one traitor";
  }

  @Override
  public Guarantee guarantee(AgreementSpec spec, int traitors) {
    if (spec.generals() < 4) {
      return Guarantee.none("n=" + spec.generals() + " is less than 4: one round of relays cannot outvote a traitor");
    }
    if (traitors > 1) {
      return Guarantee.none(traitors + " traitors are more than the one a single round of relays outvotes");
    }
    return Guarantee.holds("n=" + spec.generals() + " >= 4 and at most one traitor: the loyal majority of every vote"
        + " carries it");
  }

  @Override
  public Setup<RelayMessage> create(AgreementSpec spec, Environment environment, Adversary adversary) {
    if (spec.kind() != Value.Kind.ORDER && spec.kind() != Value.Kind.NUMBER) {
      throw new IllegalArgumentException("relay agrees on orders and numbers, not " + spec.kind());
    }
    return new RelaySetup(spec, environment, adversary);
  }
}
