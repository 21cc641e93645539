package io.github.bgp.bench.report;

import io.github.bgp.bench.LoopbackBenchmark;
import io.github.bgp.charts.Charts;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.style.Styler;

/**
 * The network runtime under load on loopback: agreements per second and latency percentiles of
 * OM(1) and SM(1) with n=4 over TCP with mutual TLS 1.3, many instances in flight, beside the same
 * work on the same live nodes without sockets and in the simulator, measured in the same run.
 */
final class LoopbackSection implements Section {

  static final String BENCHMARK = LoopbackBenchmark.class.getSimpleName();
  static final List<String> PROTOCOLS = List.of("om", "sm");
  static final List<String> RUNTIMES = List.of("tls", "memory", "sim");
  static final int CLAIM_NUMBER = 5;
  static final String THROUGHPUT_FIGURE = "net-agreements-per-second";
  static final String LATENCY_FIGURE = "net-latency";
  static final List<String> QUANTILES = List.of("p50", "p90", "p99", "max");
  /** Load per operation in the full suite, ms (the quick suite keeps the benchmark's own). */
  static final String FULL_MILLIS = "2000";

  @Override
  public String id() {
    return "loopback";
  }

  @Override
  public String title() {
    return "The network: agreements on loopback over mutual TLS, beside the same work in memory";
  }

  @Override
  public List<JmhRun> benchmarks(Suite suite) {
    Map<String, List<String>> p = new LinkedHashMap<>(JmhRun.params("protocol", PROTOCOLS, "runtime", RUNTIMES));
    if (suite == Suite.QUICK) {
      return List.of(new JmhRun(LoopbackBenchmark.class, p, 1, null, 2, null, false));
    }
    p.put("millis", List.of(FULL_MILLIS));
    return List.of(new JmhRun(LoopbackBenchmark.class, p, 2, null, 5, null, false));
  }

  /**
   * One protocol on one runtime, from each measured operation's counters: rates pooled over the
   * operations, latency percentiles averaged over them, the maximum their largest.
   */
  record Row(String protocol, String runtime, int window, int starters, long millis, long roundTimeout,
      long agreements, double seconds, long messages, double mean, double p50, double p90, double p99, double max, long misses, long wrong,
      long unfinished) {

    double agreementsPerSecond() {
      return agreements / seconds;
    }

    double messagesPerSecond() {
      return messages / seconds;
    }

    /** Instances in flight on average (Little's law: their rate times their mean latency). */
    double inFlight() {
      return agreementsPerSecond() * mean / 1e9;
    }

    boolean correct() {
      return wrong == 0 && unfinished == 0 && misses == 0 && agreements > 0;
    }
  }

  static Optional<Row> row(Results r, String protocol, String runtime) {
    Optional<JmhResults.Result> found = r.jmh().find(BENCHMARK, Map.of("protocol", protocol, "runtime", runtime));
    if (found.isEmpty()) {
      return Optional.empty();
    }
    JmhResults.Result x = found.get();
    List<Double> nanos = raw(x, "loadNanos");
    if (nanos.isEmpty() || sum(nanos) <= 0) {
      return Optional.empty();
    }
    return Optional.of(new Row(protocol, runtime, intParam(x, "window"), intParam(x, "starters"), intParam(x, "millis"),
        intParam(x, "roundTimeout"), (long) sum(raw(x, "agreements")), sum(nanos) / 1e9, (long) sum(raw(x, "messages")),
        mean(raw(x, "meanMicros")) * 1e3,
        mean(raw(x, "p50Micros")) * 1e3, mean(raw(x, "p90Micros")) * 1e3, mean(raw(x, "p99Micros")) * 1e3,
        raw(x, "maxMicros").stream().mapToDouble(Double::doubleValue).max().orElse(0) * 1e3,
        (long) sum(raw(x, "deadlineMisses")), (long) sum(raw(x, "wrongDecisions")), (long) sum(raw(x, "unfinished"))));
  }

  /** Each measured operation's value of a counter (JMH sums them in its score). */
  private static List<Double> raw(JmhResults.Result r, String metric) {
    return r.metric(metric).map(JmhResults.Metric::raw).orElse(List.of());
  }

  private static double sum(List<Double> values) {
    return values.stream().mapToDouble(Double::doubleValue).sum();
  }

  private static double mean(List<Double> values) {
    return values.stream().mapToDouble(Double::doubleValue).average().orElse(0);
  }

