package io.github.bgp.cli;

import io.github.bgp.api.Scenario;
import io.github.bgp.api.Strategy;
import io.github.bgp.api.Value;
import java.util.List;

/**
 * One scenario as the user wrote it, from the command line's options or a line of a scenarios
 * file: anything not given is null and takes the library's default. Both sources go through
 * {@link #build()}, so a scenario means the same whichever way it was written.
 */
record ScenarioSettings(
    int generals, Integer m, List<Integer> traitors, Value order, String strategy, Long seed, String majority) {

  ScenarioSettings {
    traitors = traitors == null ? List.of() : List.copyOf(traitors);
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
    if (strategy != null) {
      b.strategy(Strategy.byName(strategy));
    }
    if (seed != null) {
      b.seed(seed);
    }
    if (majority != null) {
      b.majority(majority);
    }
    return b.build();
  }
}
