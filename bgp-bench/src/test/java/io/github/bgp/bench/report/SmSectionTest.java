package io.github.bgp.bench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
    assertEquals(1, doc.figures().size());
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
