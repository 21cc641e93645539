package io.github.bgp.api;

import java.util.Objects;

/**
 * What a protocol promises for a scenario: whether IC1 and IC2 are guaranteed, and why or why
 * not, in words a person can read ("n=3 is not more than 3m=3: OM(1) cannot guarantee IC1 and
 * IC2"). A scenario without a guarantee still runs; it is how the impossibility results are
 * shown.
 *
 * @param holds whether IC1 and IC2 are guaranteed for the scenario
 * @param explanation why or why not, one sentence for a person
 * @since 0.1.0
 */
public record Guarantee(boolean holds, String explanation) {

  /**
   * Checks the explanation is there.
   *
   * @param holds whether IC1 and IC2 are guaranteed for the scenario
   * @param explanation why or why not, one sentence for a person
   * @throws NullPointerException if {@code explanation} is null
   */
  public Guarantee {
    Objects.requireNonNull(explanation, "explanation");
  }

  /**
   * IC1 and IC2 are guaranteed, because of {@code why}.
   *
   * @param why the reason, for a person ("n=4 is more than 3m=3")
   * @return a guarantee that holds
   */
  public static Guarantee holds(String why) {
    return new Guarantee(true, why);
  }

  /**
   * No guarantee applies, because of {@code why}; the scenario still runs.
   *
   * @param why the reason, for a person ("n=3 is not more than 3m=3")
   * @return a guarantee that does not hold
   */
  public static Guarantee none(String why) {
    return new Guarantee(false, why);
  }

  @Override
  public String toString() {
    return (holds ? "guaranteed: " : "no guarantee: ") + explanation;
  }
}
