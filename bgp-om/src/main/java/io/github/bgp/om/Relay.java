package io.github.bgp.om;

/**
 * What a general relays: its round-k array without the paths that contain the receiver, in
 * order, which is the block the receiver keeps for it in round k+1 ({@link Layout}). Round 1 is
 * one value and round 2 one row; from round 3 on the walk goes group by group
 * ({@link Layout#groups}), and each row is copied without one slot: on orders one read, one
 * {@link Bits#compress} and one append of up to 64 bits per row.
 */
final class Relay {

  private Relay() {}

  /** The honest orders {@code sender} relays to {@code receiver} in round k+1, from its round-k bits. */
  static long[] orders(Layout layout, int k, int sender, int receiver, long[] level) {
    long size = layout.frameSize(k + 1);
    long[] out = Bits.words(size);
    if (k == 1) {
      out[0] = level[0] & 1;
      return out;
    }
    Bits.Writer writer = new Bits.Writer(out);
    if (k == 2) {
      int width = layout.generals - 2;
      row(writer, level, 0, width, Layout.rankAmongOthers(receiver, sender));
      return writer.finish();
    }
    int w = layout.rowWidth(k);
    if (w <= 64) {
      Rows rows = new Rows(level, out, w);
      layout.groups(k, sender, receiver, rows);
      rows.finish();
      return out;
    }
    layout.groups(k, sender, receiver, (start, free, avoid, sum) -> {
      long row = start;
      for (int t = 0; t < free.length; t++, row += w) {
        if (t != avoid) {
          row(writer, level, row, w, t < avoid ? avoid - 1 : avoid);
        }
      }
    });
    return writer.finish();
  }

  /**
   * Rows of up to 64 orders, each read, compressed and appended with the writer's state in
   * local variables for the length of a group.
   */
  private static final class Rows implements Layout.GroupVisitor {
    private final long[] level;
    private final long[] out;
    private final int w;
    private long acc;
    private int fill;
    private int word;

    Rows(long[] level, long[] out, int w) {
      this.level = level;
      this.out = out;
      this.w = w;
    }

    @Override
    public void group(long start, int[] free, int avoid, long sum) {
      long[] in = level;
      long[] o = out;
      int width = w;
      int cw = width - 1;
      long readMask = Bits.mask(width);
      long a = acc;
      int f = fill;
      int wd = word;
      long row = start;
      for (int t = 0; t < free.length; t++, row += width) {
        if (t == avoid) {
          continue;
        }
        int q = t < avoid ? avoid - 1 : avoid;
        int i = (int) (row >>> 6);
        int s = (int) row & 63;
        long v = ((in[i] >>> s) | ((in[i + 1] << (63 - s)) << 1)) & readMask;
        long low = (1L << q) - 1;
        v = (v & low) | ((v >>> 1) & ~low);
        a |= v << f;
        f += cw;
        if (f >= 64) {
          o[wd++] = a;
          f -= 64;
          // f was at least 1 before this row (cw is at most 63), so the shift is below 64.
          a = v >>> (cw - f);
        }
      }
      acc = a;
      fill = f;
      word = wd;
    }

    void finish() {
      if (fill > 0) {
        out[word] = acc;
      }
    }
  }

  /** Appends the {@code w} bits at {@code start} without bit {@code skip}. */
  private static void row(Bits.Writer writer, long[] level, long start, int w, int skip) {
    if (w <= 64) {
      if (w > 1) {
        writer.append(Bits.compress(Bits.read(level, start, w), skip), w - 1);
      }
      return;
    }
    writer.copy(level, start, skip);
    writer.copy(level, start + skip + 1, w - skip - 1L);
  }

  /** The honest numbers {@code sender} relays to {@code receiver} in round k+1, from its round-k values. */
  static long[] numbers(Layout layout, int k, int sender, int receiver, long[] level) {
    long[] out = new long[(int) layout.frameSize(k + 1)];
    if (k == 1) {
      out[0] = level[0];
      return out;
    }
    if (k == 2) {
      int skip = Layout.rankAmongOthers(receiver, sender);
      System.arraycopy(level, 0, out, 0, skip);
      System.arraycopy(level, skip + 1, out, skip, level.length - skip - 1);
      return out;
    }
    int w = layout.rowWidth(k);
    int[] next = {0};
    layout.groups(k, sender, receiver, (start, free, avoid, sum) -> {
      int o = next[0];
      int row = (int) start;
      for (int t = 0; t < free.length; t++, row += w) {
        if (t == avoid) {
          continue;
        }
        int skip = t < avoid ? avoid - 1 : avoid;
        for (int x = 0; x < skip; x++) {
          out[o++] = level[row + x];
        }
        for (int x = skip + 1; x < w; x++) {
          out[o++] = level[row + x];
        }
      }
      next[0] = o;
    });
    return out;
  }
}
