package io.github.bgp.generals;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.bgp.check.Gen;
import io.github.bgp.check.Property;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Estimates that replay from their seed and agree with the exact probabilities. */
class MonteCarloTest {

  /** One cell to estimate: a family's protocol, a loss rate, a seed. */
  private record Case(Family family, int k, double p, long seed) {}

  @Test
  void theSameSeedGivesTheSameTable() {
    MonteCarlo.Table a = MonteCarlo.run(Family.MESSENGERS, List.of(0.3, 0.5), 4, 5_000, 42);
    MonteCarlo.Table b = MonteCarlo.run(Family.MESSENGERS, List.of(0.3, 0.5), 4, 5_000, 42);
    MonteCarlo.Table c = MonteCarlo.run(Family.MESSENGERS, List.of(0.3, 0.5), 4, 5_000, 43);

    assertEquals(a, b);
    assertNotEquals(a.cells(), c.cells());
    assertEquals(8, a.cells().size());
    assertEquals(0.5, a.cell(0.5, 3).lossRate());
    assertEquals(3, a.cell(0.5, 3).k());
    assertEquals(a.row(0.5).get(2), a.cell(0.5, 3));
  }

  @Test
  void aCellDoesNotDependOnTheRestOfTheTable() {
    MonteCarlo.Table small = MonteCarlo.run(Family.ACKS, List.of(0.3), 3, 5_000, 7);
    MonteCarlo.Table large = MonteCarlo.run(Family.ACKS, List.of(0.1, 0.3, 0.7), 6, 5_000, 7);

    assertEquals(small.cell(0.3, 3), large.cell(0.3, 3));
  }

  /**
   * A statistical check on random seeds, so its band is set by the chance of a false alarm: summed over the exact
   * binomial tails of all 570 cells the cases draw from, a correct estimator leaves 7 standard deviations plus 8
   * counts with probability 1e-12 per cell, 6e-11 per run of 60. (5 standard deviations plus 3 at 20,000 trials
   * would fail about once in 40,000 runs, mostly on rare cells, where a normal band is too narrow.) 40,000 trials keep
   * the band as tight as it was: 1.75 points either side at q = 1/2.
   */
  @Test
  void estimatesAgreeWithTheExactValueWithinAFewStandardErrors() {
    Gen<Case> cases = Gen.elements(List.of(Family.values())).flatMap(f -> Gen.ints(1, 10).flatMap(k ->
        Gen.ints(1, 19).flatMap(p20 -> Gen.longs().map(seed -> new Case(f, k, p20 / 20.0, seed)))));
    int trials = 40_000;
    Property.forAll(cases).tries(60).check(c -> {
      MonteCarlo.Cell cell = MonteCarlo.estimate(c.family().protocol(c.k()), c.p(), trials, c.seed());
      double q = cell.exact().orElseThrow();
      assertEquals(c.family().exactDisagreement(c.k(), c.p()), q);
      double sd = Math.sqrt(trials * q * (1 - q));
      return Math.abs(cell.disagreements() - trials * q) <= 7 * sd + 8;
    });
  }

  @Test
  void theTableShrinksWithKAndNeverReachesZero() {
    MonteCarlo.Table t = MonteCarlo.run(Family.MESSENGERS, List.of(0.1, 0.3, 0.5, 0.7), 10, 20_000, 1);
    for (double p : t.lossRates()) {
      List<MonteCarlo.Cell> row = t.row(p);
      for (int k = 1; k <= 10; k++) {
        MonteCarlo.Cell cell = row.get(k - 1);
        assertEquals(Math.pow(p, k), cell.exact().orElseThrow(), 1e-15);
        assertTrue(cell.exact().orElseThrow() > 0);
        assertEquals(0, cell.onlyB(), "under messengers(k), only A can attack alone");
        if (cell.belowResolution()) {
          assertTrue(cell.estimateText().startsWith("<"), cell.estimateText());
          assertEquals("-", cell.standardErrorText());
        } else {
          assertFalse(cell.estimateText().equals("0"));
        }
      }
    }
    assertTrue(t.cell(0.1, 10).belowResolution(), "1e-10 is far below 1/20,000");
    assertEquals("<5.00e-5", t.cell(0.1, 10).estimateText());
    assertEquals("1.00e-10", t.cell(0.1, 10).exactText());
    assertTrue(t.cell(0.7, 1).estimate() > t.cell(0.7, 5).estimate());
    assertTrue(t.cell(0.7, 5).estimate() > t.cell(0.7, 10).estimate());
  }

  @Test
  void theStandardErrorIsBinomial() {
    MonteCarlo.Cell cell = MonteCarlo.estimate(new Messengers(1), 0.5, 10_000, 3);
    double q = cell.estimate();
    assertEquals(Math.sqrt(q * (1 - q) / 10_000), cell.standardError(), 1e-15);
    assertEquals(1e-4, cell.resolution());
    assertEquals(10_000, cell.bothAttack() + cell.neitherAttacks() + cell.disagreements());
  }

  @Test
  void probabilitiesAreWrittenInThreeSignificantDigits() {
    assertEquals("0.500", MonteCarlo.format(0.5));
    assertEquals("0.100", MonteCarlo.format(0.1));
    assertEquals("0.0998", MonteCarlo.format(0.09981));
    assertEquals("0.00391", MonteCarlo.format(0.00390625));
    assertEquals("0.0100", MonteCarlo.format(0.009996));
    assertEquals("1.00", MonteCarlo.format(1));
    assertEquals("1.00e-5", MonteCarlo.format(1e-5));
    assertEquals("6.56e-5", MonteCarlo.format(Math.pow(0.3, 8)));
    assertEquals("1.00e-10", MonteCarlo.format(1e-10));
    assertEquals("0", MonteCarlo.format(0));
  }

  @Test
  void refusesBadArguments() {
    assertThrows(IllegalArgumentException.class, () -> MonteCarlo.run(Family.ACKS, List.of(1.2), 3, 10, 1));
    assertThrows(IllegalArgumentException.class, () -> MonteCarlo.run(Family.ACKS, List.of(), 3, 10, 1));
    assertThrows(IllegalArgumentException.class, () -> MonteCarlo.run(Family.ACKS, List.of(0.5), 0, 10, 1));
    assertThrows(IllegalArgumentException.class, () -> MonteCarlo.run(Family.ACKS, List.of(0.5), 3, 0, 1));
  }

  @Test
  void anyProtocolCanBeSampledAndItsExactValueEnumerated() {
    MessengerProtocol twice = new MessengerProtocol() {
      @Override
      public String name() {
        return "twice";
      }

      @Override
      public int rounds() {
        return 2;
      }

      @Override
      public int maxMessengers() {
        return 2;
      }

      @Override
      public List<Message> send(General me, int round, View view) {
        return me == General.A ? List.of(new Message(General.A, "attack at dawn", round)) : List.of();
      }

      @Override
      public boolean attacks(General me, View view) {
        return me == General.A || !view.isEmpty();
      }
    };
    MonteCarlo.Cell cell = MonteCarlo.estimate(twice, 0.5, 1_000, 1);
    assertEquals(0.25, cell.exact().orElseThrow(), 1e-15, "the same as messengers(2)");
    assertEquals(0, cell.k());
  }
}
