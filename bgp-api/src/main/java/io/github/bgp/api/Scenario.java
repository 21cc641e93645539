package io.github.bgp.api;

import io.github.bgp.spi.Adversary;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * One Byzantine generals problem to simulate: how many generals, how many rounds of relaying the
 * algorithm is prepared for ({@code m}), who the traitors are and how they lie, what the
 * commander orders, how lieutenants take a majority, and the seed every random choice of the
 * run is derived from. It is the simulator's (and the evaluator's) description of a run: what
 * every node knows alike is its {@link #spec()}, the traitors and their lies its
 * {@link #adversary()}, and the commander's order is the commander's input.
 *
 * <p>The commander is always node 0; the lieutenants are 1..n-1. A scenario may ask for more
 * than the algorithm can guarantee (n &le; 3m under oral messages, or more than m traitors):
 * it still runs, and the protocol's {@link Guarantee} says that no guarantee applies.
 *
 * @param generals n, at least 2 (a commander and one lieutenant)
 * @param m the number of traitors the algorithm is run to tolerate, at least 0
 * @param traitors the traitors, each in 0..n-1, in increasing order
 * @param order what the commander orders (ATTACK, RETREAT, or a number)
 * @param strategy how every traitor lies
 * @param seed the seed of the run
 * @param majority the majority function lieutenants apply
 * @param fallback the value a lieutenant uses for a missing message (A3), and the default of
 *     the majority-with-default: RETREAT for orders, 0 for numbers, the empty value for bytes,
 *     unless set otherwise
 * @since 0.1.0
 */
public record Scenario(
    int generals,
    int m,
    SortedSet<NodeId> traitors,
    Value order,
    Strategy strategy,
    long seed,
    Majority majority,
    Value fallback) {

  /** The seed used when none is given, so that a run without {@code --seed} is reproducible too. */
  public static final long DEFAULT_SEED = 1;

  /**
   * Checks the parts and keeps an immutable, sorted copy of the traitors; prefer
   * {@link #builder(int)}, which derives the defaults.
   *
   * @param generals n, at least 2 (a commander and one lieutenant)
   * @param m the number of traitors the algorithm is run to tolerate, at least 0
   * @param traitors the traitors, each in 0..n-1, in increasing order
   * @param order what the commander orders (ATTACK, RETREAT, or a number)
   * @param strategy how every traitor lies
   * @param seed the seed of the run
   * @param majority the majority function lieutenants apply
   * @param fallback the value a lieutenant uses for a missing message (A3), and the default of
   *     the majority-with-default: RETREAT for orders, 0 for numbers, the empty value for bytes,
   *     unless set otherwise
   * @throws IllegalArgumentException if {@code generals} is less than 2, {@code m} is negative, a
   *     traitor is not one of the generals, or the fallback or the majority's default is not of the
   *     order's kind
   * @throws NullPointerException if a part is null
   */
  public Scenario {
    if (generals < 2) {
      throw new IllegalArgumentException(
          "generals must be at least 2 (a commander and one lieutenant), got " + generals);
    }
    if (m < 0) {
      throw new IllegalArgumentException("m must be at least 0, got " + m);
    }
    Objects.requireNonNull(traitors, "traitors");
    for (NodeId t : traitors) {
      if (t.index() >= generals) {
        throw new IllegalArgumentException(
            "traitor " + t + " is out of range: the generals are 0.." + (generals - 1));
      }
    }
    TreeSet<NodeId> sorted = new TreeSet<>(); // natural order, whatever the caller's set sorts by
    sorted.addAll(traitors);
    traitors = Collections.unmodifiableSortedSet(sorted);
    Objects.requireNonNull(order, "order");
    Objects.requireNonNull(strategy, "strategy");
    Objects.requireNonNull(majority, "majority");
    Objects.requireNonNull(fallback, "fallback");
    if (fallback.kind() != order.kind()) {
      throw new IllegalArgumentException(
          "the fallback value " + fallback + " is not of the same kind as the order " + order);
    }
    majority.defaultValue().ifPresent(d -> {
      if (d.kind() != order.kind()) {
        throw new IllegalArgumentException(
            "the majority's default " + d + " is not of the same kind as the order " + order);
      }
    });
  }

  /**
   * What every node of the run knows alike: n, m, the kind of value, the majority and the fallback.
   *
   * @return the spec; for byte values it carries the larger of 4 KiB and the order's and the
   *     fallback's sizes
   */
  public AgreementSpec spec() {
    return new AgreementSpec(generals, m, order.kind(), majority, fallback,
        order.kind() == Value.Kind.BYTES ? Math.max(AgreementSpec.DEFAULT_MAX_VALUE_BYTES,
            Math.max(order.size(), fallback.size())) : 0);
  }

  /**
   * The traitors, how they lie, and the seed their randomness comes from.
   *
   * @return the adversary of this run, with no traitors if the scenario has none
   */
  public Adversary adversary() {
    return Adversary.of(traitors, strategy, seed);
  }

  /**
   * Starts a scenario with {@code generals} generals and every other setting at its default: the
   * largest m with n &gt; 3m, no traitors, ATTACK, {@link Strategy#RANDOM}, {@link #DEFAULT_SEED},
   * majority with RETREAT as the default.
   *
   * @param generals n; checked by {@link Builder#build()}, at least 2
   * @return a builder
   */
  public static Builder builder(int generals) {
    return new Builder(generals);
  }

  /**
   * A builder with every setting of this scenario, to change some of them. Settings that were
   * left at a default derived from the order (the fallback, the majority's default) stay
   * derived, so changing the order to a number gives a consistent numeric scenario.
   *
   * @return a new builder; changing it does not change this scenario
   */
  public Builder toBuilder() {
    Builder b = new Builder(generals);
    b.m = m;
    b.traitors = new ArrayList<>(traitors);
    b.order = order;
    b.strategy = strategy;
    b.seed = seed;
    if (!fallback.equals(Builder.defaultFallback(order))) {
      b.fallback = fallback;
    }
    if (majority.equals(Majority.withDefault(fallback))) {
      b.majorityName = "default";
    } else if (majority.equals(Majority.median())) {
      b.majorityName = "median";
    } else {
      b.majority = majority;
    }
    return b;
  }

  /**
   * The largest m with n &gt; 3m: the most traitors oral messages can tolerate among n generals.
   *
   * @param generals n
   * @return (n-1)/3, and 0 for n below 4
   */
  public static int largestTolerableM(int generals) {
    return Math.max(0, (generals - 1) / 3);
  }

  /**
   * The commander.
   *
   * @return node 0, always
   */
  public NodeId commander() {
    return NodeId.COMMANDER;
  }

  /**
   * The lieutenants, loyal or not.
   *
   * @return nodes 1..n-1, in order, unmodifiable
   */
  public List<NodeId> lieutenants() {
    return spec().lieutenants();
  }

  /**
   * The lieutenants that are not traitors: the ones IC1 and IC2 speak about.
   *
   * @return their ids, in order, unmodifiable
   */
  public List<NodeId> loyalLieutenants() {
    List<NodeId> loyal = new ArrayList<>();
    for (NodeId l : lieutenants()) {
      if (!traitors.contains(l)) {
        loyal.add(l);
      }
    }
    return List.copyOf(loyal);
  }

  /**
   * Whether {@code node} is one of this run's traitors.
   *
   * @param node any node id
   * @return {@code true} if it is in {@link #traitors()}
   */
  public boolean isTraitor(NodeId node) {
    return traitors.contains(node);
  }

  /**
   * Whether the commander is loyal, in which case IC2 binds every loyal lieutenant to its order.
   *
   * @return {@code true} unless node 0 is a traitor
   */
  public boolean commanderIsLoyal() {
    return !traitors.contains(NodeId.COMMANDER);
  }

  /**
   * Builds a {@link Scenario}; {@link #build()} validates and names any bad setting.
   *
   * @since 0.1.0
   */
  public static final class Builder {
    private final int generals;
    private Integer m;
    private List<NodeId> traitors = new ArrayList<>();
    private Value order = Value.ATTACK;
    private Strategy strategy = Strategy.RANDOM;
    private long seed = DEFAULT_SEED;
    private Majority majority;
    private String majorityName = "default";
    private Value fallback;

    private Builder(int generals) {
      this.generals = generals;
    }

    /**
     * Rounds of relaying to prepare for; by default the largest m with n &gt; 3m.
     *
     * @param m the traitors to tolerate, at least 0 (checked by {@link #build()})
     * @return this builder
     */
    public Builder m(int m) {
      this.m = m;
      return this;
    }

    /**
     * The traitors, replacing any set before; none by default.
     *
     * @param ids the traitors' indexes, each in 0..n-1 (the upper bound is checked by {@link #build()})
     * @return this builder
     * @throws IllegalArgumentException if an id is listed twice or is negative
     */
    public Builder traitors(int... ids) {
      List<NodeId> list = new ArrayList<>();
      for (int id : ids) {
        if (id < 0) {
          throw new IllegalArgumentException("traitor " + id + " is out of range: node ids are non-negative");
        }
        list.add(NodeId.of(id));
      }
      return traitors(list);
    }

    /**
     * The traitors, replacing any set before; none by default.
     *
     * @param ids the traitors, each one of the generals (checked by {@link #build()})
     * @return this builder
     * @throws IllegalArgumentException if an id is listed twice
     * @throws NullPointerException if an id is null
     */
    public Builder traitors(Collection<NodeId> ids) {
      List<NodeId> list = new ArrayList<>();
      for (NodeId id : ids) {
        if (list.contains(id)) {
          throw new IllegalArgumentException("traitor " + id + " is listed twice");
        }
        list.add(Objects.requireNonNull(id, "traitor"));
      }
      this.traitors = list;
      return this;
    }

    /**
     * The commander's order; ATTACK by default. Its kind is the run's kind of value.
     *
     * @param order an order, a number or a byte value
     * @return this builder
     */
    public Builder order(Value order) {
      this.order = Objects.requireNonNull(order, "order");
      return this;
    }

    /**
     * How traitors lie; {@link Strategy#RANDOM} by default.
     *
     * @param strategy the strategy every traitor follows
     * @return this builder
     */
    public Builder strategy(Strategy strategy) {
      this.strategy = Objects.requireNonNull(strategy, "strategy");
      return this;
    }

    /**
     * The seed of the run; {@link #DEFAULT_SEED} by default. The same scenario with the same seed
     * replays exactly.
     *
     * @param seed any 64 bits
     * @return this builder
     */
    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    /**
     * A majority function by name: {@code default} (the default) or {@code median}. The default's
     * fallback is the scenario's, set or derived when the scenario is built.
     *
     * @param name {@code default} or {@code median}, in any case
     * @return this builder
     * @throws IllegalArgumentException for any other name, now rather than at {@link #build()}
     */
    public Builder majority(String name) {
      Majority.byName(name, Value.RETREAT); // validates the name now, with a clear message
      this.majorityName = name;
      this.majority = null;
      return this;
    }

    /**
     * A majority function; for the built-in ones prefer {@link #majority(String)}.
     *
     * @param majority the function lieutenants apply
     * @return this builder
     */
    public Builder majority(Majority majority) {
      this.majority = Objects.requireNonNull(majority, "majority");
      return this;
    }

    /**
     * The value for a missing message and the majority's default; by default RETREAT (orders), 0
     * (numbers) or the empty value (bytes), by the order's kind.
     *
     * @param fallback a value of the order's kind (checked by {@link #build()})
     * @return this builder
     */
    public Builder fallback(Value fallback) {
      this.fallback = Objects.requireNonNull(fallback, "fallback");
      return this;
    }

    static Value defaultFallback(Value order) {
      switch (order.kind()) {
        case ORDER:
          return Value.RETREAT;
        case NUMBER:
          return Value.number(0);
        default:
          return Value.EMPTY;
      }
    }

    /**
     * The scenario, with the defaults of the settings left unset.
     *
     * @return the scenario
     * @throws IllegalArgumentException naming the bad setting, as {@link Scenario}'s constructor does
     */
    public Scenario build() {
      Value fb = fallback != null ? fallback : defaultFallback(order);
      Majority maj = majority != null ? majority : Majority.byName(majorityName, fb);
      int mm = m != null ? m : largestTolerableM(generals);
      return new Scenario(generals, mm, new TreeSet<>(traitors), order, strategy, seed, maj, fb);
    }
  }
}
