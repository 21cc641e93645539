package io.github.bgp.api;

/** A fake protocol of another family (not agreement), registered for the tests in META-INF/services. */
public final class TestCommitProtocol implements Protocol {

  @Override
  public String name() {
    return "test-commit";
  }

  @Override
  public Family family() {
    return Family.COMMIT;
  }

  @Override
  public String summary() {
    return "a fake protocol of another family for the registry tests";
  }
}
