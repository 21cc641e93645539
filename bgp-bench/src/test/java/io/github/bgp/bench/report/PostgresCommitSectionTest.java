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

/** bgp's 2PC over PostgreSQL beside the same workload in memory: the table, the chart, a partial run. */
class PostgresCommitSectionTest {

  @TempDir
  Path out;

  private static void metric(ObjectNode e, String name, String unit, double... iterations) {
    ObjectNode m = e.with("secondaryMetrics").putObject(name);
    double sum = 0;
    for (double v : iterations) {
      sum += v;
    }
    m.put("score", sum); // JMH sums an EVENTS counter over the iterations, and averages an OPERATIONS rate
    m.put("scoreError", "NaN");
    m.put("scoreUnit", unit);
    ArrayNode fork = m.putArray("rawData").addArray();
    for (double v : iterations) {
      fork.add(v);
    }
  }

  /** A result whose p50 and p99 (ms) are given for each of two iterations. */
  private static void result(ArrayNode json, int inFlight, String store, double commits, double[] p50, double[] p99) {
    ObjectNode e = json.addObject();
    e.put("benchmark", "io.github.bgp.bench.PostgresCommitBenchmark.commit");
    e.put("mode", "thrpt");
    ObjectNode p = e.putObject("primaryMetric");
    p.put("score", commits / inFlight);
    p.put("scoreError", "NaN");
    p.put("scoreUnit", "ops/s");
    p.putArray("rawData").addArray().add(commits / inFlight);
    e.putObject("params").put("inFlight", Integer.toString(inFlight)).put("store", store);
    ObjectNode m = e.with("secondaryMetrics").putObject("commits");
    m.put("score", commits);
    m.put("scoreError", "NaN");
    m.put("scoreUnit", "ops/s");
    m.putArray("rawData").addArray().add(commits);
    metric(e, "p50Millis", "#", p50);
    metric(e, "p99Millis", "#", p99);
  }

  @Test
  void setsThePostgresFiguresBesideTheInMemoryOnesAtEachConcurrency() throws Exception {
    ArrayNode json = Fixtures.JSON.createArrayNode();
    result(json, 1, "postgres", 40, new double[] {20, 30}, new double[] {40, 60});
    result(json, 10, "postgres", 200, new double[] {45, 55}, new double[] {90, 110});
    result(json, 100, "postgres", 500, new double[] {150, 250}, new double[] {300, 500});
    result(json, 1, "memory", 160, new double[] {5, 7}, new double[] {9, 11});
    result(json, 10, "memory", 1_000, new double[] {8, 10}, new double[] {12, 14});
    result(json, 100, "memory", 2_500, new double[] {30, 50}, new double[] {60, 80});
    Doc doc = new Doc("test");
    new PostgresCommitSection().render(Fixtures.results(Suite.QUICK, json, List.of()), doc);
    String text = Markdown.write(doc);

    // The percentiles are the iterations' mean, not JMH's sum over them.
    assertTrue(text.contains("| 1 | 40.0/s | 25.0 ms / 50.0 ms | 160/s | 6.00 ms / 10.0 ms | 0.25x |"), text);
    assertTrue(text.contains("| 10 | 200/s | 50.0 ms / 100 ms | 1,000/s | 9.00 ms / 13.0 ms | 0.20x |"), text);
    assertTrue(text.contains("| 100 | 500/s | 200 ms / 400 ms | 2,500/s | 40.0 ms / 70.0 ms | 0.20x |"), text);
    assertEquals(1, doc.figures().size());
    Charts.write(doc.figures().get(0).chart(), out, PostgresCommitSection.FIGURE);
    assertNotNull(ImageIO.read(out.resolve(PostgresCommitSection.FIGURE + ".png").toFile()));
  }

  @Test
  void aRunWithoutTheInMemoryTwinShowsPostgresAlone() {
    ArrayNode json = Fixtures.JSON.createArrayNode();
    result(json, 100, "postgres", 500, new double[] {150, 250}, new double[] {300, 500});
    Doc doc = new Doc("test");
    new PostgresCommitSection().render(Fixtures.results(Suite.QUICK, json, List.of()), doc);
    String text = Markdown.write(doc);
    assertTrue(text.contains("| 100 | 500/s | 200 ms / 400 ms | " + Format.NONE + " | " + Format.NONE + " | "
        + Format.NONE + " |"), text);
  }

  @Test
  void nothingMeasuredSaysSo() {
    Doc doc = new Doc("test");
    new PostgresCommitSection().render(Fixtures.results(Suite.QUICK, Fixtures.JSON.createArrayNode(), List.of()), doc);
    assertTrue(Markdown.write(doc).contains("*Not measured in this run.*"));
    assertEquals(0, doc.figures().size());
  }

  @Test
  void bothStoresRunInTheSameSuiteAtOneTenAndAHundredInFlight() {
    for (Suite suite : Suite.values()) {
      List<JmhRun> runs = new PostgresCommitSection().benchmarks(suite);
      assertEquals(1, runs.size(), suite.toString());
      assertEquals(List.of("1", "10", "100"), runs.get(0).params().get("inFlight"));
      assertEquals(List.of("postgres", "memory"), runs.get(0).params().get("store"));
    }
    assertTrue(Settings.sections().contains("2pc-postgres"), Settings.sections().toString());
  }
}
