package io.github.bgp.cli;

import io.github.bgp.api.Agreement;
import io.github.bgp.api.AgreementProtocol;
import io.github.bgp.spi.Environment;
import io.github.bgp.api.Guarantee;
import io.github.bgp.api.Scenario;

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
  public Guarantee guarantee(Scenario scenario) {
    return Guarantee.none("it is broken");
  }

  @Override
  public Agreement<?> create(Scenario scenario, Environment environment) {
    throw new IllegalStateException("the broken protocol broke\nover two lines");
  }
}
