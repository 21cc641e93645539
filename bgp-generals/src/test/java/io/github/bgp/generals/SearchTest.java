package io.github.bgp.generals;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The exhaustive search: a disagreement for every protocol, counts that add up, the most instructive pattern. */
class SearchTest {

  @ParameterizedTest
  @EnumSource(Family.class)
  void findsADisagreementForEveryProtocolUpToEight(Family family) {
    for (int k = 1; k <= 8; k++) {
      FamilyProtocol p = family.protocol(k);
      SearchResult r = Search.of(p);

      assertTrue(r.found(), p.name());
      assertTrue(r.disagreement() > 0, p.name());
      assertEquals(r.disagreements().size(), r.disagreements().stream().distinct().count(), p.name());
      for (LossPattern d : r.disagreements()) {
        Run again = Valley.run(p, d);
        assertTrue(again.ending().disagreement(), p.name() + " under " + d + ": " + again.ending());
        assertEquals(d, again.pattern(), "the pattern is exactly the losses of the messengers that set out");
      }
      Run chosen = r.mostInstructive().orElseThrow();
      assertEquals(r.disagreements().get(0), chosen.pattern());
      assertTrue(chosen.ending().disagreement());
      assertEquals(1L << p.maxMessengers(), r.patterns());
      assertEquals(r.patterns(), r.bothAttack() + r.neitherAttacks() + r.disagreement());
      assertEquals(Ending.BOTH_ATTACK, r.allDelivered(), p.name());
      assertFalse(r.allLost().attacks(General.B), "B never attacks having heard nothing: " + p.name());
    }
  }

  @ParameterizedTest
  @EnumSource(Family.class)
  void countsAgreeWithPlayingEveryPatternOneByOne(Family family) {
    for (int k = 1; k <= 5; k++) {
      FamilyProtocol p = family.protocol(k);
      int n = p.maxMessengers();
      long[] byEnding = new long[Ending.values().length];
      for (long bits = 0; bits < 1L << n; bits++) {
        byEnding[Valley.ending(p, new LossPattern(n, bits)).ordinal()]++;
      }
      SearchResult r = Search.of(p);
      assertEquals(byEnding[Ending.BOTH_ATTACK.ordinal()], r.bothAttack(), p.name());
      assertEquals(byEnding[Ending.NEITHER_ATTACKS.ordinal()], r.neitherAttacks(), p.name());
      assertEquals(byEnding[Ending.ONLY_A_ATTACKS.ordinal()], r.onlyA(), p.name());
      assertEquals(byEnding[Ending.ONLY_B_ATTACKS.ordinal()], r.onlyB(), p.name());
    }
  }

  @Test
  void theCountsOfEachFamilyAreWhatItsDefinitionSays() {
    for (int k = 1; k <= 8; k++) {
      long patterns = 1L << k;
      SearchResult m = Search.of(new Messengers(k));
      assertEquals(List.of(patterns, patterns - 1, 0L, 1L, 0L),
          List.of(m.runs(), m.bothAttack(), m.neitherAttacks(), m.onlyA(), m.onlyB()), "A attacks alone iff all are lost");
      SearchResult a = Search.of(new Acks(k));
      assertEquals(k + 1, a.runs(), "a chain breaks at its first loss: k + 1 runs");
      assertEquals(1, a.bothAttack());
      assertEquals(1, a.disagreement());
      assertEquals(k % 2 == 1 ? 1 : 0, a.onlyA(), "the sender of the last message attacks alone");
      SearchResult t = Search.of(new Retries(k));
      assertEquals((1L << k) - 1, t.disagreements().size(), "every try fails, not every order is lost");
      assertEquals(0, t.onlyA(), "A never attacks unacknowledged");
    }
  }

