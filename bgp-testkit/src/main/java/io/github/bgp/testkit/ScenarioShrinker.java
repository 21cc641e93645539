package io.github.bgp.testkit;

import io.github.bgp.api.NodeId;
import io.github.bgp.api.Scenario;
import io.github.bgp.api.Strategy;
import io.github.bgp.api.Value;
import java.util.ArrayList;
import java.util.List;

/**
 * Smaller versions of a scenario, most aggressive first: one lieutenant fewer (the generals
 * after it renumbered), m one lower (with a traitor fewer when needed), one traitor fewer, a
 * simpler strategy, ATTACK for the order, seed 0. Used by the counterexample search, beside the
 * generator's own shrinking, to reach the textbook-sized cases.
 *
 * @since 0.1.0
 */
public final class ScenarioShrinker {

  private ScenarioShrinker() {}

  /**
   * The candidates for {@code s}; each is a valid scenario.
   *
   * @param s the scenario to shrink
   * @return smaller scenarios, the most aggressive first
   */
  public static List<Scenario> candidates(Scenario s) {
    List<Scenario> out = new ArrayList<>();
    int n = s.generals();
    if (n > 2) {
      for (int gone = n - 1; gone >= 1; gone--) {
        out.add(without(s, gone));
      }
    }
    if (s.m() > 0) {
      if (s.traitors().size() <= s.m() - 1) {
        out.add(s.toBuilder().m(s.m() - 1).build());
      } else {
        for (NodeId t : s.traitors()) {
          List<NodeId> fewer = new ArrayList<>(s.traitors());
          fewer.remove(t);
          out.add(s.toBuilder().m(s.m() - 1).traitors(fewer).build());
        }
      }
    }
    for (NodeId t : s.traitors()) {
      List<NodeId> fewer = new ArrayList<>(s.traitors());
      fewer.remove(t);
      out.add(s.toBuilder().traitors(fewer).build());
    }
    List<Strategy> simpler = Scenarios.CONTRACT_STRATEGIES;
    int at = simpler.indexOf(s.strategy());
    for (int i = 0; i < (at < 0 ? 0 : at); i++) {
      out.add(s.toBuilder().strategy(simpler.get(i)).build());
    }
    if (s.order().equals(Value.RETREAT)) {
      out.add(s.toBuilder().order(Value.ATTACK).build());
    }
    if (s.seed() != 0) {
      out.add(s.toBuilder().seed(0).build());
    }
    return out;
  }

  /** {@code s} without lieutenant {@code gone}; generals after it move down by one. */
  static Scenario without(Scenario s, int gone) {
    List<NodeId> traitors = new ArrayList<>();
    for (NodeId t : s.traitors()) {
      if (t.index() < gone) {
        traitors.add(t);
      } else if (t.index() > gone) {
        traitors.add(NodeId.of(t.index() - 1));
      }
    }
    Scenario.Builder b = Scenario.builder(s.generals() - 1).m(s.m()).traitors(traitors).order(s.order())
        .strategy(s.strategy()).seed(s.seed()).majority(s.majority()).fallback(s.fallback());
    return b.build();
  }
}
