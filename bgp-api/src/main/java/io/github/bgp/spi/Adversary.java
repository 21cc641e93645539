package io.github.bgp.spi;

import io.github.bgp.api.NodeId;
import io.github.bgp.api.Strategy;
import java.util.Collection;
import java.util.Collections;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Who the traitors of an instance are and how they lie: a simulation's (and a test harness's)
 * concept, never part of what a loyal live node is configured with. A protocol set up with an
 * adversary builds, for each traitor, a node that lies as its {@link #strategy strategy} says;
 * the seed is where the strategies' randomness comes from ({@link Entropy}).
 *
 * @since 0.1.0
 */
public final class Adversary {

  /** No traitors: every node loyal. What a live node is set up with. */
  public static final Adversary NONE = new Adversary(new TreeSet<>(), Strategy.HONEST, 0);

  private final SortedSet<NodeId> traitors;
  private final Strategy strategy;
  private final long seed;

  private Adversary(SortedSet<NodeId> traitors, Strategy strategy, long seed) {
    this.traitors = Collections.unmodifiableSortedSet(traitors);
    this.strategy = strategy;
    this.seed = seed;
  }

  /**
   * These traitors, lying as {@code strategy} says (per traitor, if it is {@link Strategy#perTraitor}).
   *
   * @param traitors the traitors (copied and sorted; duplicates are ignored)
   * @param strategy how they lie
   * @param seed the seed the strategies' randomness is derived from
   * @return the adversary
   * @throws NullPointerException if a traitor or the strategy is null
   */
  public static Adversary of(Collection<NodeId> traitors, Strategy strategy, long seed) {
    TreeSet<NodeId> t = new TreeSet<>();
    for (NodeId id : traitors) {
      t.add(Objects.requireNonNull(id, "traitor"));
    }
    return new Adversary(t, Objects.requireNonNull(strategy, "strategy"), seed);
  }

  /**
   * The traitors, in increasing order.
   *
   * @return an unmodifiable set; empty for {@link #NONE}
   */
  public SortedSet<NodeId> traitors() {
    return traitors;
  }

  /**
   * Whether {@code node} is a traitor, for which a protocol builds a lying node.
   *
   * @param node any node id
   * @return {@code true} if it is one of {@link #traitors()}
   */
  public boolean isTraitor(NodeId node) {
    return traitors.contains(node);
  }

  /**
   * The strategy as given (possibly per traitor); {@link #strategy(NodeId)} resolves one traitor's.
   *
   * @return the strategy
   */
  public Strategy strategy() {
    return strategy;
  }

  /**
   * How {@code traitor} lies.
   *
   * @param traitor one of the traitors
   * @return its strategy, never a per-traitor one
   * @throws IllegalArgumentException if it is not a traitor
   */
  public Strategy strategy(NodeId traitor) {
    if (!isTraitor(traitor)) {
      throw new IllegalArgumentException(traitor + " is not a traitor; the traitors are " + traitors);
    }
    return strategy.forTraitor(traitor);
  }

  /**
   * The seed the strategies' randomness is derived from.
   *
   * @return the seed; 0 for {@link #NONE}
   */
  public long seed() {
    return seed;
  }

  /**
   * Whether every traitor is silent (sends nothing), so a protocol may skip building their frames.
   *
   * @return {@code true} if every traitor's strategy is {@code silent}, and when there are none
   */
  public boolean allSilent() {
    return traitors.stream().allMatch(t -> Builtin.isSilent(strategy(t)));
  }

  @Override
  public String toString() {
    return traitors.isEmpty() ? "no traitors" : "traitors " + traitors + " (" + strategy.name() + ", seed " + seed + ")";
  }
}