  private static int intParam(JmhResults.Result r, String name) {
    String v = r.param(name);
    return v == null ? 0 : Integer.parseInt(v);
  }

  static String protocolName(String protocol) {
    return protocol.equals("om") ? "OM(1)" : "SM(1)";
  }

  static String runtimeName(String runtime) {
    switch (runtime) {
      case "tls":
        return "TCP + mutual TLS 1.3, 127.0.0.1";
      case "memory":
        return "live nodes, no sockets";
      default:
        return "simulator";
    }
  }

  @Override
  public List<Claim> claims(Results r) {
    String statement = "OM(1) and SM(1), n=4, many instances in flight over TCP with mutual TLS 1.3 on 127.0.0.1 (and on"
        + " the same live nodes without sockets): every instance ends with each loyal lieutenant deciding what the"
        + " simulator decides in the same scenario, and no round deadline is missed";
    List<String> measured = new ArrayList<>();
    List<String> missing = new ArrayList<>();
    boolean holds = true;
    for (String protocol : PROTOCOLS) {
      for (String runtime : List.of("tls", "memory")) {
        Optional<Row> row = row(r, protocol, runtime);
        String label = protocolName(protocol) + " " + runtime;
        if (row.isEmpty()) {
          missing.add(label);
          continue;
        }
        Row x = row.get();
        holds &= x.correct();
        measured.add(label + ": " + Format.count(x.agreements()) + " instances, " + Format.count(x.wrong()) + " wrong, "
            + Format.count(x.unfinished()) + " unfinished, " + Format.count(x.misses()) + " deadline misses");
      }
    }
    String text = String.join("; ", measured);
    if (!holds) {
      return List.of(new Claim(CLAIM_NUMBER, statement, text, Claim.Verdict.FAIL));
    }
    if (!missing.isEmpty()) {
      return List.of(new Claim(CLAIM_NUMBER, statement, (text.isEmpty() ? "" : text + "; ") + "not measured: "
          + String.join(", ", missing), Claim.Verdict.NOT_MEASURED));
    }
    return List.of(new Claim(CLAIM_NUMBER, statement, text, Claim.Verdict.PASS));
  }

