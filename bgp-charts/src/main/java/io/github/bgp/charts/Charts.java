package io.github.bgp.charts;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.AnnotationLine;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.ChartEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.Marker;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The look of bgp's charts (the benchmark report's and {@code bgp two-generals --chart}'s), on
 * XChart: one size, font and colour-blind-safe palette for all of them, and their files as SVG
 * and PNG.
 */
public final class Charts {

  /** Every chart's width in pixels. */
  public static final int WIDTH = 860;
  /** Every chart's height in pixels. */
  public static final int HEIGHT = 500;

  /** Colour-blind-safe (Okabe and Ito): blue, vermillion, bluish green, orange, reddish purple, sky blue. */
  private static final Color[] COLORS = {
    new Color(0, 114, 178), new Color(213, 94, 0), new Color(0, 158, 115),
    new Color(230, 159, 0), new Color(204, 121, 167), new Color(86, 180, 233)
  };

  private static final String FONT = "DejaVu Sans";

  /** A filled circle, then a cross drawn over it stays visible where two series coincide. */
  private static final List<Marker> MARKERS =
      List.of(SeriesMarkers.CIRCLE, SeriesMarkers.CROSS, SeriesMarkers.SQUARE, SeriesMarkers.TRIANGLE_UP);

  private Charts() {}

  /** An XY chart; logarithmic axes where the data spans orders of magnitude. */
  public static XYChart xy(String title, String xTitle, String yTitle, boolean logX, boolean logY) {
    XYChart c = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(xTitle).yAxisTitle(yTitle).build();
    style(c.getStyler());
    c.getStyler().setXAxisLogarithmic(logX).setYAxisLogarithmic(logY);
    c.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
    c.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
    if (logY) {
      c.getStyler().setYAxisLogarithmicDecadeOnly(true);
      c.getStyler().setYAxisTickLabelsFormattingFunction(Charts::compact);
    }
    if (logX) {
      c.getStyler().setXAxisLogarithmicDecadeOnly(true);
      c.getStyler().setXAxisTickLabelsFormattingFunction(Charts::compact);
    }
    return c;
  }

  /** A bar chart over categories. */
  public static CategoryChart bars(String title, String xTitle, String yTitle) {
    CategoryChart c = new CategoryChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(xTitle)
        .yAxisTitle(yTitle).build();
    style(c.getStyler());
    c.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
    c.getStyler().setLabelsVisible(true);
    c.getStyler().setLabelsFont(new Font(FONT, Font.BOLD, 13));
    c.getStyler().setLabelsFontColorAutomaticEnabled(false);
    c.getStyler().setLabelsFontColor(new Color(40, 40, 40));
    c.getStyler().setLabelsPosition(1.04);
    c.getStyler().setOverlapped(true);
    c.getStyler().setAvailableSpaceFill(0.55);
    return c;
  }

  private static void style(AxesChartStyler s) {
    s.setChartBackgroundColor(Color.WHITE);
    s.setPlotBackgroundColor(Color.WHITE);
    s.setPlotBorderColor(new Color(180, 180, 180));
    s.setPlotGridLinesColor(new Color(225, 225, 225));
    s.setPlotGridLinesStroke(new BasicStroke(1f));
    s.setChartTitleFont(new Font(FONT, Font.BOLD, 17));
    s.setChartTitleBoxVisible(false);
    s.setAxisTitleFont(new Font(FONT, Font.PLAIN, 14));
    s.setAxisTickLabelsFont(new Font(FONT, Font.PLAIN, 12));
    s.setLegendFont(new Font(FONT, Font.PLAIN, 13));
    s.setLegendBorderColor(new Color(200, 200, 200));
    s.setLegendBackgroundColor(new Color(255, 255, 255, 230));
    s.setSeriesColors(COLORS);
    s.setMarkerSize(10);
    s.setChartPadding(14);
    s.setAntiAlias(true);
    s.setTextAntiAlias(true);
    s.setLocale(Locale.ROOT);
  }

  /** Measured points: markers, no line. */
  public static XYSeries points(XYChart c, String name, List<? extends Number> x, List<? extends Number> y, int color) {
    XYSeries s = c.addSeries(name, x, y);
    s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
    s.setMarkerColor(COLORS[color % COLORS.length]);
    s.setMarker(MARKERS.get(color % MARKERS.size()));
    return s;
  }

  /** Measured points joined by a line. */
  public static XYSeries pointsAndLine(XYChart c, String name, List<? extends Number> x, List<? extends Number> y,
      int color) {
    XYSeries s = c.addSeries(name, x, y);
    s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
    s.setLineColor(COLORS[color % COLORS.length]);
    s.setMarkerColor(COLORS[color % COLORS.length]);
    s.setLineWidth(2f);
    s.setMarker(MARKERS.get(color % MARKERS.size()));
    return s;
  }

