package io.github.bgp.bench.report;

import io.github.bgp.bench.DurableCommitBenchmark;
import io.github.bgp.bench.ForcedAppendBenchmark;
import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.style.Styler;

/**
 * Two-phase commit with durable logs: decisions per second with 3 and 5 participants, against
 * the raw rate of forced appends on the same disk measured in the same run. Their ratio is what
 * group commit buys: without it, every record of a decision would need a force of its own.
 */
final class DurableCommitSection implements Section {

  static final String BENCHMARK = DurableCommitBenchmark.class.getSimpleName();
  static final String BASELINE = ForcedAppendBenchmark.class.getSimpleName();
  static final List<String> PARTICIPANTS = List.of("3", "5");
  static final String BATCH = "200";
  static final int CLAIM_NUMBER = 4;
  static final String FIGURE = "2pc-durable-decisions";

  @Override
  public String title() {
    return "Two-phase commit: durable decisions against the disk's forced appends";
  }

  @Override
  public List<JmhRun> benchmarks(Suite suite) {
    Map<String, List<String>> p = JmhRun.params("participants", PARTICIPANTS, "batch", List.of(BATCH));
    if (suite == Suite.QUICK) {
      return List.of(new JmhRun(DurableCommitBenchmark.class, p, 1, Suites.QUICK_WARMUP, 2, Suites.ITERATION, false),
          new JmhRun(ForcedAppendBenchmark.class, Map.of(), 1, Suites.QUICK_WARMUP, 2, Suites.ITERATION, false));
    }
    return List.of(new JmhRun(DurableCommitBenchmark.class, p, 3, Suites.FULL_WARMUP, 5, Suites.ITERATION, false),
        new JmhRun(ForcedAppendBenchmark.class, Map.of(), 3, Suites.FULL_WARMUP, 5, Suites.ITERATION, false));
  }

  /** One participant count's measurements. */
  record Row(int participants, double decisions, double forces, double records, double recordBytes,
      Optional<Double> forcedAppends) {

    double forcesPerDecision() {
      return forces / decisions;
    }

    double recordsPerDecision() {
      return records / decisions;
    }

    double meanRecordBytes() {
      return recordBytes / records;
    }

    /** Decisions per second if every record needed its own force, one after another. */
    Optional<Double> withoutGroupCommit() {
      return forcedAppends.map(f -> f / recordsPerDecision());
    }
  }

  static List<Row> rows(Results r) {
    Optional<Double> forced = r.jmh().of(BASELINE).stream().findFirst().map(x -> x.primary().score());
    List<Row> rows = new ArrayList<>();
    for (String p : PARTICIPANTS) {
      Optional<JmhResults.Result> run = r.jmh().find(BENCHMARK, Map.of("participants", p, "batch", BATCH));
      if (run.isEmpty()) {
        continue;
      }
      JmhResults.Result x = run.get();
      Optional<Double> decisions = x.metric("decisions").map(JmhResults.Metric::score).filter(d -> d > 0);
      if (decisions.isEmpty()) {
        continue;
      }
      rows.add(new Row(Integer.parseInt(p), decisions.get(), score(x, "forces"), score(x, "records"),
          score(x, "recordBytes"), forced));
    }
    return rows;
  }

  private static double score(JmhResults.Result r, String metric) {
    return r.metric(metric).map(JmhResults.Metric::score).orElse(Double.NaN);
  }

  @Override
  public List<Claim> claims(Results r) {
    String statement = "Group commit: durable 2PC (" + BATCH + " transactions in flight) decides more transactions per"
        + " second, with 3 and with 5 participants, than the disk's forced appends per second divided by the records"
        + " each decision logs: the most it could decide if every record needed an fsync of its own";
    List<Row> rows = rows(r);
    List<String> measured = new ArrayList<>();
    boolean holds = true;
    for (Row row : rows) {
      if (row.withoutGroupCommit().isEmpty()) {
        continue;
      }
      double bound = row.withoutGroupCommit().get();
      holds &= row.decisions() > bound;
      measured.add("p=" + row.participants() + ": " + rate(row.decisions()) + " decisions against "
          + rate(row.forcedAppends().get()) + " forced appends / " + Format.number(row.recordsPerDecision())
          + " records = " + rate(bound) + " (" + Format.times(row.decisions() / bound) + "; "
          + Format.number(row.forcesPerDecision()) + " forces per decision)");
    }
    if (measured.size() < PARTICIPANTS.size()) {
      String what = rows.isEmpty() ? "durable 2PC was not measured" : rows.get(0).forcedAppends().isEmpty()
          ? "the forced appends were not measured" : "only " + String.join("; ", measured);
      return List.of(new Claim(CLAIM_NUMBER, statement, "not measured: " + what, Claim.Verdict.NOT_MEASURED));
    }
    return List.of(new Claim(CLAIM_NUMBER, statement, String.join("; ", measured), Claim.Verdict.of(holds)));
  }

