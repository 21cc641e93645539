package io.github.bgp.bench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.github.bgp.charts.Charts;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

/** The report rendered from fixtures: no benchmark runs. */
class BenchReportTest {

  private static final List<String> CHARTS = List.of("om-messages-vs-m", "om-time-per-message", "om-bytes-per-message",
      "om-messages-vs-n", "om-speedup", "om-evaluator", "protocols-messages-per-decision", "protocols-messages-growing-n",
      "two-generals");

  @TempDir
  Path out;

  private Path write(Results r) throws IOException {
    Set<JmhRun> runs = new LinkedHashSet<>();
    BenchReport.SECTIONS.forEach(s -> runs.addAll(s.benchmarks(r.suite())));
    String keep = System.getProperty("bgp.bench.fixtureReport");
    if (keep != null) {
      // To look at the fixture's report: mvn test -Dtest=BenchReportTest -Dbgp.bench.fixtureReport=DIR
      BenchReport.write(r, Path.of(keep), BenchReport.SECTIONS, 150_000_000_000L, List.of(), runs);
    }
    return BenchReport.write(r, out, BenchReport.SECTIONS, 150_000_000_000L, List.of(), runs);
  }

  private String md() throws IOException {
    return Files.readString(out.resolve("report.md"), StandardCharsets.UTF_8);
  }

  private String html() throws IOException {
    return Files.readString(out.resolve("index.html"), StandardCharsets.UTF_8);
  }

  private static Claim claim(Results r, int number) {
    return BenchReport.claims(r, BenchReport.SECTIONS).stream().filter(c -> c.number() == number).findFirst()
        .orElseThrow();
  }

  /** The Markdown table row of claim {@code number}. */
  private String claimRow(int number) throws IOException {
    return md().lines().filter(l -> l.startsWith("| " + number + " | ")).findFirst().orElseThrow();
  }

  @Test
  void writesTheReportAndEveryChartAsPngAndSvg() throws Exception {
    Path index = write(Fixtures.quick());

    assertEquals(out.resolve("index.html"), index);
    assertTrue(Files.size(out.resolve("report.md")) > 1000);
    for (String name : CHARTS) {
      BufferedImage png = ImageIO.read(out.resolve("charts/" + name + ".png").toFile());
      assertNotNull(png, name + ".png decodes");
      assertEquals(Charts.WIDTH, png.getWidth(), name);
      assertEquals(Charts.HEIGHT, png.getHeight(), name);
      Document svg = parseXml(out.resolve("charts/" + name + ".svg"));
      assertEquals("svg", svg.getDocumentElement().getLocalName(), name);
      assertTrue(md().contains("](charts/" + name + ".png)"), name);
      assertTrue(html().contains("src=\"charts/" + name + ".svg\""), name);
    }
    try (Stream<Path> files = Files.list(out.resolve("charts"))) {
      assertEquals(CHARTS.size() * 2, files.count());
    }
  }

  @Test
  void claimsComeFirstWithTheirVerdicts() throws Exception {
    write(Fixtures.quick());

    String md = md();
    assertTrue(md.indexOf("## Claims") < md.indexOf("## OM(m) as m grows"), "claims first");
    assertTrue(claimRow(1).contains("n=19, m=6 (174,865,860 messages), message passing, loyal and every traitor strategy"),
        claimRow(1));
    assertTrue(claimRow(1).endsWith("| **PASS** |"), claimRow(1));
    assertTrue(claimRow(1).contains("21 of 21 runs exited 0"), claimRow(1));
    // 174,865,860 bytes at 10.5 GB/s: 16.7 ms, and 2.08 ms at a bit; 600 ms is 36x that; 130 MB is 0.74x 175 MB.
    assertTrue(claimRow(1).contains("copying at 10.5 GB/s"), claimRow(1));
    assertTrue(claimRow(1).contains("takes 16.7 ms at a byte per value, 2.08 ms at a bit per order"), claimRow(1));
    assertTrue(claimRow(1).contains("the slowest run is 36.0x the 1-byte traffic floor"), claimRow(1));
    assertTrue(claimRow(1).contains("the largest peak is 0.74x the 1-byte memory floor of 175 MB"), claimRow(1));
    assertTrue(claimRow(2).contains("n=16, m=5 (3,999,675 messages): bgp at least 10x faster"), claimRow(2));
    assertTrue(claimRow(2).contains("98.0x"), claimRow(2));
    assertTrue(claimRow(2).endsWith("| **PASS** |"), claimRow(2));
    assertTrue(html().contains("<td class=\"pass\">PASS</td>"));
  }

