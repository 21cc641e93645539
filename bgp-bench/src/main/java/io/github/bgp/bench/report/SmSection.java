package io.github.bgp.bench.report;

import io.github.bgp.api.Outcome;
import io.github.bgp.api.Protocols;
import io.github.bgp.api.Scenario;
import io.github.bgp.bench.Ed25519Benchmark;
import io.github.bgp.bench.SmBenchmark;
import io.github.bgp.charts.Charts;
import io.github.bgp.sim.Simulation;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.knowm.xchart.XYChart;

/**
 * SM(m): what a decision costs with real Ed25519 signatures, beside the cost of just the
 * signing and verifying the same run does (its overhead over pure crypto, as a ratio). The
 * signatures and decisions of each scenario are counted by running it once in {@link #count},
 * before the benchmarks; rendering reads them from the results.
 */
final class SmSection implements Section {

  static final String BENCHMARK = SmBenchmark.class.getSimpleName();
  static final String CRYPTO = Ed25519Benchmark.class.getSimpleName();
  static final List<String> SIZES = List.of("4", "7", "10", "13", "16");
  static final List<String> TRAITORS = List.of("lieutenants", "commander");
  static final String PROTOCOL = "sm";
  static final String SIGNED = "signatures.made";
  static final String VERIFIED = "signatures.verified";
  static final String REJECTED = "messages.rejected";
  /** The counted run's loyal lieutenants' decisions (from its outcome; SM's own counters are the three above). */
  static final String DECISIONS = "decisions";

  @Override
  public String id() {
    return "sm";
  }

  @Override
  public String title() {
    return "SM(m): signed messages against the cost of their signatures";
  }

  /** The parameters {@code suite} benchmarks (and counts). */
  private static Map<String, List<String>> params(Suite suite) {
    return suite == Suite.QUICK ? JmhRun.params("n", List.of("4", "10", "16"), "traitors", List.of("lieutenants"))
        : JmhRun.params("n", SIZES, "traitors", TRAITORS);
  }

  @Override
  public List<JmhRun> benchmarks(Suite suite) {
    Map<String, List<String>> p = params(suite);
    if (suite == Suite.QUICK) {
      return List.of(new JmhRun(SmBenchmark.class, p, 1, Suites.QUICK_WARMUP, 2, Suites.ITERATION, false),
          new JmhRun(Ed25519Benchmark.class, p, 1, Suites.QUICK_WARMUP, 2, Suites.ITERATION, false));
    }
    return List.of(new JmhRun(SmBenchmark.class, p, 3, Suites.FULL_WARMUP, 5, Suites.ITERATION, false),
        new JmhRun(Ed25519Benchmark.class, p, 3, Suites.FULL_WARMUP, 5, Suites.ITERATION, false));
  }

  /** Each benchmarked scenario run once: its signatures, rejections and loyal decisions. */
  @Override
  public List<MessageCount> count(Suite suite, PrintStream log) {
    Map<String, List<String>> p = params(suite);
    List<MessageCount> counts = new ArrayList<>();
    for (String traitors : p.get("traitors")) {
      for (String n : p.get("n")) {
        counts.add(count(Integer.parseInt(n), traitors, log));
      }
    }
    return counts;
  }

  /** Runs {@link SmBenchmark#scenario} once by message passing and returns what it counted. */
  static MessageCount count(int n, String traitors, PrintStream log) {
    Scenario s = SmBenchmark.scenario(n, traitors);
    long start = System.nanoTime();
    Outcome once = Simulation.run(Protocols.agreement(PROTOCOL), s);
    long nanos = System.nanoTime() - start;
    Map<String, Long> counters = new LinkedHashMap<>();
    for (String c : List.of(SIGNED, VERIFIED, REJECTED)) {
      counters.put(c, once.counter(c));
    }
    counters.put(DECISIONS, (long) once.decisions().size());
    log.printf(Locale.ROOT, "  SM(%d), n=%d, traitors %s: %s messages, %s signed, %s verified, %s rejected, %s%n",
        s.m(), n, traitors, Format.count(once.messages()), Format.count(counters.get(SIGNED)),
        Format.count(counters.get(VERIFIED)), Format.count(counters.get(REJECTED)), Format.duration(nanos));
    return new MessageCount(PROTOCOL, n, s.m(), traitors, once.messages(), nanos, counters);
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
        if (row.traitors().equals(traitors) && row.crypto().isPresent() && row.decisions().isPresent()) {
          x.add(row.n());
          sm.add(row.run() / row.decisions().get() / 1e6);
          crypto.add(row.crypto().get() / row.decisions().get() / 1e6);
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
      t.row(Integer.toString(row.n()), Integer.toString(row.m()), row.traitors(), row.counted(SIGNED),
          row.counted(VERIFIED), row.counted(REJECTED), Format.duration(row.run()),
          row.decisions().map(d -> Format.duration(row.run() / d)).orElse(Format.NONE),
          row.crypto().map(Format::duration).orElse(Format.NONE),
          row.crypto().map(x -> Format.times(row.run() / x)).orElse(Format.NONE));
    }
    doc.table(t);
    doc.text("Signatures signed, verified and rejected (forged relays), and the decisions each time is divided by,"
        + " are those of one run of each scenario, counted by running it once before the benchmarks (`messages.json`);"
        + " the same seed makes every benchmarked run identical. A ratio near 1 means"
        + " the signatures are nearly the whole cost of SM(m); the two are measured separately, so a ratio a little"
        + " under 1 is the measurements' noise, not a run cheaper than its own crypto (the full suite's longer"
        + " measurements narrow it).");
  }

  /** One measured configuration; the counts are absent if the scenario was not counted. */
  private record Row(int n, int m, String traitors, double run, Optional<Double> crypto, Optional<MessageCount> count) {

    /** Loyal lieutenants' decisions in one run. */
    Optional<Long> decisions() {
      return count.map(c -> Math.max(1, c.counter(DECISIONS)));
    }

    String counted(String counter) {
      return count.map(c -> Format.count(c.counter(counter))).orElse(Format.NONE);
    }
  }

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
        int m = SmBenchmark.scenario(n, traitors).m();
        Optional<Double> crypto = r.jmh().find(CRYPTO, params).map(x -> x.primary().nanos());
        rows.add(new Row(n, m, traitors, run.get().primary().nanos(), crypto, r.count(PROTOCOL, n, m, traitors)));
      }
    }
    return rows;
  }
}
