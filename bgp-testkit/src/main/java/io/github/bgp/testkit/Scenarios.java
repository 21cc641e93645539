package io.github.bgp.testkit;

import io.github.bgp.api.NodeId;
import io.github.bgp.api.Scenario;
import io.github.bgp.api.Strategy;
import io.github.bgp.api.Value;
import io.github.bgp.check.Gen;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Generators of Byzantine generals scenarios, for property tests and for the counterexample
 * search. Every part shrinks: fewer generals, smaller m, fewer traitors (and lower ids), the
 * first strategy and order in the lists, a seed nearer 0; a shrunk scenario still satisfies the
 * constraints it was generated under.
 *
 * <pre>{@code
 * Gen<Scenario> tolerable = Scenarios.generator().generals(4, 10).tolerable().build();
 * }</pre>
 *
 * @since 0.1.0
 */
public final class Scenarios {

  /** The four strategies of the library's contract, simplest lie first. */
  public static final List<Strategy> CONTRACT_STRATEGIES =
      List.of(Strategy.FLIP, Strategy.SILENT, Strategy.SPLIT, Strategy.RANDOM);

  private Scenarios() {}

  /**
   * A scenario generator's settings, to change and {@link Builder#build build}.
   *
   * @return a builder with the defaults: 4 to 10 generals, a tolerable m
   */
  public static Builder generator() {
    return new Builder();
  }

  /**
   * Which m to generate for a given n.
   *
   * @since 0.1.0
   */
  public enum MRule {
    /** 0 &le; m with n &gt; 3m: where OM(m) promises IC1 and IC2. */
    TOLERABLE,
    /** m with n &le; 3m (and m &le; n - 1): where no oral-messages algorithm can. */
    INTOLERABLE,
    /** Exactly the m given to {@link Builder#m(int)}, shrinking towards 0. */
    FIXED,
    /** Any m from 0 to n - 2 (the most relaying rounds n generals can use), shrinking towards 0. */
    ANY
  }

  /**
   * Settings of a scenario generator.
   *
   * @since 0.1.0
   */
  public static final class Builder {
    private int minGenerals = 4;
    private int maxGenerals = 10;
    private boolean startAtMax;
    private MRule rule = MRule.TOLERABLE;
    private int fixedM;
    private boolean commanderMayBeTraitor = true;
    private List<Strategy> strategies = CONTRACT_STRATEGIES;
    private List<Value> orders = List.of(Value.ATTACK, Value.RETREAT);
    private String majority = "default";

    private Builder() {}

    /**
     * n is drawn uniformly from [lo, hi].
     *
     * @param lo the fewest generals, at least 2
     * @param hi the most generals, at least {@code lo}
     * @return this builder
     * @throws IllegalArgumentException if {@code lo} is less than 2 or more than {@code hi}
     */
    public Builder generals(int lo, int hi) {
      if (lo < 2 || lo > hi) {
        throw new IllegalArgumentException("generals range [" + lo + ", " + hi + "] must be within [2, ...] and not empty");
      }
      this.minGenerals = lo;
      this.maxGenerals = hi;
      this.startAtMax = false;
      return this;
    }

    /**
     * n is always {@code n}, shrinking towards {@code lo} (for a search that starts at a given size).
     *
     * @param n the generals drawn, at least {@code lo}
     * @param lo the fewest generals shrinking goes to, at least 2
     * @return this builder
     * @throws IllegalArgumentException if {@code lo} is less than 2 or more than {@code n}
     */
    public Builder generalsShrinkingFrom(int n, int lo) {
      generals(lo, n);
      this.startAtMax = true;
      return this;
    }

    /**
     * m such that n &gt; 3m (the default).
     *
     * @return this builder
     */
    public Builder tolerable() {
      this.rule = MRule.TOLERABLE;
      return this;
    }

    /**
     * m such that n &le; 3m: the impossible side. Requires n &ge; 2.
     *
     * @return this builder
     */
    public Builder intolerable() {
      this.rule = MRule.INTOLERABLE;
      return this;
    }

    /**
     * Any m from 0 to n - 2: the range of SM(m), which needs no n &gt; 3m.
     *
     * @return this builder
     */
    public Builder anyM() {
      this.rule = MRule.ANY;
      return this;
    }

    /**
     * Always this m, shrinking towards 0.
     *
     * @param m the traitors tolerated, at least 0
     * @return this builder
     * @throws IllegalArgumentException if {@code m} is negative
     */
    public Builder m(int m) {
      if (m < 0) {
        throw new IllegalArgumentException("m must be at least 0, got " + m);
      }
      this.rule = MRule.FIXED;
      this.fixedM = m;
      return this;
    }

    /**
     * Whether the commander may be among the traitors; true by default.
     *
     * @param may whether the commander may be a traitor
     * @return this builder
     */
    public Builder commanderMayBeTraitor(boolean may) {
      this.commanderMayBeTraitor = may;
      return this;
    }

    /**
     * The strategies to draw from; {@link #CONTRACT_STRATEGIES} by default.
     *
     * @param strategies the traitors' strategies, at least one (copied)
     * @return this builder
     * @throws IllegalArgumentException if the list is empty
     */
    public Builder strategies(List<Strategy> strategies) {
      if (strategies.isEmpty()) {
        throw new IllegalArgumentException("at least one strategy is needed");
      }
      this.strategies = List.copyOf(strategies);
      return this;
    }

    /**
     * The orders to draw from; ATTACK and RETREAT by default.
     *
     * @param orders the commander's orders, at least one (copied)
     * @return this builder
     * @throws IllegalArgumentException if the list is empty
     */
    public Builder orders(List<Value> orders) {
      if (orders.isEmpty()) {
        throw new IllegalArgumentException("at least one order is needed");
      }
      this.orders = List.copyOf(orders);
      return this;
    }

    /**
     * The majority function by name ({@code default} or {@code median}).
     *
     * @param name the majority function's name
     * @return this builder
     */
    public Builder majority(String name) {
      this.majority = Objects.requireNonNull(name, "majority");
      return this;
    }

    /**
     * The generator of scenarios with these settings.
     *
     * @return the generator
     */
    public Gen<Scenario> build() {
      Gen<Integer> generals = startAtMax ? Gen.startingAt(maxGenerals, minGenerals) : Gen.ints(minGenerals, maxGenerals);
      return generals.flatMap(n -> mFor(n).flatMap(m -> traitorsFor(n, m).flatMap(traitors ->
          Gen.elements(orders).flatMap(order -> Gen.elements(strategies).flatMap(strategy ->
              Gen.longs().map(seed -> Scenario.builder(n).m(m).traitors(traitors).order(order)
                  .strategy(strategy).seed(seed).majority(majority).build()))))));
    }

    private Gen<Integer> mFor(int n) {
      switch (rule) {
        case TOLERABLE:
          return Gen.ints(0, Scenario.largestTolerableM(n));
        case INTOLERABLE:
          int least = (n + 2) / 3; // the smallest m with 3m >= n
          return Gen.ints(least, Math.max(least, n - 1));
        case ANY:
          return Gen.ints(0, Math.max(0, n - 2));
        case FIXED:
        default:
          return Gen.startingAt(fixedM, 0);
      }
    }

    private Gen<List<NodeId>> traitorsFor(int n, int m) {
      List<NodeId> candidates = new ArrayList<>();
      for (int i = commanderMayBeTraitor ? 0 : 1; i < n; i++) {
        candidates.add(NodeId.of(i));
      }
      return Gen.subsets(candidates, m);
    }
  }
}
