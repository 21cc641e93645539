package io.github.bgp.bench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The baseline's section: bgp on all cores and on one against the single-threaded baseline. */
class OmBaselineSectionTest {

  private static Claim claim(Results r) {
    List<Claim> claims = new OmBaselineSection().claims(r);
    assertEquals(1, claims.size());
    return claims.get(0);
  }

  private static String render(Results r) {
    Doc doc = new Doc("test");
    new OmBaselineSection().render(r, doc);
    return Markdown.write(doc);
  }

  @Test
  void theTableShowsTheSpeedUpOnAllCoresAndOnOne() {
    String text = render(Fixtures.quick());

    // 16:5: naive 11.8 s over bgp's 120 ms on all cores (98.0x) and 300 ms on one (39.2x).
    assertTrue(text.contains("| 16:5 | 3,999,675 | 120 ms | 300 ms | 11.8 s | 98.0x | 39.2x |"), text);
    assertTrue(text.contains("| 13:4 | 108,384 | 3.25 ms | 6.50 ms | 228 ms | 70.0x | 35.0x |"), text);
    assertTrue(text.contains("on one thread like the baseline"), text);
    assertTrue(text.contains("The all-cores speed-up (the one the claim judges)"), text);
    assertTrue(text.contains("2 logical cores here"), "the fixture machine's cores: " + text);
    assertFalse(text.contains("so the ratio compares representations"), text);
  }

  @Test
  void theClaimIsJudgedOnAllCoresAndShowsTheOneCoreRatio() {
    Claim c = claim(Fixtures.quick());

    assertEquals(Claim.Verdict.PASS, c.verdict(), c.measured());
    assertTrue(c.statement().contains("bgp as it runs by default (on all cores) and the baseline on its one thread"),
        c.statement());
    assertTrue(c.measured().startsWith("98.0x (naive 11.8 s, bgp 120 ms per run on all 2 logical cores;"), c.measured());
    assertTrue(c.measured().contains("with bgp on one core, as the baseline runs, 39.2x (bgp 300 ms per run), not judged"),
        c.measured());
  }

  @Test
  void aOneCoreRatioUnderTheBarDoesNotFailTheClaim() {
    ArrayNode jmh = Fixtures.jmhJson();
    double naive = Fixtures.entry(jmh, "OmBaselineBenchmark", "size", "16:5", "implementation", "naive")
        .get("primaryMetric").get("score").asDouble();
    Fixtures.setScore(Fixtures.entry(jmh, "OmBaselineBenchmark", "size", "16:5", "implementation", "bgp-one-core"),
        naive / 5);
    Claim c = claim(Fixtures.results(Suite.QUICK, jmh, List.of()));

    assertEquals(Claim.Verdict.PASS, c.verdict(), c.measured());
    assertTrue(c.measured().contains("5.00x"), c.measured());
  }

  @Test
  void withoutTheOneCoreRunTheTableShowsADashAndTheClaimStands() {
    ArrayNode without = Fixtures.JSON.createArrayNode();
    for (JsonNode e : Fixtures.jmhJson()) {
      if (!e.path("params").path("implementation").asText().equals("bgp-one-core")) {
        without.add(e);
      }
    }
    Results r = Fixtures.results(Suite.QUICK, without, List.of());

    assertTrue(render(r).contains("| 16:5 | 3,999,675 | 120 ms | " + Format.NONE + " | 11.8 s | 98.0x | " + Format.NONE
        + " |"), render(r));
    assertEquals(Claim.Verdict.PASS, claim(r).verdict());
    assertFalse(claim(r).measured().contains("one core"), claim(r).measured());
  }

  @Test
  void eachSuiteRunsTheBaselineOnceAndBgpTwicePerSize() {
    for (Suite suite : Suite.values()) {
      List<JmhRun> runs = new OmBaselineSection().benchmarks(suite);
      assertEquals(1, runs.size(), "one JMH run");
      assertEquals(List.of("bgp", "bgp-one-core", "naive"), runs.get(0).params().get("implementation"));
      assertEquals(runs.get(0).params().get("size").size() * 3, runs.get(0).configurations());
    }
  }
}
