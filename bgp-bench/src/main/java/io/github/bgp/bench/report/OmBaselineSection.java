package io.github.bgp.bench.report;

import io.github.bgp.bench.BaselineMain;
import io.github.bgp.bench.OmBaselineBenchmark;
import io.github.bgp.charts.Charts;
import java.awt.Color;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.knowm.xchart.CategoryChart;

/**
 * bgp against the naive baseline in the same JMH run, bgp both on all cores (the simulator's
 * default) and on one (as the baseline runs); claim 2, the 10x speed-up at n=16, m=5, is judged
 * on all cores.
 */
final class OmBaselineSection implements Section {

  static final String BENCHMARK = OmBaselineBenchmark.class.getSimpleName();
  static final String CLAIM_SIZE = "16:5";
  static final int CLAIM_SPEEDUP = 10;
  static final int CLAIM_NUMBER = 2;
  private static final List<String> ALL_SIZES = List.of("7:2", "10:3", "13:4", "16:5");
  static final String BGP = OmBaselineBenchmark.BGP;
  static final String BGP_ONE_CORE = OmBaselineBenchmark.BGP_ONE_CORE;
  static final String NAIVE = OmBaselineBenchmark.NAIVE;
  /** The slow baseline once per size, bgp twice: on all cores and on one. */
  static final List<String> IMPLEMENTATIONS = List.of(BGP, BGP_ONE_CORE, NAIVE);

  @Override
  public String id() {
    return "om-baseline";
  }

  @Override
  public String title() {
    return "bgp against the naive baseline";
  }

  @Override
  public List<JmhRun> benchmarks(Suite suite) {
    List<String> sizes = suite == Suite.QUICK ? List.of("10:3", "13:4", "16:5") : ALL_SIZES;
    return List.of(new JmhRun(OmBaselineBenchmark.class, JmhRun.params("size", sizes, "implementation", IMPLEMENTATIONS),
        suite == Suite.QUICK ? 1 : 3, suite == Suite.QUICK ? Suites.QUICK_WARMUP : Suites.FULL_WARMUP,
        suite == Suite.QUICK ? 2 : 5, Suites.ITERATION, true));
  }

  @Override
  public List<ProcessProbe> probes(Suite suite) {
    int reps = suite == Suite.QUICK ? 1 : 3;
    long expected = OmFormula.messages(Om.n(CLAIM_SIZE), Om.m(CLAIM_SIZE));
    List<ProcessProbe> probes = new ArrayList<>();
    for (String impl : List.of(BGP, NAIVE)) {
      probes.add(new ProcessProbe("baseline-" + impl + "-" + CLAIM_SIZE, impl + " " + CLAIM_SIZE,
          BaselineMain.class.getName(), List.of("-Xmx6g"), List.of(impl, CLAIM_SIZE), reps, expected));
    }
    return probes;
  }

  /** One size's measurements: the naive baseline, bgp on all cores and bgp on one. */
  private record Row(String size, Optional<JmhResults.Result> bgp, Optional<JmhResults.Result> oneCore,
      Optional<JmhResults.Result> naive) {

    static Row of(Results r, String size) {
      return new Row(size, find(r, size, BGP), find(r, size, BGP_ONE_CORE), find(r, size, NAIVE));
    }

    private static Optional<JmhResults.Result> find(Results r, String size, String implementation) {
      return r.jmh().find(BENCHMARK, Map.of("size", size, "implementation", implementation));
    }

    /** The naive average time over bgp's on all cores (the simulator's default). */
    Optional<Double> speedup() {
      return ratio(bgp);
    }

    /** The naive average time over bgp's on one core. */
    Optional<Double> oneCoreSpeedup() {
      return ratio(oneCore);
    }

    private Optional<Double> ratio(Optional<JmhResults.Result> bgpRun) {
      return naive.flatMap(n -> bgpRun.map(b -> n.primary().nanos() / b.primary().nanos()));
    }
  }