  @Test
  void claimsWithoutTheirMeasurementsSayNotMeasured() throws Exception {
    write(Fixtures.quick());

    String row = claimRow(3);
    assertTrue(row.contains("the evaluator decides n=22, m=7 (8.83 billion messages) in under 5 s"), row);
    assertTrue(row.contains("not measured: the evaluator benchmark at 22:7 has no result in this run"), row);
    assertTrue(row.endsWith("| **NOT MEASURED** |"), row);
    assertFalse(row.contains("PASS") || row.contains("FAIL"), row);
    String large = claimRow(6);
    assertTrue(large.contains("n=22, m=7 (8,832,432,021 messages) by message passing"), large);
    assertTrue(large.contains("not measured in the quick suite; run ./bgp bench --full"), large);
    assertTrue(large.endsWith("| **NOT MEASURED** |"), large);
    assertTrue(html().contains("<td class=\"not-measured\">NOT MEASURED</td>"));
  }

  @Test
  void theFullSuiteJudgesMessagePassingAt22And7() {
    Results passing = Fixtures.results(Suite.FULL, Fixtures.jmhJson(), Fixtures.processes(Suite.FULL, p -> {}));
    Claim c = claim(passing, 6);
    assertEquals(Claim.Verdict.PASS, c.verdict(), c.measured());
    assertTrue(c.statement().contains("BGP_JAVA_OPTS=-Xmx20g ./bgp om"), c.statement());
    // 8.83e9 bytes at 10.5 GB/s: 842 ms; a 0.6 s run is 0.71x that, its 130 MB peak 0.01x the 8,832 MB floor.
    assertTrue(c.measured().contains("every value copied once takes 842 ms at a byte per value"), c.measured());
    assertTrue(c.measured().contains("the largest peak is 0.01x the 1-byte memory floor of 8,832 MB"), c.measured());

    long expected = OmFormula.messages(22, 7);
    for (ProcessResult.Run bad : List.of(
        new ProcessResult.Run(0, 61_000_000_000L, 3_000_000_000L, true, true, expected, null),
        new ProcessResult.Run(0, 30_000_000_000L, 12_500_000_000L, true, true, expected, null),
        new ProcessResult.Run(0, 30_000_000_000L, 3_000_000_000L, true, false, expected, null))) {
      Results r = Fixtures.results(Suite.FULL, Fixtures.jmhJson(),
          Fixtures.processes(Suite.FULL, p -> Fixtures.replaceFirstRun(p, OmProcessSection.LARGE_ID, bad)));
      assertEquals(Claim.Verdict.FAIL, claim(r, 6).verdict(), claim(r, 6).measured());
    }
  }

  @Test
  void floorsThatWereNotMeasuredAreSaidSoAndDoNotDecideTheVerdict() {
    ArrayNode without = Fixtures.JSON.createArrayNode();
    for (JsonNode e : Fixtures.jmhJson()) {
      if (!e.path("benchmark").asText().contains("MemoryBandwidthBenchmark")) {
        without.add(e);
      }
    }
    Results r = Fixtures.results(Suite.QUICK, without, Fixtures.processes(Suite.QUICK, p -> {}));
    Claim c = claim(r, 1);
    assertEquals(Claim.Verdict.PASS, c.verdict(), c.measured());
    assertTrue(c.measured().contains("the copy benchmark (MemoryBandwidthBenchmark) has no result in this run"), c.measured());
  }

