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
 * <p>The built-in strategies work on a whole frame at once: on orders at a bit each, flip
 * inverts the frame word by word, split fills it, and random draws each bit from the message's
 * entropy in a tight loop over the rows of {@link Layout#groups}, without the honest values;
 * any other strategy is asked message by message.
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

  /** Whether {@link #orders} needs the honest values; split and random make theirs up. */
  boolean needsHonestOrders() {
    return builtin == null || (builtin.kind() != Builtin.Kind.SPLIT
        && builtin.kind() != Builtin.Kind.RANDOM);
  }

  /**
   * The frame of {@code count} orders this traitor sends {@code to} in {@code round} in place
   * of {@code honest} (owned from now on; null if {@link #needsHonestOrders} is false).
   */
  OmFrame.Orders orders(long[] honest, int count, int round, int from, int to) {
    if (builtin != null) {
      switch (builtin.kind()) {
        case HONEST:
          return new OmFrame.Orders(honest, count, null);
        case FLIP:
          Bits.invert(honest, count);
          return new OmFrame.Orders(honest, count, null);
        case SPLIT:
          return new OmFrame.Orders(Bits.filled(count, (int) builtin.applyCode(kind, 0, to, 0)), count, null);
        case RANDOM:
          return new OmFrame.Orders(randomOrders(count, round, from, to), count, null);
        default:
          throw new IllegalStateException("the silent strategy sends nothing");
      }
    }
    long[] absent = null;
    for (int i = 0; i < count; i++) {
      Optional<Value> v = strategy.send(new Message(round, from, to, i, Value.of(kind, Bits.bit(honest, i))));
      if (v.isPresent()) {
        Bits.set(honest, i, (int) checked(v.get()).code());
      } else {
        if (absent == null) {
          absent = Bits.words(count);
        }
        Bits.set(absent, i, 1);
        Bits.set(honest, i, 0);
      }
    }
    return new OmFrame.Orders(honest, count, absent);
  }

  /** The frame of numbers this traitor sends {@code to} in {@code round} in place of {@code honest} (owned from now on). */
  OmFrame.Numbers numbers(long[] honest, int round, int from, int to) {
    if (builtin != null) {
      switch (builtin.kind()) {
        case HONEST:
          return new OmFrame.Numbers(honest, null);
        case RANDOM:
          long frame = Entropy.frame(seed, round, from, to);
          long[] sums = pathSums(honest.length, round, from, to);
          for (int i = 0; i < honest.length; i++) {
            honest[i] = builtin.applyCode(kind, honest[i], to, Entropy.message(frame, sums[i]));
          }
          return new OmFrame.Numbers(honest, null);
        case FLIP:
        case SPLIT:
          for (int i = 0; i < honest.length; i++) {
            honest[i] = builtin.applyCode(kind, honest[i], to, 0);
          }
          return new OmFrame.Numbers(honest, null);
        default:
          throw new IllegalStateException("the silent strategy sends nothing");
      }
    }
    boolean[] absent = null;
    for (int i = 0; i < honest.length; i++) {
      Optional<Value> v = strategy.send(new Message(round, from, to, i, Value.number(honest[i])));
      if (v.isPresent()) {
        honest[i] = checked(v.get()).code();
      } else {
        if (absent == null) {
          absent = new boolean[honest.length];
        }
        absent[i] = true;
      }
    }
    return new OmFrame.Numbers(honest, absent);
  }

  /** What a traitor commander tells lieutenant {@code to} instead of {@code order}. */
  Optional<Value> commander(Value order, int to) {
    if (silent()) {
      return Optional.empty();
    }
    return strategy.send(new Message(1, 0, to, 0, order)).map(this::checked);
  }

  /**
   * The random strategy's orders for the frame {@code from} sends {@code to} in {@code round}:
   * bit i is the top bit of message i's entropy. The path of message i is {@code [0, ..., from]},
   * {@code from}'s round-(round-1) path without {@code to}; its entropy sum is the fixed part
   * (commander, sender), the group's prefix, and the row's last two positions. Rows wider than
   * a word lay their sums out first and mix them in a separate loop.
   */
  private long[] randomOrders(int count, int round, int from, int to) {
    long frame = Entropy.frame(seed, round, from, to);
    int k = round - 1;
    long fixed = frame + layout.step(0, 0) + layout.step(from, k);
    long[] out = Bits.words(count);
    if (k == 1) {
      out[0] = mixedTopBitFirst(fixed) >>> 63;
      return out;
    }
    Bits.Writer writer = new Bits.Writer(out);
    if (k == 2) {
      long[] sums = new long[count];
      int i = 0;
      for (int y = 1; y < layout.generals; y++) {
        if (y != from && y != to) {
          sums[i++] = fixed + layout.step(y, 1);
        }
      }
      appendSigns(writer, sums, i);
      return writer.finish();
    }
    int g = layout.rowWidth(k) + 1;
    long[] sums = new long[(g - 1) * (g - 2)];
    long[] last = new long[g];
    if (g - 2 <= 64) {
      // Rows of up to a word: each value mixed and its bit placed at once, a row per append.
      layout.groups(k, from, to, (start, free, avoid, sum) -> {
        for (int u = 0; u < g; u++) {
          last[u] = layout.step(free[u], 1);
        }
        long base = fixed + sum;
        for (int t = 0; t < g; t++) {
          if (t == avoid) {
            continue;
          }
          long row = base + layout.step(free[t], 2);
          long bits = 0;
          int f = 0;
          for (int u = 0; u < g; u++) {
            if (u != t && u != avoid) {
              bits |= (mixedTopBitFirst(row + last[u]) >>> 63) << f++;
            }
          }
          writer.append(bits, f);
        }
      });
      return writer.finish();
    }
    layout.groups(k, from, to, (start, free, avoid, sum) -> {
      for (int u = 0; u < g; u++) {
        last[u] = layout.step(free[u], 1);
      }
      long base = fixed + sum;
      int i = 0;
      for (int t = 0; t < g; t++) {
        if (t == avoid) {
          continue;
        }
        long row = base + layout.step(free[t], 2);
        // Every u but t and avoid, as three runs without a test per value.
        int lo = Math.min(t, avoid);
        int hi = Math.max(t, avoid);
        for (int u = 0; u < lo; u++) {
          sums[i++] = row + last[u];
        }
        for (int u = lo + 1; u < hi; u++) {
          sums[i++] = row + last[u];
        }
        for (int u = hi + 1; u < g; u++) {
          sums[i++] = row + last[u];
        }
      }
      appendSigns(writer, sums, i);
    });
    return writer.finish();
  }

  /** Appends the top bit of {@link Entropy#mix} of each of the first {@code count} sums (mixed in place). */
  private static void appendSigns(Bits.Writer writer, long[] sums, int count) {
    for (int i = 0; i < count; i++) {
      sums[i] = mixedTopBitFirst(sums[i]);
    }
    for (int c = 0; c < count; c += 64) {
      int end = Math.min(count, c + 64);
      long bits = 0;
      for (int i = c; i < end; i++) {
        bits |= (sums[i] >>> 63) << (i - c);
      }
      writer.append(bits, end - c);
    }
  }

  /**
   * {@link Entropy#mix} without its last step, {@code z ^ (z >>> 31)}, which leaves the top bit
   * as it is: the random strategy's order, {@code mix(z) >>> 63}, is this value's top bit, at two
   * operations less per message.
   */
  static long mixedTopBitFirst(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    return (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
  }

  /** The {@link Entropy#pathSum} of each message of the frame {@code from} sends {@code to} in {@code round}. */
  private long[] pathSums(int count, int round, int from, int to) {
    int k = round - 1;
    long fixed = layout.step(0, 0) + layout.step(from, k);
    long[] sums = new long[count];
    if (k == 1) {
      sums[0] = fixed;
      return sums;
    }
    int[] next = {0};
    if (k == 2) {
      for (int y = 1; y < layout.generals; y++) {
        if (y != from && y != to) {
          sums[next[0]++] = fixed + layout.step(y, 1);
        }
      }
      return sums;
    }
    layout.groups(k, from, to, (start, free, avoid, sum) -> {
      int i = next[0];
      for (int t = 0; t < free.length; t++) {
        if (t == avoid) {
          continue;
        }
        long rowSum = fixed + sum + layout.step(free[t], 2);
        for (int u = 0; u < free.length; u++) {
          if (u != t && u != avoid) {
            sums[i++] = rowSum + layout.step(free[u], 1);
          }
        }
      }
      next[0] = i;
    });
    return sums;
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
