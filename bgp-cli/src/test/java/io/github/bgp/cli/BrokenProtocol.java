package io.github.bgp.cli;

import io.github.bgp.api.AgreementProtocol;
import io.github.bgp.api.AgreementSpec;
import io.github.bgp.api.Guarantee;
import io.github.bgp.spi.Adversary;
import io.github.bgp.spi.Environment;
import io.github.bgp.spi.Setup;

/** A protocol with a bug, registered for the tests only, to see how the command reports one. */
public final class BrokenProtocol implements AgreementProtocol {

  @Override
  public String name() {
    return "broken";
  }

  @Override
  public String summary() {
    return "fails on every run (a test double)";
  }

  @Override
  public Guarantee guarantee(AgreementSpec spec, int traitors) {
    return Guarantee.none("it is broken");
  }

  @Override
  public Setup<?> create(AgreementSpec spec, Environment environment, Adversary adversary) {
    throw new IllegalStateException("the broken protocol broke\nover two lines");
  }
}
