package io.github.bgp.om;

import io.github.bgp.api.NodeId;
import io.github.bgp.spi.Entropy;
import java.util.ArrayList;
import java.util.List;

/**
 * The shape of OM(m)'s message tree for n generals, and the canonical order of paths that
 * senders and receivers both enumerate, so a frame carries values and never paths.
 *
 * <p>A message received in round k has a path {@code [0, a1, ..., a(k-1)]} of distinct
 * lieutenants, the last one being its sender. Lieutenant i keeps the values of round k in one
 * flat array, one slot per path that does not contain i, ordered lexicographically by the
 * path's <em>reversed</em> middle {@code (a(k-1), ..., a1)}: last relayer first. That order is
 * chosen for two facts:
 *
 * <ul>
 *   <li>Everything sender s relays to receiver r in round k+1 lands in r's round-(k+1) array
 *       as one contiguous block (the block of paths whose last relayer is s), so receiving a
 *       frame is one array copy.
 *   <li>What s relays to r is s's round-k array in order, minus the paths that contain r:
 *       contiguous runs, found by {@link #runsAvoiding}, so relaying is a few array copies.
 * </ul>
 *
 * <p>The same walk gives, for the decision, every path's children in order. Sizes are falling
 * factorials: a lieutenant stores {@code (n-2)(n-3)...(n-k)} values for round k, and a frame of
 * round k carries {@code (n-3)(n-4)...(n-k)} of them.
 */
final class Layout {

  /** Largest array a node may need; beyond it a run is refused before it starts. */
  static final long MAX_ARRAY = Integer.MAX_VALUE - 16;

  final int generals;
  final int m;
  /** Rounds a lieutenant takes part in: m+1, or fewer if there are too few lieutenants to relay further. */
  final int rounds;

  Layout(int generals, int m) {
    this.generals = generals;
    this.m = m;
    this.rounds = Math.min(m, generals - 2) + 1;
  }

  /** a(a-1)...(a-j+1), saturating at Long.MAX_VALUE; 1 for j = 0, 0 if a &lt; j. */
  static long falling(long a, int j) {
    long r = 1;
    for (int x = 0; x < j; x++) {
      long f = a - x;
      if (f <= 0) {
        return 0;
      }
      r = Saturating.multiply(r, f);
    }
    return r;
  }

  /** A count for people: with thousands separators, or "more than 9.2e18" if it saturated. */
  static String count(long n) {
    return n == Long.MAX_VALUE ? "more than 9.2e18" : String.format("%,d", n);
  }

  /** Values a lieutenant stores for round k. */
  long stored(int k) {
    return falling(generals - 2, k - 1);
  }

  /** Values in one frame of round k (1 for the commander's order). */
  long frameSize(int k) {
    return k == 1 ? 1 : falling(generals - 3, k - 2);
  }

  /** Logical messages sent in round k when nobody is silent: (n-1)(n-2)...(n-k). */
  long messagesInRound(int k) {
    return falling(generals - 1, k);
  }

  /** Logical messages of a whole run when nobody is silent. */
  long expectedMessages() {
    long total = 0;
    for (int k = 1; k <= rounds; k++) {
      total = Saturating.add(total, messagesInRound(k));
    }
    return total;
  }

  /** Position of lieutenant j among the lieutenants other than i, in increasing order. */
  static int rankAmongOthers(int j, int i) {
    return j - 1 - (j > i ? 1 : 0);
  }

  /** Where the block of paths last relayed by {@code sender} starts in {@code self}'s round-k array. */
  int blockStart(int k, int self, int sender) {
    return (int) (rankAmongOthers(sender, self) * frameSize(k));
  }

  /** Receives contiguous runs of array positions. */
  interface RunConsumer {
    void run(int start, int length);
  }

  /**
   * Walks {@code owner}'s round-k array (sequences of length k-1 over the lieutenants other
   * than {@code owner}) in order, and reports the runs of positions whose paths do not contain
   * {@code avoid}.
   */
  void runsAvoiding(int k, int owner, int avoid, RunConsumer out) {
    int length = k - 1;
    if (length == 0) {
      out.run(0, 1);
      return;
    }
    boolean[] used = new boolean[generals];
    used[0] = true;
    used[owner] = true;
    walk(0, length, 0, used, avoid, generals - 2, out);
  }

