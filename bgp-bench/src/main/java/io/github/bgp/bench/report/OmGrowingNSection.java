package io.github.bgp.bench.report;

import io.github.bgp.bench.OmGrowingNBenchmark;
import io.github.bgp.charts.Charts;
import java.awt.Color;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import org.knowm.xchart.XYChart;

/** OM(3) as the number of generals grows: polynomial, about n^4 messages. */
final class OmGrowingNSection implements Section {

  static final String BENCHMARK = OmGrowingNBenchmark.class.getSimpleName();
  static final int M = 3;
  static final List<Integer> SIZES = List.of(10, 16, 22, 28, 34, 40);

  @Override
  public String id() {
    return "om-growing-n";
  }

  @Override
  public String title() {
    return "OM(3) as n grows";
  }

  @Override
  public List<JmhRun> benchmarks(Suite suite) {
    if (suite == Suite.QUICK) {
      return List.of(new JmhRun(OmGrowingNBenchmark.class, Map.of("n", List.of("10", "22", "34")),
          1, Suites.QUICK_WARMUP, 2, Suites.ITERATION, true));
    }
    return List.of(new JmhRun(OmGrowingNBenchmark.class, Map.of("n", SIZES.stream().map(String::valueOf).toList()),
        3, Suites.FULL_WARMUP, 5, Suites.ITERATION, true));
  }

  @Override
  public List<MessageCount> count(Suite suite, PrintStream log) {
    List<MessageCount> counts = new ArrayList<>();
    for (int n : SIZES) {
      counts.add(Om.count(n, M, Om.RANDOM, log));
    }
    return counts;
  }

  @Override
  public void render(Results r, Doc doc) {
    doc.heading(2, title());
    doc.text("At fixed m the count is a polynomial of degree m + 1 in n: about n^4 for m = 3. Three lieutenants"
        + " lie at random. Counts from one run of each scenario; times from `" + BENCHMARK + "`.");
    XYChart c = Charts.xy("Logical messages of OM(3) as n grows", "n, generals (log scale)",
        "logical messages (log scale)", true, true);
    c.getStyler().setXAxisLogarithmicDecadeOnly(false);
    List<Integer> x = new ArrayList<>();
    List<Long> y = new ArrayList<>();
    for (int n : SIZES) {
      r.count(Om.PROTOCOL, n, M, Om.RANDOM).ifPresent(cnt -> {
        x.add(n);
        y.add(cnt.messages());
      });
    }
    if (!x.isEmpty()) {
      Charts.points(c, "counted, 3 traitors lying at random", x, y, 0);
    }
    List<Integer> all = IntStream.rangeClosed(SIZES.get(0), SIZES.get(SIZES.size() - 1)).boxed().toList();
    Charts.curve(c, "formula", all, all.stream().map(n -> OmFormula.messages(n, M)).toList(), Color.DARK_GRAY);
    doc.figure("om-messages-vs-n", c, "Messages counted by running each scenario once, against the formula (dashed);"
        + " log-log, so the slope is the degree, about 4.");

    Doc.Table t = new Doc.Table("n", "m", "messages (counted)", "formula", "equal", "time per run", "time per message",
        "allocated per message");
    for (int n : SIZES) {
      Optional<MessageCount> cnt = r.count(Om.PROTOCOL, n, M, Om.RANDOM);
      Optional<JmhResults.Result> res = r.jmh().find(BENCHMARK, Map.of("n", Integer.toString(n)));
      t.row(Om.timedRow(res, Integer.toString(n), Integer.toString(M), Om.counted(cnt),
          Format.count(OmFormula.messages(n, M)), Om.matches(cnt, n, M)));
    }
    doc.table(t);
  }
}