  @Test
  void aSpeedUpOfEightFails() throws Exception {
    ArrayNode jmh = Fixtures.jmhJson();
    double bgp = Fixtures.entry(jmh, "OmBaselineBenchmark", "size", "16:5", "implementation", "bgp")
        .get("primaryMetric").get("score").asDouble();
    Fixtures.setScore(Fixtures.entry(jmh, "OmBaselineBenchmark", "size", "16:5", "implementation", "naive"), 8 * bgp);
    Results r = Fixtures.results(Suite.QUICK, jmh, Fixtures.processes(Suite.QUICK, p -> {}));

    assertEquals(Claim.Verdict.FAIL, claim(r, 2).verdict());
    write(r);
    assertTrue(claimRow(2).contains("8.00x"), claimRow(2));
    assertTrue(claimRow(2).endsWith("| **FAIL** |"), claimRow(2));
    assertTrue(html().contains("<td class=\"fail\">FAIL</td>"));
  }

  @Test
  void aMissingBaselineIsNotMeasuredRatherThanJudged() {
    ArrayNode without = Fixtures.JSON.createArrayNode();
    for (JsonNode e : Fixtures.jmhJson()) {
      boolean naive165 = e.path("benchmark").asText().contains("OmBaselineBenchmark")
          && e.path("params").path("size").asText().equals("16:5") && e.path("params").path("implementation").asText().equals("naive");
      if (!naive165) {
        without.add(e);
      }
    }
    Results r = Fixtures.results(Suite.QUICK, without, Fixtures.processes(Suite.QUICK, p -> {}));

    assertEquals(Claim.Verdict.NOT_MEASURED, claim(r, 2).verdict());
  }

  @Test
  void theFullSuiteJudgesTheEvaluatorByItsSlowestRun() {
    ArrayNode fast = Fixtures.jmhJson();
    Fixtures.addEvaluator227(fast, 1.2, 1.85, 1.4);
    Results passing = Fixtures.results(Suite.FULL, fast, Fixtures.processes(Suite.FULL, p -> {}));
    assertEquals(Claim.Verdict.PASS, claim(passing, 3).verdict());
    assertTrue(claim(passing, 3).measured().startsWith("1.85 s, the slowest of 3"), claim(passing, 3).measured());
    assertTrue(claim(passing, 3).measured().contains("2.20x that run's 1-byte traffic floor"), claim(passing, 3).measured());

    ArrayNode slow = Fixtures.jmhJson();
    Fixtures.addEvaluator227(slow, 4.0, 6.1, 5.0);
    Results failing = Fixtures.results(Suite.FULL, slow, Fixtures.processes(Suite.FULL, p -> {}));
    assertEquals(Claim.Verdict.FAIL, claim(failing, 3).verdict());

    Results missing = Fixtures.results(Suite.FULL, Fixtures.jmhJson(), Fixtures.processes(Suite.FULL, p -> {}));
    assertEquals(Claim.Verdict.NOT_MEASURED, claim(missing, 3).verdict());
    assertFalse(claim(missing, 3).measured().contains("quick"), claim(missing, 3).measured());
  }

  @Test
  void theProcessClaimFailsOnAnySlowLargeOrWrongRun() {
    long expected = OmFormula.messages(19, 6);
    Map<String, ProcessResult.Run> bad = Map.of(
        "slow", new ProcessResult.Run(0, 810_000_000L, 130_000_000L, true, true, expected, null),
        "large", new ProcessResult.Run(0, 600_000_000L, 310_000_000L, true, true, expected, null),
        "ic2", new ProcessResult.Run(0, 600_000_000L, 130_000_000L, true, false, expected, null),
        "exit", new ProcessResult.Run(1, 600_000_000L, 130_000_000L, null, null, -1, "exit 1: boom"),
        "count", new ProcessResult.Run(0, 600_000_000L, 130_000_000L, true, true, expected - 1, null));
    for (Map.Entry<String, ProcessResult.Run> e : bad.entrySet()) {
      Results r = Fixtures.results(Suite.QUICK, Fixtures.jmhJson(),
          Fixtures.processes(Suite.QUICK, p -> Fixtures.replaceFirstRun(p, "om-19-6-random", e.getValue())));
      assertEquals(Claim.Verdict.FAIL, claim(r, 1).verdict(), e.getKey() + ": " + claim(r, 1).measured());
    }
  }

