package io.github.bgp.api;

/** A fake agreement protocol, registered for the tests in META-INF/services. */
public final class TestAgreementProtocol implements AgreementProtocol {

  @Override
  public String name() {
    return "test-agreement";
  }

  @Override
  public String summary() {
    return "a fake agreement protocol for the registry tests";
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
