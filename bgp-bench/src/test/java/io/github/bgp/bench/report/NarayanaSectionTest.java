package io.github.bgp.bench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.bgp.charts.Charts;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** bgp's 2PC beside Narayana's: the table, the chart, and what a run without one of them shows. */
class NarayanaSectionTest {

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

  private static void bgp(ArrayNode json, int inFlight, double decisions) {
    ObjectNode e = thrpt(json, "DurableCommitBenchmark.commit", decisions / inFlight);
    e.putObject("params").put("participants", "2").put("batch", Integer.toString(inFlight));
    metric(e, "decisions", decisions);
  }

  private static void narayana(ArrayNode json, int inFlight, double transactions) {
    ObjectNode e = thrpt(json, "NarayanaBenchmark.commit", transactions / inFlight);
    e.putObject("params").put("inFlight", Integer.toString(inFlight));
    metric(e, "transactions", transactions);
  }

  @Test
  void setsBgpsDecisionsBesideNarayanasTransactionsAtEachConcurrency() throws Exception {
    ArrayNode json = Fixtures.JSON.createArrayNode();
    bgp(json, 1, 150);
    bgp(json, 10, 1_200);
    bgp(json, 100, 6_000);
    narayana(json, 1, 300);
    narayana(json, 10, 2_000);
    narayana(json, 100, 4_000);
    // A p=3 run of the other section is not this section's.
    ObjectNode other = thrpt(json, "DurableCommitBenchmark.commit", 50);
    other.putObject("params").put("participants", "3").put("batch", "1");
    metric(other, "decisions", 50);
    Results r = Fixtures.results(Suite.QUICK, json, List.of());

    Doc doc = new Doc("test");
    new NarayanaSection().render(r, doc);
    String text = Markdown.write(doc);

    assertTrue(text.contains("| 1 | 150/s | 300/s | 0.50x |"), text);
    assertTrue(text.contains("| 10 | 1,200/s | 2,000/s | 0.60x |"), text);
    assertTrue(text.contains("| 100 | 6,000/s | 4,000/s | 1.50x |"), text);
    assertEquals(1, doc.figures().size());
    Charts.write(doc.figures().get(0).chart(), out, NarayanaSection.FIGURE);
    assertNotNull(ImageIO.read(out.resolve(NarayanaSection.FIGURE + ".png").toFile()));
  }

  @Test
  void aRunWithoutNarayanaShowsBgpAloneAndStillDrawsIt() throws Exception {
    ArrayNode json = Fixtures.JSON.createArrayNode();
    bgp(json, 1, 150);
    bgp(json, 10, 1_200);
    bgp(json, 100, 6_000);
    Doc doc = new Doc("test");
    new NarayanaSection().render(Fixtures.results(Suite.QUICK, json, List.of()), doc);
    String text = Markdown.write(doc);

    assertTrue(text.contains("| 100 | 6,000/s | " + Format.NONE + " | " + Format.NONE + " |"), text);
    assertEquals(1, doc.figures().size());
    Charts.write(doc.figures().get(0).chart(), out, NarayanaSection.FIGURE);
    assertNotNull(ImageIO.read(out.resolve(NarayanaSection.FIGURE + ".png").toFile()));
  }

  @Test
  void nothingMeasuredSaysSo() {
    Doc doc = new Doc("test");
    new NarayanaSection().render(Fixtures.results(Suite.QUICK, Fixtures.JSON.createArrayNode(), List.of()), doc);
    assertTrue(Markdown.write(doc).contains("*Neither was measured in this run.*"));
    assertEquals(0, doc.figures().size());
  }

  @Test
  void bothRunInTheSameSuiteAtOneTenAndAHundredInFlight() {
    List<JmhRun> runs = new NarayanaSection().benchmarks(Suite.QUICK);
    assertEquals(2, runs.size());
    assertEquals(List.of("1", "10", "100"), runs.get(0).params().get("batch"));
    assertEquals(List.of("2"), runs.get(0).params().get("participants"));
    assertEquals(List.of("1", "10", "100"), runs.get(1).params().get("inFlight"));
  }
}
