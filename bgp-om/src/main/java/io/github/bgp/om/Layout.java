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
 *       as one contiguous block (the block of paths whose last relayer is s), so a received
 *       frame is one block of the receiver's array, as it is.
 *   <li>What s relays to r is s's round-k array in order, minus the paths that contain r:
 *       walked by {@link #groups}, one whole row and one slot of every other row of each
 *       group, so relaying is a tight loop over rows.
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
  /** step[general][position]: {@link Entropy#step}, for paths of up to {@link #rounds} + 1 generals. */
  private final long[][] step;

  Layout(int generals, int m) {
    this.generals = generals;
    this.m = m;
    this.rounds = Math.min(m, generals - 2) + 1;
    this.step = new long[generals][rounds + 1];
    for (int g = 0; g < generals; g++) {
      for (int position = 0; position <= rounds; position++) {
        step[g][position] = Entropy.step(g, position);
      }
    }
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

  /** Values in one row of a round-k array (k &gt;= 2): the lieutenants free at its last position, n - k. */
  int rowWidth(int k) {
    return generals - k;
  }

  /**
   * Receives the groups of {@link #groups}. A group is the set of paths sharing all but the
   * last two positions of their reversed middle; row t of it holds the paths whose next to last
   * position is {@code free[t]}, and the row's values, one for each other lieutenant in
   * {@code free} in increasing order, are contiguous. The arrays passed are reused: read them
   * during the call only.
   */
  interface GroupVisitor {
    /**
     * @param start the position in the owner's round-k array of the group's first value; row t
     *     starts at {@code start + t * rowWidth(k)}
     * @param free the lieutenants not in the group's common prefix (nor the owner), increasing
     * @param avoid the index in {@code free} of the lieutenant the walk avoids, or -1
     * @param sum the sum of {@link Entropy#step} over the common prefix, each general at its
     *     position in the path (the next to last position is path position 2, the last is 1)
     */
    void group(long start, int[] free, int avoid, long sum);
  }

  /**
   * Walks {@code owner}'s round-k array (k &gt;= 3: sequences of k-1 distinct lieutenants other
   * than the owner, in lexicographic order) group by group, in order, leaving out the groups
   * whose common prefix contains {@code avoid} (0: leave out none). Within a visited group the
   * paths containing {@code avoid} are row {@code avoid} and slot {@code avoid} of every other
   * row: what a frame without {@code avoid} skips is one row and one value per row, so
   * relaying and folding are tight loops over rows rather than a callback per run.
   */
  void groups(int k, int owner, int avoid, GroupVisitor visitor) {
    if (k < 3) {
      throw new IllegalArgumentException("round " + k + " has no groups; rounds 1 and 2 are one row");
    }
    boolean[] used = new boolean[generals];
    used[0] = true;
    used[owner] = true;
    int w = rowWidth(k);
    group(k, 0, 0, 0, used, avoid, new int[w + 2], new int[w + 1], visitor);
  }

  private void group(int k, int depth, long base, long sum, boolean[] used, int avoid, int[] parent, int[] free,
      GroupVisitor v) {
    int length = k - 1;
    if (depth >= length - 3) {
      // The free lieutenants here; each choice of one more (none if depth is already the
      // group's) leaves one group, whose free list is this one without it.
      int g = 0;
      int a = -1;
      for (int e = 1; e < generals; e++) {
        if (!used[e]) {
          if (e == avoid) {
            a = g;
          }
          parent[g++] = e;
        }
      }
      if (depth == length - 2) {
        System.arraycopy(parent, 0, free, 0, g);
        v.group(base, free, a, sum);
        return;
      }
      long subtree = (long) (g - 1) * (g - 2);
      long position = base;
      int position3 = k - 1 - depth;
      for (int x = 0; x < g; x++, position += subtree) {
        if (x == a) {
          continue;
        }
        System.arraycopy(parent, 0, free, 0, x);
        System.arraycopy(parent, x + 1, free, x, g - x - 1);
        v.group(position, free, a < 0 ? -1 : a < x ? a : a - 1, sum + step[parent[x]][position3]);
      }
      return;
    }
    long subtree = falling(generals - 3 - depth, length - depth - 1);
    long position = base;
    for (int e = 1; e < generals; e++) {
      if (used[e]) {
        continue;
      }
      if (e != avoid) {
        used[e] = true;
        // The reversed middle's element at depth d sits at position k - 1 - d of the path.
        group(k, depth + 1, position, sum + step[e][k - 1 - depth], used, avoid, parent, free, v);
        used[e] = false;
      }
      position += subtree;
    }
  }

  /** {@link Entropy#step}{@code (general, position)}, looked up. */
  long step(int general, int position) {
    return step[general][position];
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
