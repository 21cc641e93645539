package io.github.bgp.bench.report;

import io.github.bgp.bench.OmBaselineBenchmark;
import io.github.bgp.bench.OmScalingBenchmark;
import io.github.bgp.charts.Charts;
import java.awt.Color;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.knowm.xchart.XYChart;

/** OM(m) at n = 3m + 1 as m grows: messages counted against the formula, time and allocation per message. */
final class OmScalingSection implements Section {

  static final String BENCHMARK = OmScalingBenchmark.class.getSimpleName();
  /** The counts are cheap (all of m &lt;= 6 in a few seconds), so both suites take them all. */
  static final int MAX_COUNTED_M = 6;

  @Override
  public String id() {
    return "om-scaling";
  }

  @Override
  public String title() {
    return "OM(m) as m grows (n = 3m + 1)";
  }

  @Override
  public List<JmhRun> benchmarks(Suite suite) {
    if (suite == Suite.QUICK) {
      return List.of(new JmhRun(OmScalingBenchmark.class, JmhRun.params("m", Om.ints(1, 5), "traitors", List.of(Om.LOYAL, Om.RANDOM)),
          1, Suites.QUICK_WARMUP, 2, Suites.ITERATION, true));
    }
    return List.of(new JmhRun(OmScalingBenchmark.class, JmhRun.params("m", Om.ints(1, 6), "traitors", List.of(Om.LOYAL, Om.RANDOM)),
        3, Suites.FULL_WARMUP, 5, Suites.ITERATION, true));
  }

  @Override
  public List<MessageCount> count(Suite suite, PrintStream log) {
    List<MessageCount> counts = new ArrayList<>();
    for (int m = 1; m <= MAX_COUNTED_M; m++) {
      for (String traitors : List.of(Om.LOYAL, Om.RANDOM)) {
        counts.add(Om.count(3 * m + 1, m, traitors, log));
      }
    }
    return counts;
  }

  @Override
  public void render(Results r, Doc doc) {
    doc.heading(2, title());
    doc.text("Each general relays what it heard to every general not yet on the message's path, so OM(m) sends"
        + " (n-1) + (n-1)(n-2) + ... + (n-1)(n-2)...(n-m-1) logical messages: exponential in m. The counts below"
        + " come from running each scenario once by message passing (`Simulation.run`) and are compared with"
        + " that formula. Times are JMH's average time per run of `" + BENCHMARK + "` (one fork); the time and"
        + " bytes per message divide by the messages each run sent. Traitors: none (`loyal`), or m lieutenants"
        + " lying at random (`random`).");
    List<Integer> ms = new ArrayList<>();
    for (int m = 1; m <= MAX_COUNTED_M; m++) {
      ms.add(m);
    }
    messagesChart(r, doc, ms);
    perMessageChart(r, doc, "om-time-per-message", "Time per logical message, n = 3m + 1",
        "time per logical message (ns)", JmhResults.Result::nanosPerMessage,
        "JMH average time per run divided by the messages per run (the `messages` counter): bgp"
            + " (`" + BENCHMARK + "`) and the naive baseline (`OmBaselineBenchmark`, random traitors) where measured.");
    perMessageChart(r, doc, "om-bytes-per-message", "Bytes allocated per logical message, n = 3m + 1",
        "bytes allocated per logical message", JmhResults.Result::bytesPerMessage,
        "JMH's GC profiler (`gc.alloc.rate.norm`, bytes allocated per run) divided by the messages per run.");
    table(r, doc, ms);
  }

  private void messagesChart(Results r, Doc doc, List<Integer> ms) {
    XYChart c = Charts.xy("Logical messages of OM(m), n = 3m + 1", "m (n = 3m + 1 generals)",
        "logical messages (log scale)", false, true);
    int series = 0;
    for (String traitors : List.of(Om.LOYAL, Om.RANDOM)) {
      List<Integer> x = new ArrayList<>();
      List<Long> y = new ArrayList<>();
      for (int m : ms) {
        r.count(Om.PROTOCOL, 3 * m + 1, m, traitors).ifPresent(cnt -> {
          x.add(cnt.m());
          y.add(cnt.messages());
        });
      }
      if (!x.isEmpty()) {
        Charts.points(c, "counted, " + (traitors.equals(Om.LOYAL) ? "all loyal" : "m traitors lying at random"), x, y, series);
      }
      series++;
    }
    Charts.curve(c, "formula", ms, ms.stream().map(m -> OmFormula.messages(3 * m + 1, m)).toList(), Color.DARK_GRAY);
    integerTicks(c);
    doc.figure("om-messages-vs-m", c, "Messages counted by running each scenario once, against the formula"
        + " (dashed). n=19, m=6 is " + Format.count(OmFormula.messages(19, 6)) + " messages.");
  }

