package io.github.bgp.bench.report;

import io.github.bgp.bench.BaselineMain;
import io.github.bgp.bench.OmBaselineBenchmark;
import java.awt.Color;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.knowm.xchart.CategoryChart;

/** bgp against the naive baseline in the same JMH run; claim 2, the 10x speed-up at n=16, m=5. */
final class OmBaselineSection implements Section {

  static final String BENCHMARK = OmBaselineBenchmark.class.getSimpleName();
  static final String CLAIM_SIZE = "16:5";
  static final int CLAIM_SPEEDUP = 10;
  static final int CLAIM_NUMBER = 2;
  private static final List<String> ALL_SIZES = List.of("7:2", "10:3", "13:4", "16:5");

  @Override
  public String title() {
    return "bgp against the naive baseline";
  }

  @Override
  public List<JmhRun> benchmarks(Suite suite) {
    List<String> sizes = suite == Suite.QUICK ? List.of("10:3", "13:4", "16:5") : ALL_SIZES;
    return List.of(new JmhRun(OmBaselineBenchmark.class, JmhRun.params("size", sizes, "implementation", List.of("bgp", "naive")),
        suite == Suite.QUICK ? 1 : 3, suite == Suite.QUICK ? Suites.QUICK_WARMUP : Suites.FULL_WARMUP,
        suite == Suite.QUICK ? 2 : 5, Suites.ITERATION, true));
  }

  @Override
  public List<ProcessProbe> probes(Suite suite) {
    int reps = suite == Suite.QUICK ? 1 : 3;
    long expected = OmFormula.messages(Om.n(CLAIM_SIZE), Om.m(CLAIM_SIZE));
    List<ProcessProbe> probes = new ArrayList<>();
    for (String impl : List.of("bgp", "naive")) {
      probes.add(new ProcessProbe("baseline-" + impl + "-" + CLAIM_SIZE, impl + " " + CLAIM_SIZE,
          BaselineMain.class.getName(), List.of("-Xmx6g"), List.of(impl, CLAIM_SIZE), reps, expected));
    }
    return probes;
  }

  @Override
  public List<Claim> claims(Results r) {
    int n = Om.n(CLAIM_SIZE);
    int m = Om.m(CLAIM_SIZE);
    String statement = "n=" + n + ", m=" + m + " (" + Format.count(OmFormula.messages(n, m)) + " messages): bgp at least "
        + CLAIM_SPEEDUP + "x faster than the naive baseline in the same JMH run";
    Optional<JmhResults.Result> bgp = r.jmh().find(BENCHMARK, Map.of("size", CLAIM_SIZE, "implementation", "bgp"));
    Optional<JmhResults.Result> naive = r.jmh().find(BENCHMARK, Map.of("size", CLAIM_SIZE, "implementation", "naive"));
    if (bgp.isEmpty() || naive.isEmpty()) {
      return List.of(new Claim(CLAIM_NUMBER, statement, "not measured: the baseline benchmark at " + CLAIM_SIZE
          + " has no result in this run", Claim.Verdict.NOT_MEASURED));
    }
    double speedup = naive.get().primary().nanos() / bgp.get().primary().nanos();
    String measured = Format.times(speedup) + " (naive " + Format.duration(naive.get().primary().nanos()) + ", bgp "
        + Format.duration(bgp.get().primary().nanos()) + " per run; JMH average time, naive score / bgp score)";
    return List.of(new Claim(CLAIM_NUMBER, statement, measured, Claim.Verdict.of(speedup >= CLAIM_SPEEDUP)));
  }

  @Override
  public void render(Results r, Doc doc) {
    doc.heading(2, title());
    doc.text("The baseline (`NaiveOralMessages`) is OM(m) the way the usual implementations write it: one object per"
        + " logical message with its path and forwarding list, a queue of them, a map from path to value at every"
        + " general. Its tests hold it to bgp's decisions and message counts, so the ratio compares representations"
        + " of the same algorithm. Both run in the same JMH run (`" + BENCHMARK + "`, one fork each, `-Xmx6g`), n = 3m + 1"
        + " with m traitors lying at random; the speed-up is the naive average time over bgp's.");
    List<String> sizes = new ArrayList<>();
    List<Double> speedups = new ArrayList<>();
    Doc.Table t = new Doc.Table("size n:m", "messages per run", "bgp per run", "naive per run", "speed-up",
        "bgp allocated per message", "naive allocated per message");
    List<String> measuredSizes = r.jmh().of(BENCHMARK).stream().map(x -> x.param("size")).distinct()
        .sorted(Comparator.comparingInt(Om::m)).toList();
    for (String size : measuredSizes) {
      Optional<JmhResults.Result> bgp = r.jmh().find(BENCHMARK, Map.of("size", size, "implementation", "bgp"));
      Optional<JmhResults.Result> naive = r.jmh().find(BENCHMARK, Map.of("size", size, "implementation", "naive"));
      Optional<Double> speedup = bgp.isPresent() && naive.isPresent()
          ? Optional.of(naive.get().primary().nanos() / bgp.get().primary().nanos()) : Optional.empty();
      speedup.ifPresent(s -> {
        sizes.add(size);
        speedups.add(s);
      });
      Optional<Double> perRun = bgp.flatMap(JmhResults.Result::messagesPerOp).or(() -> naive.flatMap(JmhResults.Result::messagesPerOp));
      t.row(size, perRun.map(v -> Format.count(Math.round(v))).orElse(Format.NONE),
          bgp.map(x -> Format.duration(x.primary().nanos())).orElse(Format.NONE),
          naive.map(x -> Format.duration(x.primary().nanos())).orElse(Format.NONE),
          speedup.map(Format::times).orElse(Format.NONE),
          bgp.flatMap(JmhResults.Result::bytesPerMessage).map(Format::bytes).orElse(Format.NONE),
          naive.flatMap(JmhResults.Result::bytesPerMessage).map(Format::bytes).orElse(Format.NONE));
    }
    if (!sizes.isEmpty()) {
      CategoryChart c = Charts.bars("Speed-up of bgp over the naive baseline", "size n:m (n = 3m + 1, m traitors)",
          "speed-up, naive time / bgp time (log scale)");
      c.addSeries("speed-up, same JMH run", sizes, speedups);
      Charts.level(c, CLAIM_SPEEDUP + "x (the claim's bar)", sizes, CLAIM_SPEEDUP, new Color(170, 30, 30));
      c.getStyler().setYAxisLogarithmic(true);
      c.getStyler().setYAxisMin(Charts.decadeBelow(Math.min(CLAIM_SPEEDUP, Collections.min(speedups))));
      c.getStyler().setYAxisMax(Charts.decadeAbove(Math.max(CLAIM_SPEEDUP, Collections.max(speedups)) * 1.5));
      c.getStyler().setYAxisDecimalPattern("#,##0.#");
      doc.figure("om-speedup", c, "Naive average time per run over bgp's, per size, from `" + BENCHMARK
          + "`; the dashed line is 10x.");
    } else {
      doc.text("*No size has both implementations measured in this run.*");
    }
    doc.table(t);
    memory(r, doc);
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
        + " options (`-Xmx6g`); peak resident memory is the process's `VmHWM`, polled from `/proc` until it exits. It"
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