  @Override
  public List<Claim> claims(Results r) {
    int n = Om.n(CLAIM_SIZE);
    int m = Om.m(CLAIM_SIZE);
    String statement = "n=" + n + ", m=" + m + " (" + Format.count(OmFormula.messages(n, m)) + " messages): bgp at least "
        + CLAIM_SPEEDUP + "x faster than the naive baseline in the same JMH run, bgp as it runs by default (on all"
        + " cores) and the baseline on its one thread";
    Row row = Row.of(r, CLAIM_SIZE);
    if (row.speedup().isEmpty()) {
      return List.of(new Claim(CLAIM_NUMBER, statement, "not measured: the baseline benchmark at " + CLAIM_SIZE
          + " has no result in this run", Claim.Verdict.NOT_MEASURED));
    }
    double speedup = row.speedup().get();
    String measured = Format.times(speedup) + " (naive " + duration(row.naive()) + ", bgp " + duration(row.bgp())
        + " per run on all " + r.machine().logicalCores() + " logical cores; JMH average time, naive score / bgp score)"
        + row.oneCoreSpeedup().map(s -> "; with bgp on one core, as the baseline runs, " + Format.times(s) + " (bgp "
            + duration(row.oneCore()) + " per run), not judged").orElse("");
    return List.of(new Claim(CLAIM_NUMBER, statement, measured, Claim.Verdict.of(speedup >= CLAIM_SPEEDUP)));
  }

  @Override
  public void render(Results r, Doc doc) {
    int cores = r.machine().logicalCores();
    doc.heading(2, title());
    doc.text("The baseline (`NaiveOralMessages`) is OM(m) the way the usual implementations write it: one object per"
        + " logical message with its path and forwarding list, a queue of them, a map from path to value at every"
        + " general. Its tests hold it to bgp's decisions and message counts, so the two compute the same thing. They"
        + " do not run alike, though: the baseline runs on one thread, while bgp's simulator by default spreads the"
        + " nodes of a heavy instant over every core (" + cores + " logical cores here). So bgp is measured both ways:"
        + " `" + BGP + "` as it runs by default, on all cores, and `" + BGP_ONE_CORE + "` with"
        + " `Simulation.builder().parallel(false)`, on one thread like the baseline. The all-cores speed-up (the one the"
        + " claim judges) is what bgp gains over the baseline as each is run; the one-core speed-up leaves parallelism"
        + " out, so it compares the two representations of the same algorithm alone. All three run in the same JMH run"
        + " (`" + BENCHMARK + "`, one fork each, `-Xmx6g`), n = 3m + 1 with m traitors lying at random; each speed-up"
        + " is the naive average time over that bgp's.");
    List<Row> rows = r.jmh().of(BENCHMARK).stream().map(x -> x.param("size")).distinct()
        .sorted(Comparator.comparingInt(Om::m)).map(size -> Row.of(r, size)).toList();
    Doc.Table t = new Doc.Table("size n:m", "messages per run", "bgp per run, all cores", "bgp per run, one core",
        "naive per run (one core)", "speed-up, bgp on all cores", "speed-up, bgp on one core",
        "bgp allocated per message", "naive allocated per message");
    for (Row row : rows) {
      Optional<Double> perRun = row.bgp().or(row::oneCore).or(row::naive).flatMap(JmhResults.Result::messagesPerOp);
      t.row(row.size(), perRun.map(v -> Format.count(Math.round(v))).orElse(Format.NONE), duration(row.bgp()),
          duration(row.oneCore()), duration(row.naive()), row.speedup().map(Format::times).orElse(Format.NONE),
          row.oneCoreSpeedup().map(Format::times).orElse(Format.NONE),
          row.bgp().or(row::oneCore).flatMap(JmhResults.Result::bytesPerMessage).map(Format::bytes).orElse(Format.NONE),
          row.naive().flatMap(JmhResults.Result::bytesPerMessage).map(Format::bytes).orElse(Format.NONE));
    }
    List<Row> charted = rows.stream().filter(row -> row.speedup().isPresent()).toList();
    if (!charted.isEmpty()) {
      List<String> sizes = charted.stream().map(Row::size).toList();
      List<Double> speedups = charted.stream().map(row -> row.speedup().get()).toList();
      List<Double> all = new ArrayList<>(speedups);
      CategoryChart c = Charts.bars("Speed-up of bgp over the naive baseline (dashed: the claim's " + CLAIM_SPEEDUP + "x)",
          "size n:m (n = 3m + 1, m traitors)", "speed-up, naive time / bgp time (log scale)");
      c.getStyler().setOverlapped(false);
      c.addSeries("bgp on all " + cores + " cores (its default)", sizes, speedups);
      // Category series share their categories: the one-core bars only where every size has one.
      if (charted.stream().allMatch(row -> row.oneCoreSpeedup().isPresent())) {
        List<Double> oneCore = charted.stream().map(row -> row.oneCoreSpeedup().get()).toList();
        c.addSeries("bgp on one core, as the baseline runs", sizes, oneCore);
        all.addAll(oneCore);
      }
      Charts.level(c, CLAIM_SPEEDUP, new Color(170, 30, 30));
      c.getStyler().setYAxisLogarithmic(true);
      c.getStyler().setYAxisMin(Charts.decadeBelow(Math.min(CLAIM_SPEEDUP, Collections.min(all))));
      c.getStyler().setYAxisMax(Charts.decadeAbove(Math.max(CLAIM_SPEEDUP, Collections.max(all)) * 1.5));
      c.getStyler().setYAxisDecimalPattern("#,##0.#");
      doc.figure("om-speedup", c, "Naive average time per run over bgp's, per size, from `" + BENCHMARK + "`: bgp on all"
          + " cores (the claim's ratio) and on one core; the dashed line is " + CLAIM_SPEEDUP + "x.");
    } else {
      doc.text("*No size has both bgp and the baseline measured in this run.*");
    }
    doc.table(t);
    doc.text("Allocation per message is bgp's on all cores where measured; the baseline's is on its one thread.");
    memory(r, doc);
  }

