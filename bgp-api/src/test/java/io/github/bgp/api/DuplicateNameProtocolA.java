package io.github.bgp.api;

/** One of two fake protocols sharing a name; registered only by the duplicate-name test. */
public final class DuplicateNameProtocolA implements Protocol {

  @Override
  public String name() {
    return "test-duplicate";
  }

  @Override
  public Family family() {
    return Family.COMMIT;
  }

  @Override
  public String summary() {
    return "first of two protocols with one name";
  }
}
