package io.github.bgp.bench.report;

import io.github.bgp.bench.EvaluatorBenchmark;
import io.github.bgp.charts.Charts;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.knowm.xchart.XYChart;

/** The closed-form evaluator at the largest sizes; claim 3 (a goal of issue 15), n=22, m=7 under 5 s. */
final class OmEvaluatorSection implements Section {

  static final String BENCHMARK = EvaluatorBenchmark.class.getSimpleName();
  static final String CLAIM_SIZE = "22:7";
  static final int CLAIM_SECONDS = 5;
  static final int CLAIM_NUMBER = 3;

  @Override
  public String id() {
    return "om-evaluator";
  }

  @Override
  public String title() {
    return "The evaluator: OM(m) decided without messages";
  }

  @Override
  public List<JmhRun> benchmarks(Suite suite) {
    if (suite == Suite.QUICK) {
      return List.of(new JmhRun(EvaluatorBenchmark.class, Map.of("size", List.of("16:5", "19:6", CLAIM_SIZE)), 1, null, 2,
          null, false));
    }
    return List.of(new JmhRun(EvaluatorBenchmark.class, Map.of("size", List.of("16:5", "19:6", CLAIM_SIZE)), 1, null, 3,
        null, false));
  }

  @Override
  public List<Claim> claims(Results r) {
    int n = Om.n(CLAIM_SIZE);
    int m = Om.m(CLAIM_SIZE);
    long messages = OmFormula.messages(n, m);
    String statement = "the evaluator decides n=" + n + ", m=" + m + " (" + Format.number(messages / 1e9)
        + " billion messages) in under " + CLAIM_SECONDS + " s";
    Optional<JmhResults.Result> res = r.jmh().find(BENCHMARK, Map.of("size", CLAIM_SIZE));
    if (res.isEmpty()) {
      String why = "not measured: the evaluator benchmark at " + CLAIM_SIZE + " has no result in this run";
      return List.of(new Claim(CLAIM_NUMBER, statement, why, Claim.Verdict.NOT_MEASURED));
    }
    JmhResults.Metric p = res.get().primary();
    double worst = p.worstNanos();
    String measured = Format.duration(worst) + ", the slowest of " + Math.max(1, p.raw().size())
        + " single-shot runs (mean " + Format.duration(p.nanos()) + "): " + Format.duration(worst / messages)
        + " per logical message of the equivalent run"
        + OmFloor.copyRate(r).map(rate -> ", " + Format.times(worst / OmFloor.trafficNanos(messages, 1, rate))
            + " that run's 1-byte traffic floor (a vote that cannot change a majority is never worked out, so it"
            + " need not touch every value)").orElse("");
    return List.of(new Claim(CLAIM_NUMBER, statement, measured, Claim.Verdict.of(worst < CLAIM_SECONDS * 1e9)));
  }

  @Override
  public void render(Results r, Doc doc) {
    doc.heading(2, title());
    doc.text("`Evaluator.evaluate` computes every loyal lieutenant's decision straight from the recursion, at most"
        + " one lie per edge of the message tree and no memory per message, with the same lies a run would tell;"
        + " counting a majority of orders it stops once one side holds more than half of the votes, so it never works"
        + " out a vote that cannot change the outcome. Its tests hold it to the decisions of message passing. One invocation is one whole evaluation"
        + " (`" + BENCHMARK + "`, single-shot time, m traitors lying at random). Messages are the count the"
        + " equivalent run would send (the formula; counted by running for m up to 6).");
    List<JmhResults.Result> results = r.jmh().of(BENCHMARK).stream()
        .sorted(Comparator.comparingInt(x -> Om.m(x.param("size")))).toList();
    XYChart c = Charts.xy("Evaluator time against logical messages", "logical messages of the equivalent run (log scale)",
        "time of one evaluation or run (ms, log scale)", true, true);
    List<Long> x = new ArrayList<>();
    List<Double> y = new ArrayList<>();
    for (JmhResults.Result res : results) {
      x.add(OmFormula.messages(Om.n(res.param("size")), Om.m(res.param("size"))));
      y.add(res.primary().nanos() / 1e6);
    }
    if (!x.isEmpty()) {
      Charts.pointsAndLine(c, "evaluator (single-shot mean)", x, y, 0);
    }
    List<Long> sx = new ArrayList<>();
    List<Double> sy = new ArrayList<>();
    r.jmh().of(OmScalingSection.BENCHMARK).stream().filter(res -> Om.RANDOM.equals(res.param("traitors")))
        .sorted(Comparator.comparingInt(res -> Integer.parseInt(res.param("m"))))
        .forEach(res -> {
          int m = Integer.parseInt(res.param("m"));
          sx.add(OmFormula.messages(3 * m + 1, m));
          sy.add(res.primary().nanos() / 1e6);
        });
    if (!sx.isEmpty()) {
      Charts.pointsAndLine(c, "message passing, OM(m) run (" + OmScalingSection.BENCHMARK + ")", sx, sy, 1);
    }
    if (c.getSeriesCollection().isEmpty()) {
      doc.text("*The evaluator was not measured in this run.*");
    } else {
      doc.figure("om-evaluator", c, "Time of one evaluation (mean of single-shot runs) against the logical messages"
          + " the equivalent run sends; for comparison, the time of one message-passing run of the same kind of"
          + " scenario (n = 3m + 1, random traitors).");
    }
    Doc.Table t = new Doc.Table("size n:m", "messages (formula)", "mean", "slowest", "runs", "message passing per run");
    for (JmhResults.Result res : results) {
      String size = res.param("size");
      int m = Om.m(size);
      Optional<JmhResults.Result> run = r.jmh().find(OmScalingSection.BENCHMARK,
          Map.of("m", Integer.toString(m), "traitors", Om.RANDOM));
      t.row(size, Format.count(OmFormula.messages(Om.n(size), m)), Format.duration(res.primary().nanos()),
          Format.duration(res.primary().worstNanos()), Integer.toString(res.primary().raw().size()),
          run.map(z -> Format.duration(z.primary().nanos())).orElse(Format.NONE));
    }
    doc.table(t);
    if (results.stream().noneMatch(res -> CLAIM_SIZE.equals(res.param("size")))) {
      doc.text("n=22, m=7 (" + Format.count(OmFormula.messages(22, 7)) + " messages) was not measured in this run.");
    }
  }
}
