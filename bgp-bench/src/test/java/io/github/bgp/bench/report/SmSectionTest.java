package io.github.bgp.bench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** SM's section: the run, its Ed25519 alone, and the ratio, from results in JMH's format. */
class SmSectionTest {

  private static void add(ArrayNode json, String benchmark, String n, double nanos) {
    ObjectNode e = json.addObject();
    e.put("benchmark", "io.github.bgp.bench." + benchmark);
    e.put("mode", "avgt");
    e.putObject("params").put("n", n).put("traitors", "lieutenants");
    ObjectNode p = e.putObject("primaryMetric");
    p.put("score", nanos);
    p.put("scoreError", "NaN");
    p.put("scoreUnit", "ns/op");
    p.putArray("rawData").addArray().add(nanos);
  }

  @Test
  void rendersTheRatioOfTheRunToItsCrypto() {
    ArrayNode json = Fixtures.JSON.createArrayNode();
    add(json, "SmBenchmark.run", "4", 2_000_000);
    add(json, "Ed25519Benchmark.crypto", "4", 1_600_000);
    Results r = Fixtures.results(Suite.QUICK, json, List.of());
    Doc doc = new Doc("test");
    new SmSection().render(r, doc);
    String text = Markdown.write(doc);
    assertTrue(text.contains("| 4 | 1 | lieutenants |"), text);
    assertTrue(text.contains("1.25x"), "run / crypto = 2.0 ms / 1.6 ms: " + text);
    // The fixture's count: 40 signed, 80 verified, 4 rejected, 2 loyal lieutenants deciding.
    assertTrue(text.contains("| 4 | 1 | lieutenants | 40 | 80 | 4 | 2.00 ms | 1.00 ms | 1.60 ms | 1.25x |"), text);
    assertEquals(1, doc.figures().size());
  }

  @Test
  void rendersFromTheCountsItIsGivenAndRunsNothing() {
    ArrayNode json = Fixtures.JSON.createArrayNode();
    add(json, "SmBenchmark.run", "4", 2_000_000);
    add(json, "Ed25519Benchmark.crypto", "4", 1_600_000);
    Results r = new Results(Suite.QUICK, Fixtures.jmh(json), List.of(), List.of(), Fixtures.machine());
    Doc doc = new Doc("test");
    new SmSection().render(r, doc);
    String text = Markdown.write(doc);
    // Without a count the table has no signatures or time per decision, and the chart no points.
    String none = Format.NONE;
    assertTrue(text.contains("| 4 | 1 | lieutenants | " + none + " | " + none + " | " + none + " | 2.00 ms | " + none
        + " | 1.60 ms | 1.25x |"), text);
    assertTrue(doc.figures().isEmpty());
  }

  @Test
  void aCountRunsTheBenchmarkedScenarioOnce() {
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    MessageCount c = SmSection.count(4, "lieutenants", new PrintStream(log, true, StandardCharsets.UTF_8));

    assertTrue(c.is(SmSection.PROTOCOL, 4, 1, "lieutenants"), c.toString());
    assertEquals(2, c.counter(SmSection.DECISIONS), "two loyal lieutenants decide");
    assertTrue(c.counter(SmSection.SIGNED) > 0 && c.counter(SmSection.VERIFIED) >= c.counter(SmSection.SIGNED), c.toString());
    assertTrue(c.messages() > 0, c.toString());
    String printed = log.toString(StandardCharsets.UTF_8);
    assertTrue(printed.contains("SM(1), n=4, traitors lieutenants: "), printed);
  }

  @Test
  void saysSoWhenNothingWasMeasured() {
    Doc doc = new Doc("test");
    new SmSection().render(Fixtures.results(Suite.QUICK, Fixtures.JSON.createArrayNode(), List.of()), doc);
    assertTrue(Markdown.write(doc).contains("SM(m) was not measured in this run"));
  }

  @Test
  void theQuickSuiteRunsBothBenchmarksAtTheSameParameters() {
    List<JmhRun> runs = new SmSection().benchmarks(Suite.QUICK);
    assertEquals(Set.of("SmBenchmark", "Ed25519Benchmark"), Set.of(runs.get(0).name(), runs.get(1).name()));
    assertEquals(runs.get(0).params(), runs.get(1).params());
  }
}
