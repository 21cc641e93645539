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
 * flat array ({@link Layout}); after round k it relays that array to every other lieutenant
 * (a traitor lies as its strategy says). After the last round it folds the tree bottom-up: a
 * path's value becomes the majority of what it received on that path and the values of the
 * path's children, which is OM(m-1) decided recursively (Lamport, Shostak and Pease, step 3).
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
  private final byte[][] orders;
  private final long[][] numbers;

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
    this.orders = run.orders() ? new byte[layout.rounds + 1][] : null;
    this.numbers = run.orders() ? null : new long[layout.rounds + 1][];
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
    if ((frame instanceof OmFrame.Orders) != run.orders()) {
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
    store(k, frames);
    if (k < layout.rounds) {
      relay(k, context);
    } else {
      context.decide(decide());
    }
  }

  /** Keeps round k's values; a missing frame or value counts as the fallback (A3). */
  private void store(int k, Map<NodeId, OmFrame> frames) {
    Object level = run.orders() ? new byte[(int) layout.stored(k)] : new long[(int) layout.stored(k)];
    setLevel(k, level);
    long fallback = run.spec().fallback().code();
    int block = (int) layout.frameSize(k);
    for (NodeId sender : k == 1 ? List.of(NodeId.COMMANDER) : peers) {
      int start = k == 1 ? 0 : layout.blockStart(k, self, sender.index());
      OmFrame frame = frames.get(sender);
      if (frame == null) {
        OmFrame.fill(level, start, block, fallback);
      } else {
        frame.copyInto(level, start, fallback);
      }
    }
  }

  /** Sends round k's values on to every other lieutenant, as round k+1. */
  private void relay(int k, Node.Context<OmFrame> context) {
    if (lies != null && lies.silent()) {
      return;
    }
    Object source = levelOf(k);
    int size = (int) layout.frameSize(k + 1);
    for (NodeId to : peers) {
      int r = to.index();
      Object values = run.orders() ? new byte[size] : new long[size];
      int[] cursor = {0};
      layout.runsAvoiding(k, self, r, (start, length) -> {
        System.arraycopy(source, start, values, cursor[0], length);
        cursor[0] += length;
      });
      boolean[] absent = lies == null ? null : lies.apply(values, k + 1, self, r);
      OmFrame frame = OmFrame.of(values, absent);
      if (frame.present() > 0) {
        context.send(to, k + 1, frame);
      }
    }
  }

  private Object levelOf(int k) {
    return run.orders() ? orders[k] : numbers[k];
  }

  private void setLevel(int k, Object level) {
    if (run.orders()) {
      orders[k] = (byte[]) level;
    } else {
      numbers[k] = (long[]) level;
    }
  }

  /** Folds the tree bottom-up and returns the value at its root, with what was heard there. */
  private Decision decide() {
    SortedMap<NodeId, Value> heard = new TreeMap<>();
    heard.put(NodeId.COMMANDER, valueAt(1, 0));
    for (int k = layout.rounds - 1; k >= 2; k--) {
      fold(k);
    }
    if (layout.rounds >= 2) {
      // Round 2 now holds, for every other lieutenant j, the outcome of the OM(m-1) j led.
      for (NodeId j : peers) {
        heard.put(j, valueAt(2, layout.blockStart(2, self, j.index())));
      }
      fold(1);
    }
    return new Decision(valueAt(1, 0), heard);
  }

  private Value valueAt(int k, int i) {
    return run.orders() ? (orders[k][i] == 1 ? Value.ATTACK : Value.RETREAT) : Value.number(numbers[k][i]);
  }

  /**
   * Replaces each round-k value with the majority of itself and its children's (already
   * folded) round-(k+1) values. Child (j, path) sits in block j of round k+1, in the order
   * {@link Layout#runsAvoiding} walks round k's paths that do not contain j.
   */
  private void fold(int k) {
    int parents = (int) layout.stored(k);
    int votes = layout.generals - k; // its own value and n-k-1 children
    if (run.ballot().counts()) {
      byte[] level = orders[k];
      byte[] children = orders[k + 1];
      int[] attack = new int[parents];
      for (NodeId j : peers) {
        int[] cursor = {layout.blockStart(k + 1, self, j.index())};
        layout.runsAvoiding(k, self, j.index(), (start, length) -> {
          int c = cursor[0];
          for (int x = 0; x < length; x++) {
            attack[start + x] += children[c + x];
          }
          cursor[0] = c + length;
        });
      }
      Ballot ballot = run.ballot();
      for (int p = 0; p < parents; p++) {
        level[p] = (byte) ballot.counted(attack[p] + level[p], votes);
      }
      orders[k + 1] = null;
      return;
    }
    // General path: gather every parent's votes, then apply the majority function.
    long[] gathered = new long[parents * votes];
    int[] filled = new int[parents];
    for (int p = 0; p < parents; p++) {
      gathered[p * votes] = codeAt(k, p);
      filled[p] = 1;
    }
    for (NodeId j : peers) {
      int[] cursor = {layout.blockStart(k + 1, self, j.index())};
      layout.runsAvoiding(k, self, j.index(), (start, length) -> {
        int c = cursor[0];
        for (int x = 0; x < length; x++) {
          int p = start + x;
          gathered[p * votes + filled[p]++] = codeAt(k + 1, c + x);
        }
        cursor[0] = c + length;
      });
    }
    for (int p = 0; p < parents; p++) {
      setCode(k, p, run.ballot().choose(gathered, p * votes, votes));
    }
    if (run.orders()) {
      orders[k + 1] = null;
    } else {
      numbers[k + 1] = null;
    }
  }

  private long codeAt(int k, int i) {
    return run.orders() ? orders[k][i] : numbers[k][i];
  }

  private void setCode(int k, int i, long code) {
    if (run.orders()) {
      orders[k][i] = (byte) code;
    } else {
      numbers[k][i] = code;
    }
  }
}