  private void perMessageChart(Results r, Doc doc, String name, String title, String yTitle,
      Function<JmhResults.Result, Optional<Double>> value, String caption) {
    XYChart c = Charts.xy(title, "m (n = 3m + 1 generals)", yTitle + " (log scale)", false, true);
    // Costs per message fall as m grows: the lower left is the empty corner.
    c.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideSW);
    int series = 0;
    for (String traitors : List.of(Om.LOYAL, Om.RANDOM)) {
      List<Integer> x = new ArrayList<>();
      List<Double> y = new ArrayList<>();
      r.jmh().of(BENCHMARK).stream()
          .filter(res -> traitors.equals(res.param("traitors")))
          .sorted(Comparator.comparingInt(res -> Integer.parseInt(res.param("m"))))
          .forEach(res -> value.apply(res).ifPresent(v -> {
            x.add(Integer.parseInt(res.param("m")));
            y.add(v);
          }));
      if (!x.isEmpty()) {
        Charts.pointsAndLine(c, "bgp, " + (traitors.equals(Om.LOYAL) ? "all loyal" : "random traitors"), x, y, series);
      }
      series++;
    }
    List<Integer> x = new ArrayList<>();
    List<Double> y = new ArrayList<>();
    r.jmh().of(OmBaselineBenchmark.class.getSimpleName()).stream()
        .filter(res -> OmBaselineBenchmark.NAIVE.equals(res.param("implementation")))
        .sorted(Comparator.comparingInt(res -> Om.m(res.param("size"))))
        .forEach(res -> value.apply(res).ifPresent(v -> {
          x.add(Om.m(res.param("size")));
          y.add(v);
        }));
    if (!x.isEmpty()) {
      Charts.pointsAndLine(c, "naive baseline, random traitors", x, y, series);
    }
    if (c.getSeriesCollection().isEmpty()) {
      doc.text("*" + title + ": not measured in this run.*");
      return;
    }
    integerTicks(c);
    doc.figure(name, c, caption);
  }

  /** m is an integer: label only whole values. */
  private static void integerTicks(XYChart c) {
    c.getStyler().setXAxisTickLabelsFormattingFunction(v -> Math.abs(v - Math.rint(v)) < 1e-9 ? Long.toString(Math.round(v)) : "");
  }

  private void table(Results r, Doc doc, List<Integer> ms) {
    Doc.Table t = new Doc.Table("m", "n", "traitors", "messages (counted)", "formula", "equal", "time per run",
        "time per message", "allocated per message");
    for (int m : ms) {
      int n = 3 * m + 1;
      for (String traitors : List.of(Om.LOYAL, Om.RANDOM)) {
        Optional<MessageCount> cnt = r.count(Om.PROTOCOL, n, m, traitors);
        Optional<JmhResults.Result> res = r.jmh().find(BENCHMARK, Map.of("m", Integer.toString(m), "traitors", traitors));
        t.row(Om.timedRow(res, Integer.toString(m), Integer.toString(n), traitors, Om.counted(cnt),
            Format.count(OmFormula.messages(n, m)), Om.matches(cnt, n, m)));
      }
    }
    doc.table(t);
    List<String> untimed = ms.stream()
        .filter(m -> r.jmh().find(BENCHMARK, Map.of("m", Integer.toString(m))).isEmpty())
        .map(m -> Integer.toString(m)).toList();
    if (!untimed.isEmpty()) {
      doc.text("m = " + String.join(", ", untimed) + ": counted but not benchmarked in this run"
          + (r.suite() == Suite.QUICK ? " (the full suite, `./bgp bench --full`, benchmarks m up to 6)" : "") + ".");
    }
  }
}
