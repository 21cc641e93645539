package io.github.bgp.charts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.CategoryChart;

class ChartsTest {

  @Test
  void ratesGoOnWholeDecadesWithRoomAroundTheSmallestAndLargestBar() {
    CategoryChart c = Charts.bars("rates", "in flight", "per second");
    Charts.logarithmicRates(c, List.of(130.0, 169.0, 7_845.0));
    assertTrue(c.getStyler().isYAxisLogarithmic());
    assertEquals(10.0, c.getStyler().getYAxisMin(), 1e-9, "130 / 2 = 65: the decade below is 10");
    assertEquals(100_000.0, c.getStyler().getYAxisMax(), 1e-9, "7,845 x 1.5 = 11,768: the decade above is 100,000");
    assertEquals("#,##0", c.getStyler().getYAxisDecimalPattern());
  }

  @Test
  void noValuesIsAClearError() {
    CategoryChart c = Charts.bars("rates", "in flight", "per second");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Charts.logarithmicRates(c, List.of()));
    assertTrue(e.getMessage().contains("at least one value"), e.getMessage());
  }
}
