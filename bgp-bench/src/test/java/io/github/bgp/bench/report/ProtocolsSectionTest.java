package io.github.bgp.bench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The protocols side by side: counted for real, against the formulas, and the claims judged from the counts. */
class ProtocolsSectionTest {

  @Test
  void countedRunsEqualTheFormulasAndBearOutTheClaims() {
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    List<MessageCount> counts = new ProtocolsSection().count(Suite.QUICK,
        new PrintStream(log, true, StandardCharsets.UTF_8));
    String printed = log.toString(StandardCharsets.UTF_8);
    assertTrue(!printed.contains("MISMATCH"), printed);
    Results r = new Results(Suite.QUICK, Fixtures.jmh(Fixtures.JSON.createArrayNode()), counts, List.of(),
        Fixtures.machine());
    Map<Integer, Claim> claims = new java.util.TreeMap<>();
    new ProtocolsSection().claims(r).forEach(c -> claims.put(c.number(), c));
    assertEquals(Claim.Verdict.PASS, claims.get(ProtocolsSection.CROSSING_CLAIM).verdict(),
        claims.get(ProtocolsSection.CROSSING_CLAIM).measured());
    assertEquals(Claim.Verdict.PASS, claims.get(ProtocolsSection.FORMULA_CLAIM).verdict(),
        claims.get(ProtocolsSection.FORMULA_CLAIM).measured());
    assertEquals(Claim.Verdict.PASS, claims.get(ProtocolsSection.BLOCKING_CLAIM).verdict(),
        claims.get(ProtocolsSection.BLOCKING_CLAIM).measured());
    // The counted figures the docs state.
    assertEquals(156, r.count("om", 7, 2, ProtocolsSection.NOBODY).orElseThrow().messages());
    assertEquals(276, r.count("phase-king", 7, 2, ProtocolsSection.NOBODY).orElseThrow().messages());
    assertEquals(3_609, r.count("om", 10, 3, ProtocolsSection.NOBODY).orElseThrow().messages());
    assertEquals(765, r.count("phase-king", 10, 3, ProtocolsSection.NOBODY).orElseThrow().messages());
    MessageCount ds = r.count("dolev-strong", 10, 3, ProtocolsSection.NOBODY).orElseThrow();
    MessageCount sm = r.count("sm", 10, 3, ProtocolsSection.NOBODY).orElseThrow();
    assertEquals(81, ds.messages());
    assertEquals(81, sm.messages());
    assertEquals(10, ds.counter(ProtocolsSection.SIGNED), "Dolev-Strong: the commander once, each lieutenant once");
    assertEquals(10, sm.counter(ProtocolsSection.SIGNED), "SM: the commander once, each lieutenant once");
    assertEquals(15, r.count("2pc", 3, 1, ProtocolsSection.FAULT_FREE).orElseThrow().messages());
    assertEquals(21, r.count("3pc", 3, 1, ProtocolsSection.FAULT_FREE).orElseThrow().messages());
    assertEquals(31, r.count("paxos-commit", 3, 1, ProtocolsSection.FAULT_FREE).orElseThrow().messages());
    Doc doc = new Doc("test");
    new ProtocolsSection().render(r, doc);
    String text = Markdown.write(doc);
    System.out.println(text);
    assertTrue(text.contains("OM(m) is the cheaper up to m = 2, and Phase King from m = 3"), text);
    assertTrue(text.contains("| 2 | 7 | om | 156 | 156 | yes | 26.0 | 486 | 81.0 |"), text);
    assertTrue(text.contains("| 2pc | coordinator-dead |") && text.contains("blocked"), text);
    assertEquals(2, doc.figures().size());
  }

  @Test
  void withoutCountsItSaysSoAndClaimsNothing() {
    Results r = new Results(Suite.QUICK, Fixtures.jmh(Fixtures.JSON.createArrayNode()), List.of(), List.of(),
        Fixtures.machine());
    new ProtocolsSection().claims(r).forEach(c -> assertEquals(Claim.Verdict.NOT_MEASURED, c.verdict(), c.toString()));
    Doc doc = new Doc("test");
    new ProtocolsSection().render(r, doc);
    assertTrue(Markdown.write(doc).contains("were not both counted"), Markdown.write(doc));
    assertTrue(doc.figures().isEmpty());
    assertTrue(new ProtocolsSection().benchmarks(Suite.FULL).isEmpty(), "counts, not timings");
  }
}