  @Test
  void anUnmeasuredPeakIsNotMeasuredNotPassed() {
    long expected = OmFormula.messages(19, 6);
    Results r = Fixtures.results(Suite.QUICK, Fixtures.jmhJson(), Fixtures.processes(Suite.QUICK,
        p -> Fixtures.replaceFirstRun(p, "om-19-6-split", new ProcessResult.Run(0, 600_000_000L, -1, true, true, expected, null))));

    assertEquals(Claim.Verdict.NOT_MEASURED, claim(r, 1).verdict(), claim(r, 1).measured());
  }

  @Test
  void processesWithoutTheCommandAreNotMeasured() {
    Results r = Fixtures.results(Suite.QUICK, Fixtures.jmhJson(), Fixtures.processes(Suite.QUICK,
        p -> p.replaceAll(x -> ProcessResult.unavailable(x.probe(), "the bgp command is not on the class path"))));

    assertEquals(Claim.Verdict.NOT_MEASURED, claim(r, 1).verdict());
    assertTrue(claim(r, 1).measured().contains("not on the class path"), claim(r, 1).measured());
  }

  @Test
  void tablesShowMeasurementsAndDashesWhereNothingWasMeasured() throws Exception {
    write(Fixtures.quick());
    String md = md();

    // m=6 is counted in both suites but benchmarked only in the full one.
    assertTrue(md.contains("| 6 | 19 | loyal | 174,865,860 | 174,865,860 | yes | \u2014 | \u2014 | \u2014 |"), md);
    assertTrue(md.contains("m = 6: counted but not benchmarked in this run"), md);
    assertTrue(md.contains("| 16:5 | 3,999,675 |"), md);
    assertTrue(md.contains("n=22, m=7 (8,832,432,021 messages) was not measured in this run"), md);
    assertTrue(md.contains("## Machine"), md);
    assertTrue(md.contains("| CPU | Test CPU @ 2.00GHz |"), md);
    assertTrue(md.contains("java -jar bgp-bench/target/benchmarks.jar OmScalingBenchmark -p m=1,2,3,4,5 -p traitors=loyal,random -f 1"
        + " -wi 1 -w 3s -i 2 -r 1s -prof gc -rf json"), md);
    assertTrue(md.contains("./bgp bench --full"), md);
  }

  @Test
  void processesJsonKeepsAnUnavailablePeakAsNull() {
    long expected = OmFormula.messages(19, 6);
    List<ProcessResult> p = Fixtures.processes(Suite.QUICK,
        x -> Fixtures.replaceFirstRun(x, "om-19-6-loyal", new ProcessResult.Run(0, 1_000_000L, -1, true, true, expected, null)));

    JsonNode json = BenchReport.processesJson(p);
    JsonNode loyal = null;
    for (JsonNode probe : json) {
      loyal = probe.get("id").asText().equals("om-19-6-loyal") ? probe : loyal;
    }
    assertNotNull(loyal);
    assertEquals("om-19-6-loyal", loyal.get("id").asText());
    assertTrue(loyal.get("runs").get(0).get("peakRssBytes").isNull());
    assertEquals(130_000_000L, loyal.get("runs").get(1).get("peakRssBytes").asLong());
    assertTrue(loyal.get("runs").get(1).get("correct").asBoolean());
  }

  private static Document parseXml(Path file) throws Exception {
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setNamespaceAware(true);
    f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
    f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
    return f.newDocumentBuilder().parse(file.toFile());
  }
}
