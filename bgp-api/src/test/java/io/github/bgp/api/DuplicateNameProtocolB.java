package io.github.bgp.api;

/** One of two fake protocols sharing a name; registered only by the duplicate-name test. */
public final class DuplicateNameProtocolB implements AgreementProtocol {

  @Override
  public String name() {
    return "test-duplicate";
  }

  @Override
  public String summary() {
    return "second of two protocols with one name";
  }

  @Override
  public Guarantee guarantee(Scenario scenario) {
    return Guarantee.none("a fake guarantees nothing");
  }

  @Override
  public Agreement<?> create(Scenario scenario, Environment environment) {
    throw new UnsupportedOperationException("a fake cannot run");
  }
}