  private static String duration(Optional<JmhResults.Result> r) {
    return r.map(x -> Format.duration(x.primary().nanos())).orElse(Format.NONE);
  }

  /** Peak memory of one whole run of each, per message. */
  private void memory(Results r, Doc doc) {
    Optional<ProcessResult> bgp = r.process("baseline-bgp-" + CLAIM_SIZE);
    Optional<ProcessResult> naive = r.process("baseline-naive-" + CLAIM_SIZE);
    if (bgp.isEmpty() && naive.isEmpty()) {
      return;
    }
    doc.heading(3, "Peak memory of one run as a whole process, " + CLAIM_SIZE);
    doc.text("The same scenario as the benchmark, run once per process with `BaselineMain` under the same JVM"
        + " options (`-Xmx6g`), bgp as it runs by default (on all cores) and the baseline on its one thread, so the"
        + " wall times (JVM start included) are not the one-core comparison; peak resident memory is the process's `VmHWM`, polled from `/proc` until it exits. It"
        + " includes the JVM itself and whatever the garbage collector had not yet returned, so it is an upper bound"
        + " on what the run needs.");
    Doc.Table t = new Doc.Table("implementation", "runs", "wall (worst)", "peak RSS (worst)", "peak RSS per message",
        "checks");
    for (Optional<ProcessResult> p : List.of(bgp, naive)) {
      p.ifPresent(pr -> {
        OptionalLong peak = pr.worstPeakBytes();
        t.row(pr.probe().args().get(0), Integer.toString(pr.runs().size()),
            pr.worstWallNanos().isPresent() ? Format.duration(pr.worstWallNanos().getAsLong()) : Format.NONE,
            peak.isPresent() ? Format.megabytes(peak.getAsLong()) : "unavailable",
            peak.isPresent() ? Format.bytes((double) peak.getAsLong() / pr.probe().expectedMessages()) : Format.NONE,
            OmProcessSection.checks(pr));
      });
    }
    doc.table(t);
  }
}