  @Override
  public void render(Results r, Doc doc) {
    doc.heading(2, title());
    doc.text("A coordinator and p participants run two-phase commit for real: live nodes on the wall clock (`LiveNode`)"
        + " over an in-process network (`LocalNetwork`, no sockets), each node with its own `FileLog` in a temporary"
        + " directory (" + disk() + "). A record is durable only once its log is forced (one fsync), and no message"
        + " that depends on it leaves before. `" + BENCHMARK + "` commits " + BATCH + " transactions at a time, all in"
        + " flight at once, and an operation ends when every one is decided and durable at every participant (COMMIT"
        + " applied and its log forced). The live node forces each log once for all the records that the events"
        + " already queued have appended (group commit). `" + BASELINE + "`, in the same run on the same disk,"
        + " appends one record of the same mean size and forces it, again and again: the disk's raw rate of forced"
        + " appends. Without group commit, each record a decision logs (BEGIN, the decision and END at the"
        + " coordinator, READY and the outcome at each participant: 3 + 2p) would cost one of those.");
    List<Row> rows = rows(r);
    if (rows.isEmpty()) {
      doc.text("*Durable two-phase commit was not measured in this run.*");
      return;
    }
    Doc.Table t = new Doc.Table("participants", "decisions/s", "forced appends/s", "decisions / forced appends",
        "records per decision", "forces per decision", "mean record", "without group commit", "group commit gain");
    for (Row row : rows) {
      t.row(Integer.toString(row.participants()), rate(row.decisions()),
          row.forcedAppends().map(DurableCommitSection::rate).orElse(Format.NONE),
          row.forcedAppends().map(f -> Format.times(row.decisions() / f)).orElse(Format.NONE),
          Format.number(row.recordsPerDecision()), Format.number(row.forcesPerDecision()),
          Format.bytes(row.meanRecordBytes()), row.withoutGroupCommit().map(DurableCommitSection::rate).orElse(Format.NONE),
          row.withoutGroupCommit().map(b -> Format.times(row.decisions() / b)).orElse(Format.NONE));
    }
    doc.table(t);
    CategoryChart c = Charts.bars("Durable 2PC against forced appends on the same disk", "participants",
        "per second (log scale)");
    c.getStyler().setOverlapped(false);
    c.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
    c.getStyler().setDecimalPattern("#,##0");
    List<String> categories = rows.stream().map(row -> "p = " + row.participants()).toList();
    c.addSeries("durable 2PC decisions", categories, rows.stream().map(Row::decisions).toList());
    if (rows.stream().allMatch(row -> row.forcedAppends().isPresent())) {
      c.addSeries("forced appends (one record, one fsync)", categories,
          rows.stream().map(row -> row.forcedAppends().get()).toList());
      c.addSeries("decisions without group commit", categories,
          rows.stream().map(row -> row.withoutGroupCommit().get()).toList());
    }
    List<Double> all = new ArrayList<>();
    for (Row row : rows) {
      all.add(row.decisions());
      row.forcedAppends().ifPresent(all::add);
      row.withoutGroupCommit().ifPresent(all::add);
    }
    c.getStyler().setYAxisLogarithmic(true);
    c.getStyler().setYAxisMin(Charts.decadeBelow(Collections.min(all) / 2)); // the smallest bar stays visible
    c.getStyler().setYAxisMax(Charts.decadeAbove(Collections.max(all) * 1.5));
    c.getStyler().setYAxisDecimalPattern("#,##0");
    doc.figure(FIGURE, c, "Durable two-phase commit decisions per second (" + BATCH + " transactions in flight), the"
        + " disk's forced appends per second, and the decisions per second that would leave if every record a decision"
        + " logs needed its own force (forced appends / records per decision).");
    doc.text("Forces per decision counts every node's forces (`FileLog.forces()`), the coordinator's and each"
        + " participant's, over the decisions: well under one means that many decisions share each fsync. The nodes"
        + " force their own logs concurrently, so their forces together may outnumber the baseline's, which forces"
        + " one log at a time; the bound without group commit assumes one force at a time, as a single log does.");
  }

  /** {@code 1,234/s}. */
  static String rate(double perSecond) {
    return Format.number(perSecond) + "/s";
  }

  /** Where the logs were: the file system of java.io.tmpdir, which both benchmarks use. */
  private static String disk() {
    Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
    try {
      FileStore store = Files.getFileStore(tmp);
      return "`" + tmp + "`, on " + store.type() + " " + store.name();
    } catch (IOException | RuntimeException e) {
      return "`" + tmp + "`";
    }
  }
}
