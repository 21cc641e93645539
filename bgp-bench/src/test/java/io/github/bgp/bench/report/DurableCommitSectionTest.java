package io.github.bgp.bench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.bgp.charts.Charts;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Durable 2PC's section: decisions against forced appends, from results in JMH's format. */
class DurableCommitSectionTest {

  @TempDir
  Path out;

  private static ObjectNode thrpt(ArrayNode json, String benchmark, double score) {
    ObjectNode e = json.addObject();
    e.put("benchmark", "io.github.bgp.bench." + benchmark);
    e.put("mode", "thrpt");
    ObjectNode p = e.putObject("primaryMetric");
    p.put("score", score);
    p.put("scoreError", "NaN");
    p.put("scoreUnit", "ops/s");
    p.putArray("rawData").addArray().add(score);
    return e;
  }

  private static void metric(ObjectNode e, String name, double score) {
    ObjectNode m = e.with("secondaryMetrics").putObject(name);
    m.put("score", score);
    m.put("scoreError", "NaN");
    m.put("scoreUnit", "ops/s");
    m.putArray("rawData").addArray().add(score);
  }

  /** p participants deciding {@code decisions}/s, 3 + 2p records of 11 bytes and {@code forces} forces a decision. */
  private static void commit(ArrayNode json, int p, double decisions, double forcesPerDecision) {
    ObjectNode e = thrpt(json, "DurableCommitBenchmark.commit", decisions / 200);
    e.putObject("params").put("participants", Integer.toString(p)).put("batch", "200");
    metric(e, "decisions", decisions);
    metric(e, "forces", decisions * forcesPerDecision);
    metric(e, "records", decisions * (3 + 2 * p));
    metric(e, "recordBytes", decisions * (3 + 2 * p) * 11);
  }

  /** The baseline with {@code logs} logs forced at once, {@code rounds} operations (a record forced on every log) a second. */
  private static void forced(ArrayNode json, int logs, double rounds) {
    thrpt(json, "ForcedAppendBenchmark.appendAndForce", rounds).putObject("params").put("logs", Integer.toString(logs));
  }

  /** The baseline's three runs: one log at 1,400/s; 4 logs at 800 rounds/s (3,200/s); 6 at 600 (3,600/s). */
  private static void forced(ArrayNode json) {
    forced(json, 1, 1_400);
    forced(json, 4, 800);
    forced(json, 6, 600);
  }

  private static Results results(ArrayNode json) {
    return Fixtures.results(Suite.QUICK, json, List.of());
  }

  private static Claim claim(Results r) {
    List<Claim> claims = new DurableCommitSection().claims(r);
    assertEquals(1, claims.size());
    assertEquals(DurableCommitSection.CLAIM_NUMBER, claims.get(0).number());
    return claims.get(0);
  }

  @Test
  void rendersDecisionsBesideForcedAppendsAndTheBoundWithoutGroupCommit() throws Exception {
    ArrayNode json = Fixtures.JSON.createArrayNode();
    commit(json, 3, 18_000, 0.1);
    commit(json, 5, 11_000, 0.17);
    forced(json);
    Results r = results(json);
    Doc doc = new Doc("test");
    new DurableCommitSection().render(r, doc);
    String text = Markdown.write(doc);
    // p=3: 18,000 / 1,400 = 12.9x; without group commit 1,400 / 9 = 156/s, so 116x.
    assertTrue(text.contains("| 3 | 18,000/s | 1,400/s | 12.9x | 9.00 | 0.10 | 11.0 B | 156/s | 116x |"), text);
    assertTrue(text.contains("| 5 | 11,000/s | 1,400/s | 7.86x | 13.0 | 0.17 | 11.0 B | 108/s | 102x |"), text);
    // With p + 1 logs at once: p=3, 4 logs, 3,200 / 9 = 356/s, so 50.6x; p=5, 6 logs, 3,600 / 13 = 277/s, so 39.7x.
    assertTrue(text.contains("| 116x | 3,200/s | 356/s | 50.6x |"), text);
    assertTrue(text.contains("| 102x | 3,600/s | 277/s | 39.7x |"), text);
    assertEquals(1, doc.figures().size());
    Charts.write(doc.figures().get(0).chart(), out, DurableCommitSection.FIGURE);
    assertNotNull(ImageIO.read(out.resolve(DurableCommitSection.FIGURE + ".png").toFile()));

    Claim c = claim(r);
    assertEquals(Claim.Verdict.PASS, c.verdict(), c.measured());
    assertTrue(c.measured().startsWith("p=3: 18,000/s decisions against 3,200/s forced appends of 4 logs at once"
        + " / 9.00 records = 356/s (50.6x; one log: 1,400/s / 9.00 = 156/s, 116x; 0.10 forces per decision)"),
        c.measured());
  }

