package io.github.bgp.bench.report;

import io.github.bgp.api.Outcome;
import io.github.bgp.api.Protocols;
import io.github.bgp.api.Scenario;
import io.github.bgp.bench.Ed25519Benchmark;
import io.github.bgp.bench.SmBenchmark;
import io.github.bgp.sim.Simulation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.knowm.xchart.XYChart;

/**
 * SM(m): what a decision costs with real Ed25519 signatures, beside the cost of just the
 * signing and verifying the same run does (its overhead over pure crypto, as a ratio).
 */
final class SmSection implements Section {

  static final String BENCHMARK = SmBenchmark.class.getSimpleName();
  static final String CRYPTO = Ed25519Benchmark.class.getSimpleName();
  static final List<String> SIZES = List.of("4", "7", "10", "13", "16");
  static final List<String> TRAITORS = List.of("lieutenants", "commander");

  @Override
  public String title() {
    return "SM(m): signed messages against the cost of their signatures";
  }

  @Override
  public List<JmhRun> benchmarks(Suite suite) {
    if (suite == Suite.QUICK) {
      Map<String, List<String>> p = JmhRun.params("n", List.of("4", "10", "16"), "traitors", List.of("lieutenants"));
      return List.of(new JmhRun(SmBenchmark.class, p, 1, Suites.QUICK_WARMUP, 2, Suites.ITERATION, false),
          new JmhRun(Ed25519Benchmark.class, p, 1, Suites.QUICK_WARMUP, 2, Suites.ITERATION, false));
    }
    Map<String, List<String>> p = JmhRun.params("n", SIZES, "traitors", TRAITORS);
    return List.of(new JmhRun(SmBenchmark.class, p, 3, Suites.FULL_WARMUP, 5, Suites.ITERATION, false),
        new JmhRun(Ed25519Benchmark.class, p, 3, Suites.FULL_WARMUP, 5, Suites.ITERATION, false));
  }

  @Override
  public void render(Results r, Doc doc) {
    doc.heading(2, title());
    doc.text("SM(m) signs for real: the commander signs its order, every relay countersigns, every receiver"
        + " verifies each new signature once (BouncyCastle's Ed25519). `" + BENCHMARK + "` times one whole run in"
        + " the simulator, n generals with m = (n - 1) / 3 traitors lying at random (`lieutenants`: m lieutenants;"
        + " `commander`: the commander and m - 1 lieutenants, so that loyal lieutenants receive two signed"
        + " orders); its `decisions` counter gives the time per loyal lieutenant's decision. `" + CRYPTO + "` does,"
        + " at the same parameters, exactly as many signatures and verifications as that run makes and nothing"
        + " else. Their ratio is what the protocol costs beyond its cryptography.");
    List<Row> rows = rows(r);
    if (rows.isEmpty()) {
      doc.text("*SM(m) was not measured in this run.*");
      return;
    }
    XYChart c = Charts.xy("SM(m): time per decision against pure Ed25519", "n, generals (m = (n - 1) / 3)",
        "time per loyal lieutenant's decision (ms, log scale)", false, true);
    int series = 0;
    for (String traitors : TRAITORS) {
      List<Integer> x = new ArrayList<>();
      List<Double> sm = new ArrayList<>();
      List<Double> crypto = new ArrayList<>();
      for (Row row : rows) {
        if (row.traitors.equals(traitors) && row.crypto.isPresent()) {
          x.add(row.n);
          sm.add(row.run / row.decisions / 1e6);
          crypto.add(row.crypto.get() / row.decisions / 1e6);
        }
      }
      if (!x.isEmpty()) {
        Charts.pointsAndLine(c, "SM(m) run, traitors: " + traitors, x, sm, series++);
        Charts.pointsAndLine(c, "its Ed25519 alone, traitors: " + traitors, x, crypto, series++);
      }
    }
    if (!c.getSeriesCollection().isEmpty()) {
      doc.figure("sm-cost-per-decision", c, "Time of one SM(m) run per loyal lieutenant's decision, and the time of"
          + " the same number of Ed25519 signatures and verifications alone.");
    }
    Doc.Table t = new Doc.Table("n", "m", "traitors", "signed", "verified", "rejected", "run", "per decision",
        "Ed25519 alone", "run / crypto");
    for (Row row : rows) {
      t.row(Integer.toString(row.n), Integer.toString(row.m), row.traitors, Format.count(row.signed),
          Format.count(row.verified), Format.count(row.rejected), Format.duration(row.run),
          Format.duration(row.run / row.decisions), row.crypto.map(Format::duration).orElse(Format.NONE),
          row.crypto.map(x -> Format.times(row.run / x)).orElse(Format.NONE));
    }
    doc.table(t);
    doc.text("Signatures signed, verified and rejected (forged relays) are those of one run of each scenario,"
        + " counted by running it once; the same seed makes every benchmarked run identical. A ratio near 1 means"
        + " the signatures are nearly the whole cost of SM(m); the two are measured separately, so a ratio a little"
        + " under 1 is the measurements' noise, not a run cheaper than its own crypto (the full suite's longer"
        + " measurements narrow it).");
  }

  /** One measured configuration. */
  private record Row(int n, int m, String traitors, long signed, long verified, long rejected, int decisions,
      double run, Optional<Double> crypto) {}

  private static List<Row> rows(Results r) {
    List<Row> rows = new ArrayList<>();
    for (String traitors : TRAITORS) {
      for (String size : SIZES) {
        Map<String, String> params = Map.of("n", size, "traitors", traitors);
        Optional<JmhResults.Result> run = r.jmh().find(BENCHMARK, params);
        if (run.isEmpty()) {
          continue;
        }
        int n = Integer.parseInt(size);
        Scenario s = scenario(n, traitors);
        Outcome once = Simulation.run(Protocols.agreement("sm"), s);
        Optional<Double> crypto = r.jmh().find(CRYPTO, params).map(x -> x.primary().nanos());
        rows.add(new Row(n, s.m(), traitors, once.counter("signatures.made"), once.counter("signatures.verified"),
            once.counter("messages.rejected"), Math.max(1, once.decisions().size()), run.get().primary().nanos(),
            crypto));
      }
    }
    return rows;
  }

  private static Scenario scenario(int n, String traitors) {
    return SmBenchmark.scenario(n, traitors);
  }
}
