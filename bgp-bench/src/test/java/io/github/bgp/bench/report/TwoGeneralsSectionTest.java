package io.github.bgp.bench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The two generals' section: computed, not measured, so it renders the same from any results. */
class TwoGeneralsSectionTest {

  @Test
  void rendersTheSearchTheTableAndTheChartWithoutMeasurements() {
    Doc doc = new Doc("test");
    new TwoGeneralsSection().render(Fixtures.results(Suite.QUICK, Fixtures.JSON.createArrayNode(), List.of()), doc);
    String md = Markdown.write(doc);

    assertTrue(md.contains("## The two generals: disagreement shrinks, never to zero"), md);
    assertTrue(md.contains("| acks(3) | 8 | 1 | 6 | 1 | `..x` | A |"), md);
    assertTrue(md.contains("| messengers(2) | 4 | 3 | 0 | 1 | `xx` | A |"), md);
    assertTrue(md.contains("| retries(2) | 16 | 7 | 4 | 5 | `.x.x` | B |"), md);
    assertTrue(md.contains("Every one of the 18 protocols has a pattern"), md);
    assertTrue(md.contains("  3  A -> B  \"ack 2\"           LOST"), md);
    // p = 0.1, k = 10: exact 1e-10, far below what 100,000 runs can see.
    String row10 = md.lines().filter(l -> l.startsWith("| 10 |")).findFirst().orElseThrow();
    assertTrue(row10.startsWith("| 10 | <1.00e-5 | 1.00e-10 |"), row10);
    String row1 = md.lines().filter(l -> l.startsWith("| 1 |")).findFirst().orElseThrow();
    assertTrue(row1.matches("\\| 1 \\| 0\\.\\d+ ± \\S+ \\| 0\\.100 \\|.*"), row1);
    assertEquals(1, doc.figures().size());
    assertEquals(TwoGeneralsSection.FIGURE, doc.figures().get(0).name());
    assertEquals(List.of(), new TwoGeneralsSection().benchmarks(Suite.FULL));
  }
}