  private void walk(int depth, int length, long base, boolean[] used, int avoid, int free, RunConsumer out) {
    if (depth == length - 1) {
      // Last position: the free lieutenants in increasing order; at most two runs around 'avoid'.
      int before = 0;
      for (int e = 1; e < avoid; e++) {
        if (!used[e]) {
          before++;
        }
      }
      if (before > 0) {
        out.run((int) base, before);
      }
      int after = free - before - 1;
      if (after > 0) {
        out.run((int) base + before + 1, after);
      }
      return;
    }
    long subtree = falling(free - 1, length - depth - 1);
    long position = base;
    for (int e = 1; e < generals; e++) {
      if (used[e]) {
        continue;
      }
      if (e != avoid) {
        used[e] = true;
        walk(depth + 1, length, position, used, avoid, free - 1, out);
        used[e] = false;
      }
      position += subtree;
    }
  }

  /** Receives, in frame order, each message's position in its frame and its path's sum. */
  interface PathSumConsumer {
    void accept(int index, long pathSum);
  }

  /**
   * Walks the frame {@code sender} sends {@code receiver} in round {@code k + 1} (the sender's
   * round-k paths without the receiver, in order) and reports for each message the
   * {@link Entropy#pathSum} of its path {@code [0, ..., sender]}, kept as a running sum.
   */
  void pathSums(int k, int sender, int receiver, PathSumConsumer out) {
    int length = k - 1;
    long fixed = Entropy.step(0, 0) + Entropy.step(sender, k);
    if (length == 0) {
      out.accept(0, fixed);
      return;
    }
    boolean[] used = new boolean[generals];
    used[0] = true;
    used[sender] = true;
    used[receiver] = true;
    sums(0, length, fixed, used, new int[] {0}, out);
  }

  private void sums(int depth, int length, long sum, boolean[] used, int[] index, PathSumConsumer out) {
    // The reversed middle's element at depth d sits at position length - d of the path.
    int position = length - depth;
    for (int e = 1; e < generals; e++) {
      if (used[e]) {
        continue;
      }
      long s = sum + Entropy.step(e, position);
      if (depth == length - 1) {
        out.accept(index[0]++, s);
      } else {
        used[e] = true;
        sums(depth + 1, length, s, used, index, out);
        used[e] = false;
      }
    }
  }

  /**
   * The path of the {@code index}-th value of the frame {@code sender} sends {@code receiver}
   * in round k: {@code [0, ..., sender]}.
   */
  List<NodeId> framePath(int k, int sender, int receiver, long index) {
    List<NodeId> path = new ArrayList<>(k);
    path.add(NodeId.COMMANDER);
    if (k == 1) {
      return path;
    }
    int length = k - 2; // the reversed middle, over lieutenants other than sender and receiver
    boolean[] used = new boolean[generals];
    used[0] = true;
    used[sender] = true;
    used[receiver] = true;
    int free = generals - 3;
    int[] reversed = new int[length];
    long rest = index;
    for (int d = 0; d < length; d++) {
      long subtree = falling(free - 1, length - d - 1);
      long q = rest / subtree;
      rest %= subtree;
      int e = 0;
      for (int c = 1; c < generals; c++) {
        if (!used[c] && q-- == 0) {
          e = c;
          break;
        }
      }
      used[e] = true;
      reversed[d] = e;
      free--;
    }
    for (int d = length - 1; d >= 0; d--) {
      path.add(NodeId.of(reversed[d]));
    }
    path.add(NodeId.of(sender));
    return path;
  }

  /** The lieutenants not on {@code path} and other than {@code receiver}: who the receiver forwards to. */
  List<NodeId> others(List<NodeId> path, NodeId receiver) {
    List<NodeId> others = new ArrayList<>();
    for (int l = 1; l < generals; l++) {
      NodeId id = NodeId.of(l);
      if (!id.equals(receiver) && !path.contains(id)) {
        others.add(id);
      }
    }
    return others;
  }
}
