package io.github.bgp.bench.report;

import io.github.bgp.bench.DurableCommitBenchmark;
import io.github.bgp.bench.NarayanaBenchmark;
import io.github.bgp.charts.Charts;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.style.Styler;

/**
 * Two-phase commit against what Java applications pick instead: bgp's durable 2PC with two
 * participants in one JVM ({@link DurableCommitBenchmark}: live nodes over the in-JVM network,
 * a {@code FileLog} each) beside Narayana's JTA transaction manager with its journal object
 * store coordinating two in-memory XA resources ({@link NarayanaBenchmark}), at 1, 10 and 100
 * transactions in flight, in the same run on the same disk.
 */
final class NarayanaSection implements Section {

  static final String BGP = DurableCommitBenchmark.class.getSimpleName();
  static final String NARAYANA = NarayanaBenchmark.class.getSimpleName();
  static final List<String> IN_FLIGHT = List.of("1", "10", "100");
  static final String PARTICIPANTS = "2";
  static final String FIGURE = "2pc-narayana";

  @Override
  public String id() {
    return "2pc-narayana";
  }

  @Override
  public String title() {
    return "Two-phase commit: bgp beside Narayana's JTA transaction manager";
  }

  @Override
  public List<JmhRun> benchmarks(Suite suite) {
    Map<String, List<String>> bgp = JmhRun.params("participants", List.of(PARTICIPANTS), "batch", IN_FLIGHT);
    Map<String, List<String>> narayana = JmhRun.params("inFlight", IN_FLIGHT);
    if (suite == Suite.QUICK) {
      return List.of(new JmhRun(DurableCommitBenchmark.class, bgp, 1, Suites.QUICK_WARMUP, 2, Suites.ITERATION, false),
          new JmhRun(NarayanaBenchmark.class, narayana, 1, Suites.QUICK_WARMUP, 2, Suites.ITERATION, false));
    }
    return List.of(new JmhRun(DurableCommitBenchmark.class, bgp, 3, Suites.FULL_WARMUP, 5, Suites.ITERATION, false),
        new JmhRun(NarayanaBenchmark.class, narayana, 3, Suites.FULL_WARMUP, 5, Suites.ITERATION, false));
  }

  /** One concurrency's figures, per second; either may be missing from a run. */
  record Row(int inFlight, Optional<Double> bgp, Optional<Double> narayana) {
    Optional<Double> ratio() {
      return bgp.flatMap(b -> narayana.filter(n -> n > 0).map(n -> b / n));
    }
  }

  static List<Row> rows(Results r) {
    List<Row> rows = new ArrayList<>();
    for (String n : IN_FLIGHT) {
      Optional<Double> bgp = r.jmh().find(BGP, Map.of("participants", PARTICIPANTS, "batch", n))
          .flatMap(x -> x.metric("decisions")).map(JmhResults.Metric::score).filter(d -> d > 0);
      Optional<Double> narayana = r.jmh().find(NARAYANA, Map.of("inFlight", n))
          .flatMap(x -> x.metric("transactions")).map(JmhResults.Metric::score).filter(d -> d > 0);
      if (bgp.isPresent() || narayana.isPresent()) {
        rows.add(new Row(Integer.parseInt(n), bgp, narayana));
      }
    }
    return rows;
  }

  @Override
  public void render(Results r, Doc doc) {
    doc.heading(2, title());
    doc.text("What a Java application uses for two-phase commit today is a JTA transaction manager. `" + NARAYANA
        + "` runs Narayana's in this JVM, its decisions forced to its journal object store (an Artemis journal in a"
        + " temporary directory, synced writes), coordinating two in-memory XA resources that vote COMMIT at once and"
        + " keep nothing, each transaction on a worker thread of its own (a JTA transaction belongs to a thread). `"
        + BGP + "` runs bgp's two-phase commit with two participants the same way: a coordinator and two participants"
        + " as live nodes on the wall clock over the in-JVM network (`LocalNetwork`, no sockets), each with its own"
        + " `FileLog` in a temporary directory on the same file system, resources that vote COMMIT at once, and an"
        + " operation that ends when every transaction is decided and durable at both participants. Both commit 1, 10"
        + " and 100 transactions at a time, all in flight at once, so concurrent transactions may share a sync (the"
        + " journal's, bgp's group commit). bgp's logs three nodes' records (the coordinator's BEGIN, decision and END,"
        + " each participant's READY and outcome) where Narayana logs one; and bgp starts a commit instance per"
        + " batch, which the figure at 1 in flight pays for every transaction.");
    List<Row> rows = rows(r);
    if (rows.isEmpty()) {
      doc.text("*Neither was measured in this run.*");
      return;
    }
    Doc.Table t = new Doc.Table("in flight", "bgp 2PC decisions/s", "Narayana JTA transactions/s", "bgp / Narayana");
    for (Row row : rows) {
      t.row(Integer.toString(row.inFlight()), row.bgp().map(Format::rate).orElse(Format.NONE),
          row.narayana().map(Format::rate).orElse(Format.NONE), row.ratio().map(Format::times).orElse(Format.NONE));
    }
    doc.table(t);
    CategoryChart c = Charts.bars("Two-phase commit, two participants: bgp and Narayana", "transactions in flight",
        "committed per second (log scale)");
    c.getStyler().setOverlapped(false);
    c.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
    List<String> categories = rows.stream().map(row -> Integer.toString(row.inFlight())).toList();
    List<Double> all = new ArrayList<>();
    if (rows.stream().allMatch(row -> row.bgp().isPresent())) {
      List<Double> bgp = rows.stream().map(row -> row.bgp().get()).toList();
      c.addSeries("bgp 2PC, durable logs", categories, bgp);
      all.addAll(bgp);
    }
    if (rows.stream().allMatch(row -> row.narayana().isPresent())) {
      List<Double> narayana = rows.stream().map(row -> row.narayana().get()).toList();
      c.addSeries("Narayana JTA, journal object store", categories, narayana);
      all.addAll(narayana);
    }
    if (all.isEmpty()) {
      return; // each measured at some concurrencies only: the table says which
    }
    Charts.logarithmicRates(c, all); // the smallest bar stays visible
    doc.figure(FIGURE, c, "Transactions committed per second with two participants, at 1, 10 and 100 in flight: bgp's"
        + " durable two-phase commit (three nodes in one JVM, a forced log each) and Narayana's JTA transaction manager"
        + " (its journal object store) over two in-memory XA resources.");
  }
}
