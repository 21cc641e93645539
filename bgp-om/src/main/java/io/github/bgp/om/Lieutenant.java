package io.github.bgp.om;

import io.github.bgp.api.Decision;
import io.github.bgp.api.DropReason;
import io.github.bgp.api.NodeId;
import io.github.bgp.api.Value;
import io.github.bgp.spi.Node;
import io.github.bgp.spi.RoundNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A lieutenant of OM(m), loyal or a traitor, as a synchronous state machine.
 *
 * <p>Round 1 brings the commander's order; each round k+1 brings, from every other lieutenant,
 * the values it received in round k, relayed. The lieutenant keeps each round's values in one
 * flat array ({@link Layout}; orders at a bit each, {@link Bits}); after round k it relays that
 * array to every other lieutenant (a traitor lies as its strategy says). After the last round
 * it folds the tree bottom-up: a path's value becomes the majority of what it received on that
 * path and the values of the path's children, which is OM(m-1) decided recursively (Lamport,
 * Shostak and Pease, step 3). The last round is never copied into a tree: its frames are the
 * children the first fold reads ({@link Fold}).
 */
final class Lieutenant implements RoundNode<OmFrame> {

  private final OmAgreement run;
  private final Layout layout;
  private final int self;
  private final Lies lies;
  private final Set<NodeId> fromCommander;
  /** The other lieutenants, in increasing order: the order frames are sent in, for determinism. */
  private final List<NodeId> peers;
  private final Set<NodeId> fromLieutenants;
  private final boolean orders;
  /** levels[k]: round k's values, for k below the last round (orders as bits, numbers as longs). */
  private final long[][] levels;
  private final long fallback;

  Lieutenant(OmAgreement run, int self, Lies lies) {
    this.run = run;
    this.layout = run.layout();
    this.self = self;
    this.lies = lies;
    this.fromCommander = Set.of(NodeId.COMMANDER);
    List<NodeId> others = new ArrayList<>();
    for (int l = 1; l < layout.generals; l++) {
      if (l != self) {
        others.add(NodeId.of(l));
      }
    }
    this.peers = List.copyOf(others);
    this.fromLieutenants = Collections.unmodifiableSet(new TreeSet<>(others));
    this.orders = run.orders();
    this.levels = new long[layout.rounds + 1][];
    this.fallback = run.spec().fallback().code();
  }

  @Override
  public int rounds() {
    return layout.rounds;
  }

  @Override
  public Set<NodeId> senders(int round) {
    return round == 1 ? fromCommander : fromLieutenants;
  }

  @Override
  public Optional<DropReason> check(NodeId from, int round, OmFrame frame) {
    if ((frame instanceof OmFrame.Orders) != orders) {
      return Optional.of(DropReason.MALFORMED);
    }
    if (frame.size() != layout.frameSize(round)) {
      return Optional.of(DropReason.WRONG_SIZE);
    }
    return Optional.empty();
  }

  @Override
  public void start(Node.Context<OmFrame> context) {
    // A lieutenant waits for the commander.
  }

  @Override
  public void endRound(int k, Map<NodeId, OmFrame> frames, Node.Context<OmFrame> context) {
    if (k < layout.rounds) {
      levels[k] = store(k, frames);
      relay(k, context);
    } else {
      context.decide(decide(frames));
    }
  }

  /** Round k's frames as sources of a fold: a missing frame or value counts as the fallback (A3). */
  private Fold.Sources sources(int k, Map<NodeId, OmFrame> frames) {
    List<NodeId> from = k == 1 ? List.of(NodeId.COMMANDER) : peers;
    long[][] arrays = new long[from.size()][];
    long[] missing = null;
    for (int b = 0; b < arrays.length; b++) {
      OmFrame frame = frames.get(from.get(b));
      if (frame == null) {
        if (missing == null) {
          missing = orders ? Bits.filled(layout.frameSize(k), (int) fallback) : filledNumbers(layout.frameSize(k));
        }
        arrays[b] = missing;
      } else {
        arrays[b] = orders ? ((OmFrame.Orders) frame).resolved((int) fallback)
            : ((OmFrame.Numbers) frame).resolved(fallback);
      }
    }
    return new Fold.Sources(arrays, new long[arrays.length]);
  }

  private long[] filledNumbers(long count) {
    long[] a = new long[(int) count];
    java.util.Arrays.fill(a, fallback);
    return a;
  }

  /** Round k's values in one array: the frames of the peers, in order, each one block. */
  private long[] store(int k, Map<NodeId, OmFrame> frames) {
    Fold.Sources sources = sources(k, frames);
    if (sources.arrays().length == 1) {
      return sources.arrays()[0];
    }
    long block = layout.frameSize(k);
    if (!orders) {
      long[] level = new long[(int) layout.stored(k)];
      for (int b = 0; b < sources.arrays().length; b++) {
        System.arraycopy(sources.arrays()[b], 0, level, (int) (b * block), (int) block);
      }
      return level;
    }
    Bits.Writer level = new Bits.Writer(Bits.words(layout.stored(k)));
    for (long[] frame : sources.arrays()) {
      level.copy(frame, 0, block);
    }
    return level.finish();
  }

  /** Sends round k's values on to every other lieutenant, as round k+1. */
  private void relay(int k, Node.Context<OmFrame> context) {
    if (lies != null && lies.silent()) {
      return;
    }
    int size = (int) layout.frameSize(k + 1);
    for (NodeId to : peers) {
      int r = to.index();
      OmFrame frame;
      if (orders) {
        long[] honest = lies == null || lies.needsHonestOrders() ? Relay.orders(layout, k, self, r, levels[k]) : null;
        frame = lies == null ? new OmFrame.Orders(honest, size, null) : lies.orders(honest, size, k + 1, self, r);
      } else {
        long[] honest = Relay.numbers(layout, k, self, r, levels[k]);
        frame = lies == null ? new OmFrame.Numbers(honest, null) : lies.numbers(honest, k + 1, self, r);
      }
      if (frame.present() > 0) {
        context.send(to, k + 1, frame);
      }
    }
  }

  /** Folds the tree bottom-up, the last round straight from its frames, and returns the value at its root. */
  private Decision decide(Map<NodeId, OmFrame> last) {
    int rounds = layout.rounds;
    Fold fold = new Fold(layout, self, run.ballot(), orders);
    SortedMap<NodeId, Value> heard = new TreeMap<>();
    if (rounds == 1) {
      long[] order = sources(1, last).arrays()[0];
      Value v = valueOf(order, 0);
      heard.put(NodeId.COMMANDER, v);
      return new Decision(v, heard);
    }
    heard.put(NodeId.COMMANDER, valueOf(levels[1], 0));
    Fold.Sources children = sources(rounds, last);
    for (int k = rounds - 1; k >= 1; k--) {
      if (k == 1) {
        // The children of the root, folded: for every other lieutenant j, the outcome of the OM(m-1) j led.
        for (int b = 0; b < peers.size(); b++) {
          heard.put(peers.get(b), valueOf(children.arrays()[b], children.positions()[b]));
        }
      }
      levels[k] = fold.fold(k, levels[k], children);
      levels[k + 1] = null;
      children = Fold.Sources.blocks(levels[k], peers.size(), layout.frameSize(k));
    }
    return new Decision(valueOf(levels[1], 0), heard);
  }

  private Value valueOf(long[] values, long i) {
    return orders ? (Bits.bit(values, i) == 1 ? Value.ATTACK : Value.RETREAT) : Value.number(values[(int) i]);
  }
}