  @Override
  public void render(Results r, Doc doc) {
    doc.heading(2, title());
    List<Row> rows = new ArrayList<>();
    for (String protocol : PROTOCOLS) {
      for (String runtime : RUNTIMES) {
        row(r, protocol, runtime).ifPresent(rows::add);
      }
    }
    Optional<Row> live = rows.stream().filter(x -> !x.runtime().equals("sim")).findFirst();
    doc.text("Four generals, one of them a traitor lying at random (a lieutenant in half the scenarios, the commander in"
        + " the other half), 64 scenarios with their own seeds, each instance with its own instance id. `" + BENCHMARK
        + "` is a load benchmark with its own timing, run by JMH: each operation starts instances for "
        + live.map(x -> Format.duration(x.millis() * 1e6)).orElse("a while") + ", keeping up to "
        + live.map(x -> x.window() + " in flight, started by " + x.starters() + " threads").orElse("a window in flight")
        + " (a new one starts as soon as one ends; a start registers the instance with each node in turn), then waits"
        + " for the last; latency is an instance's time from its start to its last loyal lieutenant's decision. `tls`: four live nodes (`LiveNode`) in one JVM, each with its own Netty transport,"
        + " port, key and certificate, over TCP with mutual TLS 1.3 on 127.0.0.1. `memory`: the same live nodes over"
        + " `LocalNetwork`, frames handed straight to the receiver. `sim`: the simulator (`Simulation.run`), one run"
        + " after another on every core; its latency is one run's time. Round deadlines are "
        + live.map(x -> Format.duration(x.roundTimeout() * 1e6)).orElse("generous") + " apart, generous, so that a"
        + " busy machine does not miss them; every instance's loyal decisions are checked against the simulator's.");
    if (rows.isEmpty()) {
      doc.text("*The loopback benchmark was not measured in this run.*");
      return;
    }
    Doc.Table t = new Doc.Table("protocol", "runtime", "agreements/s", "in flight", "p50", "p90", "p99", "max",
        "messages/s", "vs live, no sockets", "vs simulator", "deadline misses", "instances checked", "wrong");
    for (Row x : rows) {
      Optional<Row> memory = rows.stream().filter(y -> y.protocol().equals(x.protocol()) && y.runtime().equals("memory"))
          .findFirst();
      Optional<Row> sim = rows.stream().filter(y -> y.protocol().equals(x.protocol()) && y.runtime().equals("sim"))
          .findFirst();
      t.row(protocolName(x.protocol()), runtimeName(x.runtime()), Format.rate(x.agreementsPerSecond()),
          Format.number(x.inFlight()), Format.duration(x.p50()), Format.duration(x.p90()), Format.duration(x.p99()), Format.duration(x.max()),
          Format.rate(x.messagesPerSecond()),
          memory.filter(m -> m != x).map(m -> Format.times(x.messagesPerSecond() / m.messagesPerSecond()))
              .orElse(Format.NONE),
          sim.filter(s -> s != x).map(s -> Format.times(x.messagesPerSecond() / s.messagesPerSecond()))
              .orElse(Format.NONE),
          x.runtime().equals("sim") ? Format.NONE : Format.count(x.misses()), Format.count(x.agreements()),
          Format.count(x.wrong() + x.unfinished()));
    }
    doc.table(t);
    doc.text("Rates are pooled over the measured operations; p50, p90 and p99 are the means of each operation's, max the"
        + " largest. In flight is the mean number of instances running at once (agreements per second times the mean"
        + " latency); the simulator runs one per core. Messages are logical protocol messages (OM(1), n=4: 9 an instance); `vs` columns divide this"
        + " row's messages per second by the same protocol's in memory, measured in the same run. `wrong` counts"
        + " instances that decided otherwise than the simulator, failed, or never ended.");

    CategoryChart c = Charts.bars("Agreements per second, n=4, m=1", "protocol", "agreements per second");
    c.getStyler().setOverlapped(false);
    c.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
    c.getStyler().setDecimalPattern("#,##0");
    List<String> protocols = PROTOCOLS.stream().filter(p -> rows.stream().anyMatch(x -> x.protocol().equals(p))).toList();
    for (String runtime : RUNTIMES) {
      List<Double> values = new ArrayList<>();
      for (String p : protocols) {
        values.add(rows.stream().filter(x -> x.protocol().equals(p) && x.runtime().equals(runtime)).findFirst()
            .map(Row::agreementsPerSecond).orElse(0.0));
      }
      if (values.stream().anyMatch(v -> v > 0)) {
        c.addSeries(runtimeName(runtime), protocols.stream().map(LoopbackSection::protocolName).toList(), values);
      }
    }
    if (!c.getSeriesCollection().isEmpty()) {
      doc.figure(THROUGHPUT_FIGURE, c, "Agreements per second of OM(1) and SM(1) with n=4 over TCP with mutual TLS on"
          + " 127.0.0.1, on the same live nodes without sockets, and in the simulator on every core.");
    }

    CategoryChart lat = Charts.bars("Latency, start to last loyal decision", "instances decided within",
        "ms (log scale)");
    lat.getStyler().setLabelsVisible(false);
    lat.getStyler().setOverlapped(false);
    lat.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
    List<Double> all = new ArrayList<>();
    int series = 0;
    for (Row row : rows) {
      if (!row.runtime().equals("sim") && row.p50() > 0) {
        List<Double> ms = List.of(row.p50() / 1e6, row.p90() / 1e6, row.p99() / 1e6, row.max() / 1e6);
        CategorySeries s = lat.addSeries(protocolName(row.protocol()) + ", " + runtimeName(row.runtime()), QUANTILES, ms);
        s.setChartCategorySeriesRenderStyle(CategorySeries.CategorySeriesRenderStyle.Line);
        s.setLineColor(Charts.color(series));
        s.setMarkerColor(Charts.color(series));
        s.setLineWidth(2f);
        series++;
        all.addAll(ms);
      }
    }
    if (!all.isEmpty()) {
      lat.getStyler().setYAxisLogarithmic(true);
      lat.getStyler().setYAxisMin(Charts.decadeBelow(Collections.min(all)));
      lat.getStyler().setYAxisMax(Charts.decadeAbove(Collections.max(all)));
      lat.getStyler().setYAxisDecimalPattern("#,##0.###");
    }
    if (!all.isEmpty()) {
      doc.figure(LATENCY_FIGURE, lat, "An instance's time from its start to its last loyal lieutenant's decision, with"
          + " the window of instances in flight: the median, 90th and 99th percentiles and the slowest, on live nodes"
          + " over TLS and without sockets.");
    }
  }
}
