package io.github.bgp.om;

import java.util.Arrays;

/**
 * One step of a lieutenant's decision: replaces each round-k value with the majority of itself
 * and its children's (already folded) round-(k+1) values, the paper's OM(m-1) decided
 * recursively.
 *
 * <p>The children of a round-k row (the paths that differ only in their first lieutenant,
 * {@code free}) come one row from each child block: the block of j holds, in the parents'
 * order, one row of {@code w - 1} values per parent row without j, the row's values without
 * the slot of j. So a fold is one sequential pass over the parent rows that reads every child
 * block sequentially too, each through its own cursor. On orders under a built-in majority the
 * votes of a row are counted bit-sliced: each child row is {@link Bits#expand expanded} back to
 * the parent row's width and added into a few bit planes (the binary digits of the ATTACK
 * counts of up to 64 parents at once), and one comparison of the planes with the threshold
 * gives the row's decisions. Numbers and custom majorities gather every parent's votes, its own
 * first and then its children's in increasing order of their first lieutenant.
 */
final class Fold {

  /**
   * Where each child block is read from: block b (the b-th other lieutenant) is read from
   * {@code arrays[b]} at {@code positions[b]}, a cursor the fold moves on.
   */
  record Sources(long[][] arrays, long[] positions) {
    /** {@code count} blocks of {@code size} values each, one after another in {@code level}. */
    static Sources blocks(long[] level, int count, long size) {
      long[][] arrays = new long[count][];
      long[] positions = new long[count];
      for (int b = 0; b < count; b++) {
        arrays[b] = level;
        positions[b] = b * size;
      }
      return new Sources(arrays, positions);
    }
  }

  private final Layout layout;
  private final int self;
  private final Ballot ballot;
  private final boolean orders;

  Fold(Layout layout, int self, Ballot ballot, boolean orders) {
    this.layout = layout;
    this.self = self;
    this.ballot = ballot;
    this.orders = orders;
  }

  /** Round k's folded values, from its received ones ({@code parents}) and its children's. */
  long[] fold(int k, long[] parents, Sources children) {
    int votes = layout.generals - k; // its own value and n-k-1 children
    long[][] arrays = children.arrays();
    long[] positions = children.positions();
    if (k == 1) {
      long[] gathered = new long[votes];
      gathered[0] = code(parents, 0);
      for (int b = 0; b < arrays.length; b++) {
        gathered[b + 1] = code(arrays[b], positions[b]);
      }
      long choice = choose(gathered, 0, votes);
      return orders ? Bits.filled(1, (int) choice) : new long[] {choice};
    }
    Rows rows = orders && ballot.counts() ? new Counted(parents, k, votes) : new Gathered(parents, k, votes);
    if (k == 2) {
      rows.row(0, arrays.length, arrays, positions, -1);
      return rows.finish();
    }
    int g = layout.rowWidth(k) + 1;
    long[][] groupArrays = new long[g][];
    long[] cursors = new long[g];
    int[] symbols = new int[g];
    int w = layout.rowWidth(k);
    layout.groups(k, self, 0, (start, free, avoid, sum) -> {
      for (int u = 0; u < g; u++) {
        int b = Layout.rankAmongOthers(free[u], self);
        symbols[u] = b;
        groupArrays[u] = arrays[b];
        cursors[u] = positions[b];
      }
      long row = start;
      for (int t = 0; t < g; t++, row += w) {
        rows.row(row, g, groupArrays, cursors, t);
      }
      for (int u = 0; u < g; u++) {
        positions[symbols[u]] = cursors[u];
      }
    });
    return rows.finish();
  }

  private long code(long[] values, long i) {
    return orders ? Bits.bit(values, i) : values[(int) i];
  }

  private long choose(long[] votes, int from, int count) {
    if (orders && ballot.counts()) {
      int attack = 0;
      for (int i = from; i < from + count; i++) {
        attack += (int) votes[i];
      }
      return ballot.counted(attack, count);
    }
    return ballot.choose(votes, from, count);
  }

  /** Folds rows one at a time, writing the results in order. */
  private abstract static class Rows {
    final long[] parents;
    final int width;
    final int votes;

    Rows(long[] parents, int width, int votes) {
      this.parents = parents;
      this.width = width;
      this.votes = votes;
    }

    /**
     * Folds the parent row at {@code start}: its children are read from {@code arrays[u]} at
     * {@code cursors[u]} (moved on by {@code width - 1}) for every u below {@code count} but
     * {@code removed}, and child u's row lacks the parent slot of u's rank among them.
     */
    abstract void row(long start, int count, long[][] arrays, long[] cursors, int removed);

    abstract long[] finish();

    /** The parent slot child u's row lacks: its index among the row's lieutenants. */
    static int slot(int u, int removed) {
      return removed >= 0 && u > removed ? u - 1 : u;
    }
  }

  /** Orders under a built-in majority: ATTACK votes counted in bit planes, up to 64 parents at once. */
  private final class Counted extends Rows {
    private final Bits.Writer out;
    private final long[] planes;
    private final int threshold;
    private final int[] counts;

    Counted(long[] parents, int k, int votes) {
      super(parents, layout.rowWidth(k), votes);
      this.out = new Bits.Writer(Bits.words(layout.stored(k)));
      this.planes = new long[32 - Integer.numberOfLeadingZeros(votes)];
      this.threshold = ballot.threshold(votes);
      this.counts = width > 64 ? new int[width] : null;
    }