  @Test
  void theClaimFailsWhenDecisionsFallToTheRateWithoutGroupCommit() {
    ArrayNode json = Fixtures.JSON.createArrayNode();
    commit(json, 3, 18_000, 0.1);
    commit(json, 5, 100, 13);
    forced(json);
    Claim c = claim(results(json));
    assertEquals(Claim.Verdict.FAIL, c.verdict(), c.measured());
  }

  @Test
  void beatingOneLogIsNotEnoughWhenTheLogsForcedAtOnceAreFaster() {
    ArrayNode json = Fixtures.JSON.createArrayNode();
    // p=3: 300/s beats one log's 1,400 / 9 = 156/s but not 4 logs' 3,200 / 9 = 356/s.
    commit(json, 3, 300, 1);
    commit(json, 5, 11_000, 0.17);
    forced(json);
    Claim c = claim(results(json));
    assertEquals(Claim.Verdict.FAIL, c.verdict(), c.measured());
  }

  @Test
  void aBaselineWithoutTheLogsParameterForcedOneLog() {
    ArrayNode json = Fixtures.JSON.createArrayNode();
    commit(json, 3, 18_000, 0.1);
    thrpt(json, "ForcedAppendBenchmark.appendAndForce", 1_400).putObject("params");
    List<DurableCommitSection.Row> rows = DurableCommitSection.rows(results(json));
    assertEquals(java.util.Optional.of(1_400.0), rows.get(0).forcedAppends());
    assertTrue(rows.get(0).concurrentForcedAppends().isEmpty());
  }

  @Test
  void theClaimIsNotMeasuredWithoutTheBaselineOrAParticipantCount() {
    ArrayNode json = Fixtures.JSON.createArrayNode();
    commit(json, 3, 18_000, 0.1);
    commit(json, 5, 11_000, 0.17);
    assertEquals(Claim.Verdict.NOT_MEASURED, claim(results(json)).verdict());
    json = Fixtures.JSON.createArrayNode();
    commit(json, 3, 18_000, 0.1);
    thrpt(json, "ForcedAppendBenchmark.appendAndForce", 1_400).putObject("params");
    assertEquals(Claim.Verdict.NOT_MEASURED, claim(results(json)).verdict());
    json = Fixtures.JSON.createArrayNode();
    commit(json, 3, 18_000, 0.1);
    commit(json, 5, 11_000, 0.17);
    forced(json, 1, 1_400);
    Claim oneLogOnly = claim(results(json));
    assertEquals(Claim.Verdict.NOT_MEASURED, oneLogOnly.verdict());
    assertTrue(oneLogOnly.measured().contains("the forced appends of p + 1 logs at once were not measured"),
        oneLogOnly.measured());
  }

  @Test
  void saysSoWhenNothingWasMeasured() {
    Doc doc = new Doc("test");
    new DurableCommitSection().render(results(Fixtures.JSON.createArrayNode()), doc);
    assertTrue(Markdown.write(doc).contains("Durable two-phase commit was not measured in this run"));
    assertTrue(doc.figures().isEmpty());
  }

  @Test
  void bothSuitesRunTheCommitsAndTheirBaseline() {
    for (Suite suite : Suite.values()) {
      List<JmhRun> runs = new DurableCommitSection().benchmarks(suite);
      assertEquals(List.of("DurableCommitBenchmark", "ForcedAppendBenchmark"), runs.stream().map(JmhRun::name).toList());
      assertEquals(Map.of("participants", List.of("3", "5"), "batch", List.of("200")), runs.get(0).params());
      assertEquals(Map.of("logs", List.of("1", "4", "6")), runs.get(1).params(), "one log, and each run's p + 1");
    }
  }
}
