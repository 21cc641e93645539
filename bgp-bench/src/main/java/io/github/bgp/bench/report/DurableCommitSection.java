package io.github.bgp.bench.report;

import io.github.bgp.bench.DurableCommitBenchmark;
import io.github.bgp.bench.ForcedAppendBenchmark;
import io.github.bgp.charts.Charts;
import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.style.Styler;

/**
 * Two-phase commit with durable logs: decisions per second with 3 and 5 participants, against
 * the raw rate of forced appends on the same disk measured in the same run, with one log and
 * with as many logs forced at once as the run has nodes. Their ratio is what group commit buys:
 * without it, every record of a decision would need a force of its own.
 */
final class DurableCommitSection implements Section {

  static final String BENCHMARK = DurableCommitBenchmark.class.getSimpleName();
  static final String BASELINE = ForcedAppendBenchmark.class.getSimpleName();
  static final List<String> PARTICIPANTS = List.of("3", "5");
  static final String BATCH = "200";
  static final int CLAIM_NUMBER = 4;
  static final String FIGURE = "2pc-durable-decisions";

  @Override
  public String id() {
    return "durable-2pc";
  }

  @Override
  public String title() {
    return "Two-phase commit: durable decisions against the disk's forced appends";
  }

  /** The baseline's logs forced at once: one, and each run's nodes (p + 1). */
  static List<String> logs() {
    List<String> logs = new ArrayList<>(List.of("1"));
    PARTICIPANTS.forEach(p -> logs.add(Integer.toString(Integer.parseInt(p) + 1)));
    return logs;
  }

  @Override
  public List<JmhRun> benchmarks(Suite suite) {
    Map<String, List<String>> p = JmhRun.params("participants", PARTICIPANTS, "batch", List.of(BATCH));
    Map<String, List<String>> logs = JmhRun.params("logs", logs());
    if (suite == Suite.QUICK) {
      return List.of(new JmhRun(DurableCommitBenchmark.class, p, 1, Suites.QUICK_WARMUP, 2, Suites.ITERATION, false),
          new JmhRun(ForcedAppendBenchmark.class, logs, 1, Suites.QUICK_WARMUP, 2, Suites.ITERATION, false));
    }
    return List.of(new JmhRun(DurableCommitBenchmark.class, p, 3, Suites.FULL_WARMUP, 5, Suites.ITERATION, false),
        new JmhRun(ForcedAppendBenchmark.class, logs, 3, Suites.FULL_WARMUP, 5, Suites.ITERATION, false));
  }

  /**
   * One participant count's measurements.
   *
   * @param forcedAppends forced appends per second of one log alone
   * @param concurrentForcedAppends forced appends per second of p + 1 logs forced at once, all of
   *     them together: the disk as the run's p + 1 nodes use it
   */
  record Row(int participants, double decisions, double forces, double records, double recordBytes,
      Optional<Double> forcedAppends, Optional<Double> concurrentForcedAppends) {

    /** The run's nodes, and so its logs: the coordinator and the participants. */
    int nodes() {
      return participants + 1;
    }

    double forcesPerDecision() {
      return forces / decisions;
    }

    double recordsPerDecision() {
      return records / decisions;
    }

    double meanRecordBytes() {
      return recordBytes / records;
    }

    /** Decisions per second if every record needed its own force, one after another on one log. */
    Optional<Double> withoutGroupCommit() {
      return forcedAppends.map(f -> f / recordsPerDecision());
    }

    /**
     * Decisions per second if every record needed its own force, the p + 1 logs forcing at once:
     * the bound the claim judges.
     */
    Optional<Double> concurrentWithoutGroupCommit() {
      return concurrentForcedAppends.map(f -> f / recordsPerDecision());
    }
  }

  /**
   * Forced appends per second of {@code logs} logs forced at once, all together: the baseline's
   * operations per second times its logs. A result without a {@code logs} parameter is from
   * before it had one, when it forced one log.
   */
  static Optional<Double> forcedAppends(Results r, int logs) {
    return r.jmh().of(BASELINE).stream()
        .filter(x -> Integer.toString(logs).equals(x.param("logs") == null ? "1" : x.param("logs")))
        .findFirst().map(x -> x.primary().score() * logs);
  }

