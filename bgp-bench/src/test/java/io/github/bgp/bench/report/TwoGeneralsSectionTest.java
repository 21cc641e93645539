package io.github.bgp.bench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.bgp.twophase.generals.Family;
import io.github.bgp.twophase.generals.MonteCarlo;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The two generals' section: computed, not measured, so it renders the same from any results. */
class TwoGeneralsSectionTest {

  @TempDir
  Path dir;

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

  @Test
  void theChartIsWrittenAsPngAndSvg() throws Exception {
    MonteCarlo.Table t = MonteCarlo.run(Family.MESSENGERS, List.of(0.1, 0.5), 6, 2_000, 1);
    TwoGeneralsChart.write(t, dir.resolve("c.png"));
    TwoGeneralsChart.write(t, dir.resolve("c.SVG"));

    BufferedImage png = ImageIO.read(dir.resolve("c.png").toFile());
    assertNotNull(png);
    assertEquals(Charts.WIDTH, png.getWidth());
    String svg = Files.readString(dir.resolve("c.SVG"), StandardCharsets.UTF_8);
    assertTrue(svg.contains("<svg"), svg.substring(0, Math.min(200, svg.length())));
    assertThrows(IllegalArgumentException.class, () -> TwoGeneralsChart.write(t, dir.resolve("c.jpg")));
  }

  @Test
  void logTicksAreDecades() {
    assertEquals("1", TwoGeneralsChart.tick(1));
    assertEquals("0.1", TwoGeneralsChart.tick(0.1));
    assertEquals("0.01", TwoGeneralsChart.tick(0.01));
    assertEquals("1e-3", TwoGeneralsChart.tick(0.001));
    assertEquals("1e-10", TwoGeneralsChart.tick(1e-10));
    assertEquals("0.25", TwoGeneralsChart.rate(0.25));
    assertEquals("0.1", TwoGeneralsChart.rate(0.1));
  }
}
