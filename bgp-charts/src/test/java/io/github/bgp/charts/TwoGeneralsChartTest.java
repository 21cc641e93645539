package io.github.bgp.charts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.bgp.generals.Family;
import io.github.bgp.generals.MonteCarlo;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The two generals' chart as files, and the labels on its axes. */
class TwoGeneralsChartTest {

  @TempDir
  Path dir;

  @Test
  void theChartIsWrittenAsPngAndSvg() throws Exception {
    MonteCarlo.Table t = MonteCarlo.run(Family.MESSENGERS, List.of(0.1, 0.5), 6, 2_000, 1);
    TwoGeneralsChart.write(t, dir.resolve("c.png"));
    TwoGeneralsChart.write(t, dir.resolve("c.SVG"));

    BufferedImage png = ImageIO.read(dir.resolve("c.png").toFile());
    assertNotNull(png);
    assertEquals(Charts.WIDTH, png.getWidth());
    assertEquals(Charts.HEIGHT, png.getHeight());
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

  @Test
  void compactNumbersAndDecades() {
    assertEquals("1k", Charts.compact(1000));
    assertEquals("10M", Charts.compact(1e7));
    assertEquals("1.5G", Charts.compact(1.5e9));
    assertEquals("0.1", Charts.compact(0.1));
    assertEquals(100, Charts.decadeBelow(420), 1e-9);
    assertEquals(1000, Charts.decadeAbove(420), 1e-9);
    assertEquals(1000, Charts.decadeAbove(1000), 1e-9);
  }
}