  /** A computed curve: a thin dashed line, no markers. */
  public static XYSeries curve(XYChart c, String name, List<? extends Number> x, List<? extends Number> y,
      Color color) {
    XYSeries s = c.addSeries(name, x, y);
    s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
    s.setMarker(SeriesMarkers.NONE);
    s.setLineColor(color);
    s.setLineStyle(new BasicStroke(1.6f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {7f, 5f}, 0f));
    return s;
  }

  /**
   * A horizontal dashed reference line across a bar chart, at {@code value}. It is drawn across
   * the plot rather than as a line series, which would take a bar's slot in every group; it has
   * no legend entry, so the chart's title or caption names it.
   */
  public static void level(CategoryChart c, double value, Color color) {
    c.addAnnotation(new AnnotationLine(value, false, false));
    c.getStyler().setAnnotationLineColor(color);
    c.getStyler().setAnnotationLineStroke(new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
        new float[] {8f, 5f}, 0f));
  }

  /** The palette's {@code i}-th colour, cycling. */
  public static Color color(int i) {
    return COLORS[i % COLORS.length];
  }

  /** 1, 10, 100, 1k, 10k, 1M, 1G, 1T; also 0.1, 0.01. */
  public static String compact(double v) {
    double a = Math.abs(v);
    String[] units = {"", "k", "M", "G", "T", "P"};
    if (a < 1) {
      return trim(v);
    }
    int i = 0;
    while (a >= 1000 && i < units.length - 1) {
      a /= 1000;
      v /= 1000;
      i++;
    }
    return trim(v) + units[i];
  }

  private static String trim(double v) {
    String s = String.format(Locale.ROOT, "%.3f", v);
    s = s.replaceAll("0+$", "");
    return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
  }

  /**
   * Widens a decade-labelled logarithmic axis to whole decades around the data, so that both
   * ends carry a label.
   */
  public static void fitDecades(XYChart c) {
    AxesChartStyler s = c.getStyler();
    if (c.getSeriesCollection().isEmpty()) {
      return;
    }
    if (s.isYAxisLogarithmic() && s.isYAxisLogarithmicDecadeOnly() && s.getYAxisMin() == null && s.getYAxisMax() == null) {
      double min = c.getSeriesCollection().stream().mapToDouble(XYSeries::getYMin).min().orElse(1);
      double max = c.getSeriesCollection().stream().mapToDouble(XYSeries::getYMax).max().orElse(10);
      s.setYAxisMin(decadeBelow(min));
      s.setYAxisMax(decadeAbove(max));
    }
    if (s.isXAxisLogarithmic() && s.isXAxisLogarithmicDecadeOnly() && s.getXAxisMin() == null && s.getXAxisMax() == null) {
      double min = c.getSeriesCollection().stream().mapToDouble(XYSeries::getXMin).min().orElse(1);
      double max = c.getSeriesCollection().stream().mapToDouble(XYSeries::getXMax).max().orElse(10);
      s.setXAxisMin(decadeBelow(min));
      s.setXAxisMax(decadeAbove(max));
    }
  }

  /**
   * Puts {@code chart}'s bars of rates on a logarithmic axis of whole decades, with room below the
   * smallest (so its bar stays visible) and above the largest, and grouped thousands as labels.
   *
   * @param chart the bar chart
   * @param values every value it draws, at least one
   * @throws IllegalArgumentException if {@code values} is empty
   */
  public static void logarithmicRates(CategoryChart chart, java.util.Collection<Double> values) {
    if (values.isEmpty()) {
      throw new IllegalArgumentException("a logarithmic axis needs at least one value");
    }
    chart.getStyler().setYAxisLogarithmic(true);
    chart.getStyler().setYAxisMin(decadeBelow(java.util.Collections.min(values) / 2));
    chart.getStyler().setYAxisMax(decadeAbove(java.util.Collections.max(values) * 1.5));
    chart.getStyler().setYAxisDecimalPattern("#,##0");
  }

  /** The power of ten at or below {@code v} (1 if {@code v} is not positive). */
  public static double decadeBelow(double v) {
    return v > 0 ? Math.pow(10, Math.floor(Math.log10(v) + 1e-9)) : 1;
  }

  /** The power of ten at or above {@code v} (10 if {@code v} is not positive). */
  public static double decadeAbove(double v) {
    return v > 0 ? Math.pow(10, Math.ceil(Math.log10(v) - 1e-9)) : 10;
  }

  /** Writes {@code chart} as {@code dir/name.svg} and {@code dir/name.png}. */
  public static void write(Chart<?, ?> chart, Path dir, String name) throws IOException {
    Files.createDirectories(dir);
    if (chart instanceof XYChart xy) {
      fitDecades(xy);
    }
    for (String format : List.of("png", "svg")) {
      try (OutputStream out = Files.newOutputStream(dir.resolve(name + "." + format))) {
        ChartEncoder.saveChart(chart, out, format);
      }
    }
  }
}