    @Override
    void row(long start, int count, long[][] arrays, long[] cursors, int removed) {
      if (counts != null) {
        wide(start, count, arrays, cursors, removed);
      } else if (votes < 16) {
        out.append(fourPlanes(start, count, arrays, cursors, removed), width);
      } else {
        out.append(sevenPlanes(start, count, arrays, cursors, removed), width);
      }
    }

    /**
     * The row's decisions for fewer than 16 votes: the counts in four bit planes, each child
     * row added by a ripple of carries through them (no branch), then compared with the
     * threshold plane by plane from the top.
     */
    private long fourPlanes(long start, int count, long[][] arrays, long[] cursors, int removed) {
      int w = width;
      int cw = w - 1;
      long p0 = Bits.read(parents, start, w);
      long p1 = 0;
      long p2 = 0;
      long p3 = 0;
      for (int u = 0; u < count; u++) {
        if (u == removed) {
          continue;
        }
        long c = cursors[u];
        long e = Bits.expand(Bits.read(arrays[u], c, cw), removed >= 0 && u > removed ? u - 1 : u);
        cursors[u] = c + cw;
        long c1 = p0 & e;
        p0 ^= e;
        long c2 = p1 & c1;
        p1 ^= c1;
        long c3 = p2 & c2;
        p2 ^= c2;
        p3 ^= c3;
      }
      long greater = 0;
      long equal = -1L;
      int t = threshold;
      if ((t & 8) != 0) {
        equal &= p3;
      } else {
        greater |= equal & p3;
        equal &= ~p3;
      }
      if ((t & 4) != 0) {
        equal &= p2;
      } else {
        greater |= equal & p2;
        equal &= ~p2;
      }
      if ((t & 2) != 0) {
        equal &= p1;
      } else {
        greater |= equal & p1;
        equal &= ~p1;
      }
      if ((t & 1) != 0) {
        equal &= p0;
      } else {
        greater |= equal & p0;
        equal &= ~p0;
      }
      return (greater | equal) & Bits.mask(w);
    }

    /** The same for up to 64 votes (rows of up to 64 values), in seven planes. */
    private long sevenPlanes(long start, int count, long[][] arrays, long[] cursors, int removed) {
      int w = width;
      int cw = w - 1;
      long[] p = planes;
      Arrays.fill(p, 0);
      p[0] = Bits.read(parents, start, w);
      for (int u = 0; u < count; u++) {
        if (u == removed) {
          continue;
        }
        long c = cursors[u];
        long e = Bits.expand(Bits.read(arrays[u], c, cw), removed >= 0 && u > removed ? u - 1 : u);
        cursors[u] = c + cw;
        for (int i = 0; e != 0 && i < p.length; i++) {
          long carry = p[i] & e;
          p[i] ^= e;
          e = carry;
        }
      }
      long greater = 0;
      long equal = -1L;
      for (int i = p.length - 1; i >= 0; i--) {
        if ((threshold >>> i & 1) != 0) {
          equal &= p[i];
        } else {
          greater |= equal & p[i];
          equal &= ~p[i];
        }
      }
      return (greater | equal) & Bits.mask(w);
    }

    /** Rows wider than a word (more than 66 generals): counted one value at a time. */
    private void wide(long start, int count, long[][] arrays, long[] cursors, int removed) {
      int w = width;
      for (int y = 0; y < w; y++) {
        counts[y] = Bits.bit(parents, start + y);
      }
      for (int u = 0; u < count; u++) {
        if (u == removed) {
          continue;
        }
        int slot = slot(u, removed);
        long c = cursors[u];
        for (int z = 0; z < w - 1; z++) {
          counts[z < slot ? z : z + 1] += Bits.bit(arrays[u], c + z);
        }
        cursors[u] = c + w - 1;
      }
      for (int y = 0; y < w; y++) {
        out.append(counts[y] >= threshold ? 1 : 0, 1);
      }
    }

    @Override
    long[] finish() {
      return out.finish();
    }
  }

  /** Numbers, or a majority that is not built in: every parent's votes gathered, then chosen. */
  private final class Gathered extends Rows {
    private final long[] gathered;
    private final int[] filled;
    private final long[] numbers;
    private final Bits.Writer bits;
    private int next;

    Gathered(long[] parents, int k, int votes) {
      super(parents, layout.rowWidth(k), votes);
      this.gathered = new long[width * votes];
      this.filled = new int[width];
      long size = layout.stored(k);
      this.numbers = orders ? null : new long[(int) size];
      this.bits = orders ? new Bits.Writer(Bits.words(size)) : null;
    }

    @Override
    void row(long start, int count, long[][] arrays, long[] cursors, int removed) {
      int w = width;
      for (int y = 0; y < w; y++) {
        gathered[y * votes] = code(parents, start + y);
        filled[y] = 1;
      }
      for (int u = 0; u < count; u++) {
        if (u == removed) {
          continue;
        }
        int slot = slot(u, removed);
        long c = cursors[u];
        for (int z = 0; z < w - 1; z++) {
          int y = z < slot ? z : z + 1;
          gathered[y * votes + filled[y]++] = code(arrays[u], c + z);
        }
        cursors[u] = c + w - 1;
      }
      for (int y = 0; y < w; y++) {
        long choice = choose(gathered, y * votes, votes);
        if (orders) {
          bits.append(choice, 1);
        } else {
          numbers[next++] = choice;
        }
      }
    }

    @Override
    long[] finish() {
      return orders ? bits.finish() : numbers;
    }
  }
}
