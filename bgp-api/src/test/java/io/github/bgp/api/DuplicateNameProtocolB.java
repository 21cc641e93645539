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
  public Guarantee guarantee(AgreementSpec spec, int traitors) {
    return Guarantee.none("a fake guarantees nothing");
  }

  @Override
  public io.github.bgp.spi.Setup<?> create(AgreementSpec spec, io.github.bgp.spi.Environment environment,
      io.github.bgp.spi.Adversary adversary) {
    throw new UnsupportedOperationException("a fake cannot run");
  }
}
