package io.github.bgp.generals;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The protocols do what their documentation says, and the impossibility argument holds step by step. */
class FamiliesTest {

  @Test
  void everyMessengerArrivingMeansBothAttack() {
    for (Family f : Family.values()) {
      for (int k = 1; k <= 10; k++) {
        FamilyProtocol p = f.protocol(k);
        Run run = Valley.run(p, LossPattern.none(p.maxMessengers()));
        assertEquals(Ending.BOTH_ATTACK, run.ending(), p.name());
        assertEquals(f == Family.RETRIES ? 2 : k, run.messengers(), p.name() + ": the messengers of a run without losses");
      }
    }
  }

  @Test
  void everyMessengerLostEndsAsDocumented() {
    for (int k = 1; k <= 10; k++) {
      Run m = Valley.run(new Messengers(k), LossPattern.all(k));
      assertEquals(Ending.ONLY_A_ATTACKS, m.ending(), "messengers: A has resolved to attack, B heard nothing");
      assertEquals(k, m.messengers());

      Run a = Valley.run(new Acks(k), LossPattern.all(k));
      assertEquals(k == 1 ? Ending.ONLY_A_ATTACKS : Ending.NEITHER_ATTACKS, a.ending(), "acks(" + k + ")");
      assertEquals(1, a.messengers(), "the chain stops at its first loss");

      Run r = Valley.run(new Retries(k), LossPattern.all(2 * k));
      assertEquals(Ending.NEITHER_ATTACKS, r.ending(), "retries: no order arrives, no ack comes back");
      assertEquals(k, r.messengers(), "k tries, no acknowledgement");
    }
  }

  @Test
  void acksLosingTheLastMessageSplitsItsSenderFromItsReceiver() {
    for (int k = 1; k <= 10; k++) {
      Run run = Valley.run(new Acks(k), LossPattern.of(k, k));
      General sender = Acks.sender(k);
      assertEquals(sender == General.A ? Ending.ONLY_A_ATTACKS : Ending.ONLY_B_ATTACKS, run.ending(), "acks(" + k + ")");
      for (int j = 1; j < k; j++) {
        assertEquals(Ending.NEITHER_ATTACKS, Valley.run(new Acks(k), LossPattern.of(k, j)).ending(),
            "acks(" + k + ") losing message " + j);
      }
    }
  }

  @Test
  void acksOfOneIsMessengersOfOne() {
    for (String pattern : List.of(".", "x")) {
      LossPattern l = LossPattern.parse(pattern);
      assertEquals(Valley.ending(new Messengers(1), l), Valley.ending(new Acks(1), l));
    }
  }

  @Test
  void theMessagesSayWhatTheTimelineShows() {
    assertEquals(List.of("attack at dawn", "ack 1", "ack 2", "ack 3"),
        Valley.run(new Acks(4), LossPattern.none(4)).crossings().stream().map(c -> c.message().text()).toList());
    assertEquals(List.of("attack at dawn (try 1)", "attack at dawn (try 2)", "ack (try 2)"),
        Valley.run(new Retries(3), LossPattern.parse("x..")).crossings().stream().map(c -> c.message().text()).toList());
    assertEquals(List.of(General.A, General.B, General.A),
        Valley.run(new Acks(3), LossPattern.none(3)).crossings().stream().map(c -> c.message().from()).toList());
  }

  /**
   * The impossibility, one loss at a time: from the run where every messenger arrives, lose
   * them from the last one back; each step leaves the view of the lost messenger's sender as it
   * was, so at most one general changes its mind per step.
   */
  @Test
  void losingTheLastMessengerNeverChangesWhatItsSenderKnows() {
    for (Family f : Family.values()) {
      for (int k = 1; k <= 6; k++) {
        FamilyProtocol p = f.protocol(k);
        int n = p.maxMessengers();
        List<Run> chain = new ArrayList<>();
        for (int delivered = n; delivered >= 0; delivered--) {
          int[] lost = new int[n - delivered];
          for (int i = 0; i < lost.length; i++) {
            lost[i] = delivered + 1 + i;
          }
          chain.add(Valley.run(p, LossPattern.of(n, lost)));
        }
        boolean disagreed = false;
        for (int i = 0; i + 1 < chain.size(); i++) {
          Run more = chain.get(i);
          Run fewer = chain.get(i + 1);
          int j = n - i; // the messenger delivered in `more`, lost in `fewer`
          if (j <= more.messengers()) {
            General sender = more.crossings().get(j - 1).message().from();
            assertEquals(more.decision(sender).view(), fewer.decision(sender).view(), p.name() + ", messenger " + j);
            assertEquals(more.decision(sender).attacks(), fewer.decision(sender).attacks());
          }
          disagreed |= more.ending().disagreement() || fewer.ending().disagreement();
        }
        assertEquals(Ending.BOTH_ATTACK, chain.get(0).ending());
        assertTrue(disagreed, p.name() + ": the chain passes through a disagreement");
      }
    }
  }

  @Test
  void namesParseBack() {
    for (Family f : Family.values()) {
      assertEquals(f, Family.parse(f.id().toUpperCase(java.util.Locale.ROOT)));
      for (int k = 1; k <= 3; k++) {
        assertEquals(f.protocol(k), Family.parseProtocol(f.protocol(k).name()));
        assertEquals(f.protocol(k).name(), f.protocol(k).toString());
      }
    }
    assertEquals("acks(4)", new Acks(4).name());
    assertEquals("unknown protocol family 'acked' (expected messengers, acks or retries)",
        assertThrows(IllegalArgumentException.class, () -> Family.parse("acked")).getMessage());
    assertThrows(IllegalArgumentException.class, () -> Family.parseProtocol("acks 4"));
    assertEquals("k must be at least 1, got 0", assertThrows(IllegalArgumentException.class, () -> new Acks(0)).getMessage());
    assertThrows(IllegalArgumentException.class, () -> Family.MESSENGERS.exactDisagreement(2, 1.5));
  }

  @Test
  void aGeneralCannotTellACapturedMessengerFromOneNeverSent() {
    // retries(1): the try captured, or the try arrives and its ack is captured; either way A has heard nothing.
    Run orderLost = Valley.run(new Retries(1), LossPattern.parse("x"));
    Run ackLost = Valley.run(new Retries(1), LossPattern.parse(".x"));
    assertEquals(orderLost.a().view(), ackLost.a().view());
    assertEquals(Ending.NEITHER_ATTACKS, orderLost.ending());
    assertEquals(Ending.ONLY_B_ATTACKS, ackLost.ending());
    assertTrue(orderLost.a().view().isEmpty());
    assertEquals("A received []", orderLost.a().view().toString());
  }
}
