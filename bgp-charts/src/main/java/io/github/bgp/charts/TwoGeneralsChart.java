package io.github.bgp.charts;

import io.github.bgp.generals.Family;
import io.github.bgp.generals.MonteCarlo;
import java.awt.Color;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.ChartEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.style.Styler;

/**
 * The two generals' Monte Carlo as a chart, in the report's look: the probability that exactly
 * one general attacks against k (log scale), one colour per loss rate, the estimates as points
 * and the exact value dashed through them, and the 1/N below which N trials see nothing. Used by
 * the benchmark report's section and by {@code bgp two-generals --chart}.
 */
public final class TwoGeneralsChart {

  private static final Color GREY = new Color(120, 120, 120);

  private TwoGeneralsChart() {}

  /** The chart of {@code table}. */
  public static XYChart chart(MonteCarlo.Table table) {
    Family f = table.family();
    XYChart c = Charts.xy(f.id() + "(k): P(exactly one general attacks); dashed: exact " + f.formula(), xTitle(f),
        "P(disagreement) (log scale)", false, true);
    c.getStyler().setYAxisTickLabelsFormattingFunction(TwoGeneralsChart::tick);
    c.getStyler().setXAxisDecimalPattern("0");
    c.getStyler().setXAxisMin(1.0).setXAxisMax((double) Math.max(2, table.maxK()));
    c.getStyler().setLegendPosition(Styler.LegendPosition.InsideSW);
    int color = 0;
    for (double p : table.lossRates()) {
      List<Integer> x = new ArrayList<>();
      List<Double> y = new ArrayList<>();
      List<Integer> ex = new ArrayList<>();
      List<Double> ey = new ArrayList<>();
      for (MonteCarlo.Cell cell : table.row(p)) {
        // A logarithmic axis has no 0: estimates below 1/N and exact values of 0 are left out.
        if (!cell.belowResolution()) {
          x.add(cell.k());
          y.add(cell.estimate());
        }
        double exact = f.exactDisagreement(cell.k(), p);
        if (exact > 0) {
          ex.add(cell.k());
          ey.add(exact);
        }
      }
      String rate = "loss rate " + rate(p);
      if (!x.isEmpty()) {
        // Points only: a line would bridge the k whose estimate is below 1/N.
        Charts.points(c, rate + ": estimate", x, y, color);
      }
      if (!ex.isEmpty()) {
        Charts.curve(c, rate + ": exact", ex, ey, Charts.color(color)).setShowInLegend(false);
      }
      color++;
    }
    Charts.curve(c, String.format(Locale.ROOT, "1/N, N = %,d trials per point", table.trials()),
        List.of(1, Math.max(2, table.maxK())), List.of(1.0 / table.trials(), 1.0 / table.trials()), GREY);
    return c;
  }

  /**
   * Writes the chart of {@code table} to {@code file}, as PNG or SVG by its extension.
   *
   * @throws IllegalArgumentException if the file name ends in neither .png nor .svg
   * @throws IOException if it cannot be written
   */
  public static void write(MonteCarlo.Table table, Path file) throws IOException {
    String format = format(file);
    System.setProperty("java.awt.headless", "true");
    XYChart c = chart(table);
    Charts.fitDecades(c);
    try (OutputStream out = Files.newOutputStream(file)) {
      ChartEncoder.saveChart(c, out, format);
    }
  }

  /** {@code png} or {@code svg}, from the file's extension. */
  public static String format(Path file) {
    String name = String.valueOf(file.getFileName()).toLowerCase(Locale.ROOT);
    if (name.endsWith(".png")) {
      return "png";
    }
    if (name.endsWith(".svg")) {
      return "svg";
    }
    throw new IllegalArgumentException("a chart is written as .png or .svg, by its file name: " + file);
  }

  static String xTitle(Family f) {
    switch (f) {
      case MESSENGERS:
        return "k, messengers A sends";
      case ACKS:
        return "k, messages in the handshake";
      default:
        return "k, tries A makes";
    }
  }

  /** 1, 0.1, 0.01, then 1e-3, 1e-4, ...: decades on a logarithmic axis. */
  static String tick(double v) {
    if (v >= 0.01) {
      return Charts.compact(v);
    }
    return "1e-" + Math.round(-Math.log10(v));
  }

  /** {@code 0.1}, {@code 0.25}: a loss rate without trailing zeros. */
  public static String rate(double p) {
    return java.math.BigDecimal.valueOf(p).stripTrailingZeros().toPlainString();
  }
}