  @Test
  void theMostInstructiveIsTheFewestLatestLosses() {
    for (int k = 1; k <= 8; k++) {
      assertEquals(LossPattern.all(k), Search.of(new Messengers(k)).disagreements().get(0));
      assertEquals(LossPattern.of(k, k), Search.of(new Acks(k)).disagreements().get(0), "all but the last arrive");
      int[] acks = new int[k];
      for (int i = 0; i < k; i++) {
        acks[i] = 2 * (i + 1);
      }
      assertEquals(LossPattern.of(2 * k, acks), Search.of(new Retries(k)).disagreements().get(0),
          "every order arrives, every acknowledgement is captured");
    }
    List<LossPattern> sorted = new java.util.ArrayList<>(List.of(LossPattern.parse("x.x."), LossPattern.parse(".x.x"),
        LossPattern.parse(".xx"), LossPattern.parse("...x"), LossPattern.parse("x...")));
    sorted.sort(Search.MOST_INSTRUCTIVE);
    assertEquals(List.of("...x", "x...", ".x.x", ".xx", "x.x."), sorted.stream().map(LossPattern::toString).toList());
  }

  @Test
  void theExactProbabilityByEnumerationIsTheClosedForm() {
    for (Family f : Family.values()) {
      for (int k = 1; k <= 7; k++) {
        for (double p : new double[] {0, 0.1, 0.3, 0.5, 0.7, 1}) {
          double closed = f.exactDisagreement(k, p);
          assertEquals(closed, Search.disagreementProbability(f.protocol(k), p), 1e-12, f.protocol(k) + " at " + p);
          if (p > 0 && p < 1) {
            assertTrue(closed > 0, "never zero: " + f.protocol(k) + " at " + p);
            if (f != Family.RETRIES) {
              assertTrue(f.exactDisagreement(k + 1, p) < closed, "shrinks with k: " + f.protocol(k) + " at " + p);
            } else {
              assertTrue(f.exactDisagreement(k + 200, p) < closed, "shrinks, eventually: " + f.protocol(k) + " at " + p);
            }
          }
        }
      }
    }
  }

  @Test
  void retriesDisagreeMoreWithMoreTriesWhenMostMessengersAreLost() {
    double threshold = (3 - Math.sqrt(5)) / 2; // retries(2) < retries(1) iff 3p - p^2 < 1
    assertTrue(Family.RETRIES.exactDisagreement(2, threshold - 0.01) < Family.RETRIES.exactDisagreement(1, threshold - 0.01));
    assertTrue(Family.RETRIES.exactDisagreement(2, threshold + 0.01) > Family.RETRIES.exactDisagreement(1, threshold + 0.01));
  }

  @Test
  void refusesMoreThanTwentyMessengers() {
    assertEquals(20, Search.of(new Messengers(20)).messengers());
    assertEquals(21, Search.of(new Acks(20)).runs());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Search.of(new Messengers(21)));
    assertEquals("messengers(21) can send 21 messengers: 2,097,152 loss patterns; the exhaustive search stops at"
        + " 20 messengers (1,048,576 patterns)", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Search.of(new Retries(11)));
    assertEquals(10, Family.RETRIES.largestSearchableK());
  }

  @Test
  void aProtocolThatNeverAttacksNeverDisagreesAndSaysWhy() {
    MessengerProtocol never = new MessengerProtocol() {
      @Override
      public String name() {
        return "never";
      }

      @Override
      public int rounds() {
        return 1;
      }

      @Override
      public int maxMessengers() {
        return 2;
      }

      @Override
      public List<Message> send(General me, int round, View view) {
        return List.of(new Message(me, "hello", 0));
      }

      @Override
      public boolean attacks(General me, View view) {
        return false;
      }
    };
    SearchResult r = Search.of(never);

    assertFalse(r.found());
    assertTrue(r.mostInstructive().isEmpty());
    assertEquals(4, r.neitherAttacks());
    assertEquals("never: none of 4 loss patterns ends in disagreement; when every messenger arrives, neither attacks",
        r.summary());
    assertEquals(r.summary() + "\n", Timeline.render(r));
  }

  @Test
  void aProtocolThatBreaksItsContractIsCaught() {
    MessengerProtocol liar = new MessengerProtocol() {
      @Override
      public String name() {
        return "liar";
      }

      @Override
      public int rounds() {
        return 2;
      }

      @Override
      public int maxMessengers() {
        return 1;
      }

      @Override
      public List<Message> send(General me, int round, View view) {
        return me == General.A ? List.of(new Message(General.A, "again", round)) : List.of();
      }

      @Override
      public boolean attacks(General me, View view) {
        return true;
      }
    };
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> Search.of(liar));
    assertEquals("liar sent more than the 1 messengers it declares", e.getMessage());
  }
}
