package io.github.bgp.cli;

import io.github.bgp.generals.MonteCarlo;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The Monte Carlo's curves in a terminal: the probability of disagreement against k on a
 * logarithmic scale, one marker per loss rate, the 1/N line below which the trials see nothing,
 * and a dot at the exact value where no run disagreed. Each k has a column of characters, one
 * per loss rate, so that points of different rates never hide one another.
 */
final class AsciiChart {

  /** One marker per loss rate, in order (cycled beyond eight). */
  static final char[] MARKERS = {'o', 'x', '+', '#', '@', '%', '=', '~'};
  /** Where the exact value is drawn because the estimate is below 1/N. */
  static final char EXACT = '.';
  private static final int GAP = 2;
  private static final int MAX_DECADES = 12;

  private AsciiChart() {}

  static List<String> render(MonteCarlo.Table t) {
    List<double[]> points = new ArrayList<>(); // {rate index, k, value, exact?}
    double smallest = 1;
    for (int r = 0; r < t.lossRates().size(); r++) {
      for (MonteCarlo.Cell c : t.row(t.lossRates().get(r))) {
        double exact = c.exact().orElse(0);
        double v = c.belowResolution() ? exact : c.estimate();
        if (v > 0) {
          points.add(new double[] {r, c.k(), v, c.belowResolution() ? 1 : 0});
          smallest = Math.min(smallest, v);
        }
      }
    }
    int decades = Math.max(1, Math.min(MAX_DECADES, (int) Math.ceil(-Math.log10(smallest) - 1e-9)));
    int perDecade = decades <= 4 ? 3 : decades <= 8 ? 2 : 1;
    int rows = decades * perDecade + 1;
    int rates = t.lossRates().size();
    int column = rates + GAP;
    int width = t.maxK() * column;
    char[][] grid = new char[rows][width];
    for (char[] line : grid) {
      Arrays.fill(line, ' ');
    }
    int resolutionRow = row(1.0 / t.trials(), perDecade);
    if (resolutionRow < rows) {
      for (int x = 0; x < width; x++) {
        grid[resolutionRow][x] = x % 2 == 0 ? '-' : ' ';
      }
    }
    boolean clipped = false;
    for (double[] p : points) {
      int y = row(p[2], perDecade);
      if (y >= rows) {
        clipped = true;
        continue;
      }
      int x = ((int) p[1] - 1) * column + GAP / 2 + (int) p[0];
      grid[y][x] = p[3] == 1 ? EXACT : MARKERS[(int) p[0] % MARKERS.length];
    }

    List<String> lines = new ArrayList<>();
    StringBuilder legend = new StringBuilder("P(disagreement), log scale:");
    for (int r = 0; r < t.lossRates().size(); r++) {
      legend.append("  ").append(MARKERS[r % MARKERS.length]).append(" p=").append(TwoGeneralsReport.rate(t.lossRates().get(r)));
    }
    lines.add(legend.toString());
    lines.add(String.format(Locale.ROOT, "  %c the exact value, where no run of %s disagreed;  - - 1/N", EXACT,
        Words.count(t.trials())));
    for (int y = 0; y < rows; y++) {
      String label = y % perDecade == 0 ? decade(y / perDecade) : "";
      String tail = y == resolutionRow ? "  1/N" : "";
      lines.add((" ".repeat(6 - label.length()) + label + " |" + new String(grid[y]) + tail).stripTrailing());
    }
    // The axis: a tick under the middle of each k's column, its number under the tick.
    char[] axis = new char[width];
    char[] ks = new char[width + 2];
    Arrays.fill(axis, '-');
    Arrays.fill(ks, ' ');
    for (int k = 1; k <= t.maxK(); k++) {
      int middle = (k - 1) * column + GAP / 2 + (rates - 1) / 2;
      axis[middle] = '+';
      String label = Integer.toString(k);
      for (int i = 0; i < label.length(); i++) {
        ks[middle - (label.length() - 1) + i] = label.charAt(i);
      }
    }
    lines.add("       +" + new String(axis));
    lines.add(("        " + new String(ks)).stripTrailing() + "   k");
    if (clipped) {
      lines.add("(values below 1e-" + MAX_DECADES + " are left out)");
    }
    return lines;
  }

  /** The row of {@code v}: 0 for 1, perDecade for 0.1, and so on. */
  private static int row(double v, int perDecade) {
    return (int) Math.round(-Math.log10(v) * perDecade);
  }

  /** {@code 1}, {@code 0.1}, {@code 0.01}, {@code 1e-3}, ... */
  private static String decade(int d) {
    switch (d) {
      case 0:
        return "1";
      case 1:
        return "0.1";
      case 2:
        return "0.01";
      default:
        return "1e-" + d;
    }
  }
}
