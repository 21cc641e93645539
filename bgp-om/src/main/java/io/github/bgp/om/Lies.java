package io.github.bgp.om;

import io.github.bgp.api.NodeId;
import io.github.bgp.api.Strategy;
import io.github.bgp.api.Value;
import io.github.bgp.spi.Builtin;
import io.github.bgp.spi.Entropy;
import java.util.List;
import java.util.Optional;

/**
 * Applies a traitor's strategy to the frames it sends: takes the values a loyal general would
 * send and replaces them with the strategy's. Under oral messages a traitor can say anything,
 * so every value is the strategy's to choose.
 *
 * <p>The randomness of a message is {@link Entropy#message}: a function of the seed, the round,
 * the sender, the receiver and the path alone, so the same lie is told however the run is
 * scheduled, and an evaluator can recompute it.
 */
final class Lies {

  private final Strategy strategy;
  private final Builtin builtin;
  private final Layout layout;
  private final long seed;
  private final Value.Kind kind;

  Lies(Strategy strategy, Layout layout, long seed, Value.Kind kind) {
    this.strategy = strategy;
    this.builtin = strategy instanceof Builtin b ? b : null;
    this.layout = layout;
    this.seed = seed;
    this.kind = kind;
  }

  /** Whether this traitor sends nothing at all. */
  boolean silent() {
    return builtin != null && builtin.kind() == Builtin.Kind.SILENT;
  }

  /**
   * Lies in place about a frame's values (a {@code byte[]} of orders or a {@code long[]} of
   * numbers); returns the positions the traitor says nothing about, or null if none.
   */
  boolean[] apply(Object values, int round, int from, int to) {
    if (values instanceof byte[] orders) {
      return apply(orders, round, from, to);
    }
    return apply((long[]) values, round, from, to);
  }

  /** Lies in place about a frame of orders; returns the absence mask, or null if every value is present. */
  private boolean[] apply(byte[] values, int round, int from, int to) {
    if (builtin != null) {
      switch (builtin.kind()) {
        case HONEST:
          return null;
        case RANDOM:
          long frame = Entropy.frame(seed, round, from, to);
          layout.pathSums(round - 1, from, to, (i, sum) ->
              values[i] = (byte) builtin.applyCode(kind, values[i], to, Entropy.message(frame, sum)));
          return null;
        default:
          for (int i = 0; i < values.length; i++) {
            values[i] = (byte) builtin.applyCode(kind, values[i], to, 0);
          }
          return null;
      }
    }
    boolean[] absent = null;
    for (int i = 0; i < values.length; i++) {
      Optional<Value> v = strategy.send(new Message(round, from, to, i, Value.of(kind, values[i])));
      if (v.isPresent()) {
        values[i] = (byte) checked(v.get()).code();
      } else {
        if (absent == null) {
          absent = new boolean[values.length];
        }
        absent[i] = true;
      }
    }
    return absent;
  }

  /** Lies in place about a frame of numbers; returns the absence mask, or null if every value is present. */
  private boolean[] apply(long[] values, int round, int from, int to) {
    if (builtin != null) {
      switch (builtin.kind()) {
        case HONEST:
          return null;
        case RANDOM:
          long frame = Entropy.frame(seed, round, from, to);
          layout.pathSums(round - 1, from, to, (i, sum) ->
              values[i] = builtin.applyCode(kind, values[i], to, Entropy.message(frame, sum)));
          return null;
        default:
          for (int i = 0; i < values.length; i++) {
            values[i] = builtin.applyCode(kind, values[i], to, 0);
          }
          return null;
      }
    }
    boolean[] absent = null;
    for (int i = 0; i < values.length; i++) {
      Optional<Value> v = strategy.send(new Message(round, from, to, i, Value.number(values[i])));
      if (v.isPresent()) {
        values[i] = checked(v.get()).code();
      } else {
        if (absent == null) {
          absent = new boolean[values.length];
        }
        absent[i] = true;
      }
    }
    return absent;
  }

  /** What a traitor commander tells lieutenant {@code to} instead of {@code order}. */
  Optional<Value> commander(Value order, int to) {
    if (silent()) {
      return Optional.empty();
    }
    return strategy.send(new Message(1, 0, to, 0, order)).map(this::checked);
  }

  private Value checked(Value v) {
    if (v.kind() != kind) {
      throw new IllegalStateException(
          "strategy '" + strategy.name() + "' answered " + v + " in a run of " + kind.name().toLowerCase() + "s");
    }
    return v;
  }

  /** One message as a loyal general would send it, its path computed only if asked for. */
  private final class Message implements Strategy.Outgoing {
    private final int round;
    private final int from;
    private final int to;
    private final long index;
    private final Value honest;

    Message(int round, int from, int to, long index, Value honest) {
      this.round = round;
      this.from = from;
      this.to = to;
      this.index = index;
      this.honest = honest;
    }

    @Override
    public NodeId from() {
      return NodeId.of(from);
    }

    @Override
    public NodeId to() {
      return NodeId.of(to);
    }

    @Override
    public int round() {
      return round;
    }

    @Override
    public List<NodeId> path() {
      return layout.framePath(round, from, to, index);
    }

    @Override
    public Value honest() {
      return honest;
    }

    @Override
    public long entropy() {
      return Entropy.message(seed, round, from(), to(), path());
    }
  }
}