  static List<Row> rows(Results r) {
    Optional<Double> forced = forcedAppends(r, 1);
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
      int participants = Integer.parseInt(p);
      rows.add(new Row(participants, decisions.get(), score(x, "forces"), score(x, "records"),
          score(x, "recordBytes"), forced, forcedAppends(r, participants + 1)));
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
        + " each decision logs, with as many logs forced at once as the run has nodes (p + 1), and with one log: the"
        + " most it could decide if every record needed an fsync of its own";
    List<Row> rows = rows(r);
    List<String> measured = new ArrayList<>();
    boolean holds = true;
    for (Row row : rows) {
      if (row.concurrentWithoutGroupCommit().isEmpty()) {
        continue;
      }
      double bound = row.concurrentWithoutGroupCommit().get();
      holds &= row.decisions() > bound && row.withoutGroupCommit().map(b -> row.decisions() > b).orElse(true);
      measured.add("p=" + row.participants() + ": " + Format.rate(row.decisions()) + " decisions against "
          + Format.rate(row.concurrentForcedAppends().get()) + " forced appends of " + row.nodes() + " logs at once / "
          + Format.number(row.recordsPerDecision()) + " records = " + Format.rate(bound) + " ("
          + Format.times(row.decisions() / bound) + "; one log: "
          + row.withoutGroupCommit().map(b -> Format.rate(row.forcedAppends().get()) + " / "
              + Format.number(row.recordsPerDecision()) + " = " + Format.rate(b) + ", " + Format.times(row.decisions() / b))
              .orElse("not measured")
          + "; " + Format.number(row.forcesPerDecision()) + " forces per decision)");
    }
    if (measured.size() < PARTICIPANTS.size()) {
      String what = rows.isEmpty() ? "durable 2PC was not measured" : measured.isEmpty()
          ? "the forced appends of p + 1 logs at once were not measured" : "only " + String.join("; ", measured);
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
        + " already queued have appended (group commit). `" + BASELINE + "`, in the same run in its own temporary"
        + " directory on the same file system, appends one record of the same mean size to a log and forces it, again"
        + " and again: the disk's raw rate of forced appends. It does so with one log, and with as many logs as a run"
        + " has nodes (p + 1), each forced by its own thread at the same time as the others, because the run's nodes"
        + " force their logs concurrently and a file system may serve concurrent fsyncs faster than one after another"
        + " (by merging them into one journal commit); an operation then ends when every log has forced its record,"
        + " and its forced appends per second count every log's. Without group commit, each record a decision logs"
        + " (BEGIN, the decision and END at the coordinator, READY and the outcome at each participant: 3 + 2p) would"
        + " cost one of those. The claim needs the decisions to beat both bounds: one log, and p + 1 logs at once.");
    List<Row> rows = rows(r);
    if (rows.isEmpty()) {
      doc.text("*Durable two-phase commit was not measured in this run.*");
      return;
    }
    Doc.Table t = new Doc.Table("participants", "decisions/s", "forced appends/s", "decisions / forced appends",
        "records per decision", "forces per decision", "mean record", "without group commit", "group commit gain",
        "forced appends/s, p + 1 logs at once", "without group commit, p + 1 logs", "group commit gain, p + 1 logs");
    for (Row row : rows) {
      t.row(Integer.toString(row.participants()), Format.rate(row.decisions()),
          row.forcedAppends().map(Format::rate).orElse(Format.NONE),
          row.forcedAppends().map(f -> Format.times(row.decisions() / f)).orElse(Format.NONE),
          Format.number(row.recordsPerDecision()), Format.number(row.forcesPerDecision()),
          Format.bytes(row.meanRecordBytes()), row.withoutGroupCommit().map(Format::rate).orElse(Format.NONE),
          row.withoutGroupCommit().map(b -> Format.times(row.decisions() / b)).orElse(Format.NONE),
          row.concurrentForcedAppends().map(Format::rate).orElse(Format.NONE),
          row.concurrentWithoutGroupCommit().map(Format::rate).orElse(Format.NONE),
          row.concurrentWithoutGroupCommit().map(b -> Format.times(row.decisions() / b)).orElse(Format.NONE));
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
      c.addSeries("forced appends, one log", categories, rows.stream().map(row -> row.forcedAppends().get()).toList());
      c.addSeries("decisions without group commit, one log", categories,
          rows.stream().map(row -> row.withoutGroupCommit().get()).toList());
    }
    if (rows.stream().allMatch(row -> row.concurrentForcedAppends().isPresent())) {
      c.addSeries("forced appends, p + 1 logs at once", categories,
          rows.stream().map(row -> row.concurrentForcedAppends().get()).toList());
      c.addSeries("decisions without group commit, p + 1 logs", categories,
          rows.stream().map(row -> row.concurrentWithoutGroupCommit().get()).toList());
    }
    List<Double> all = new ArrayList<>();
    for (Row row : rows) {
      all.add(row.decisions());
      row.forcedAppends().ifPresent(all::add);
      row.withoutGroupCommit().ifPresent(all::add);
      row.concurrentForcedAppends().ifPresent(all::add);
      row.concurrentWithoutGroupCommit().ifPresent(all::add);
    }
    Charts.logarithmicRates(c, all); // the smallest bar stays visible
    doc.figure(FIGURE, c, "Durable two-phase commit decisions per second (" + BATCH + " transactions in flight), the"
        + " disk's forced appends per second with one log and with p + 1 logs forced at once (all logs together), and"
        + " the decisions per second that would leave if every record a decision logs needed its own force, on one log"
        + " and on p + 1 logs at once (forced appends / records per decision).");
    doc.text("Forces per decision counts every node's forces (`FileLog.forces()`), the coordinator's and each"
        + " participant's, over the decisions: well under one means that many decisions share each fsync. The columns"
        + " without group commit divide forced appends per second by the records per decision: first those of one"
        + " log, one force at a time, then those of p + 1 logs forced at once, as the run's nodes force theirs (the"
        + " matching comparison; forcing them at once, each operation waits for the slowest of its logs). The claim"
        + " holds only if the decisions beat both.");
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
