package io.github.bgp.cli;

import io.github.bgp.api.Scenario;
import io.github.bgp.api.Value;
import java.util.List;

/**
 * One scenario as the user wrote it, from the command line's options or a line of a scenarios
 * file: anything not given is null and takes the library's default. Both sources go through
 * {@link #build()}, so a scenario means the same whichever way it was written.
 *
 * @param strategy a built-in strategy's name, or strategies per traitor ({@code 3=flip,4=split}), see {@link LieSpecs}
 * @param lies scripted lies, {@code PATH>TO=VALUE} each ({@code 0>3=RETREAT}), told over the strategy
 */
record ScenarioSettings(
    int generals, Integer m, List<Integer> traitors, Value order, String strategy, Long seed, String majority,
    List<String> lies) {

  ScenarioSettings {
    traitors = traitors == null ? List.of() : List.copyOf(traitors);
    lies = lies == null ? List.of() : List.copyOf(lies);
  }

  /** Settings without lies. */
  ScenarioSettings(int generals, Integer m, List<Integer> traitors, Value order, String strategy, Long seed,
      String majority) {
    this(generals, m, traitors, order, strategy, seed, majority, null);
  }

  /**
   * The scenario.
   *
   * @throws IllegalArgumentException with the library's message, naming the bad setting
   */
  Scenario build() {
    Scenario.Builder b = Scenario.builder(generals);
    if (m != null) {
      b.m(m);
    }
    b.traitors(traitors.stream().mapToInt(Integer::intValue).toArray());
    if (order != null) {
      b.order(order);
    }
    if (seed != null) {
      b.seed(seed);
    }
    if (majority != null) {
      b.majority(majority);
    }
    Scenario shape = b.build();
    return shape.toBuilder().strategy(LieSpecs.strategy(shape, strategy, lies)).build();
  }
}
