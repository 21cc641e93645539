package io.github.bgp.generals;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Runs written out for people. */
class TimelineTest {

  @Test
  void acksOfThree() {
    assertEquals(""
        + "acks(3): 1 of 8 loss patterns ends in disagreement (both attack: 1, neither: 6); the most instructive:\n"
        + "  1  A -> B  \"attack at dawn\"  delivered\n"
        + "  2  B -> A  \"ack 1\"           delivered\n"
        + "  3  A -> B  \"ack 2\"           LOST\n"
        + "  A attacks: it received \"ack 1\" and sent its last message\n"
        + "  B does not: it never received \"ack 2\"\n",
        Timeline.render(Search.of(new Acks(3))));
  }

  @Test
  void messengersOfTwo() {
    assertEquals(""
        + "messengers(2): 1 of 4 loss patterns ends in disagreement (both attack: 3, neither: 0); the most"
        + " instructive:\n"
        + "  1  A -> B  \"attack at dawn\"  LOST\n"
        + "  2  A -> B  \"attack at dawn\"  LOST\n"
        + "  A attacks: it resolved to attack and sent its 2 messengers; it cannot know whether any arrived\n"
        + "  B does not: none of A's 2 messengers arrived\n",
        Timeline.render(Search.of(new Messengers(2))));
  }

  @Test
  void retriesOfTwo() {
    assertEquals(""
        + "retries(2): 5 of 16 loss patterns end in disagreement (both attack: 7, neither: 4); the most"
        + " instructive:\n"
        + "  1  A -> B  \"attack at dawn (try 1)\"  delivered\n"
        + "  2  B -> A  \"ack (try 1)\"             LOST\n"
        + "  3  A -> B  \"attack at dawn (try 2)\"  delivered\n"
        + "  4  B -> A  \"ack (try 2)\"             LOST\n"
        + "  A does not: no acknowledgement came back from its 2 tries\n"
        + "  B attacks: the order arrived (try 1); it cannot know whether any of its acknowledgements did\n",
        Timeline.render(Search.of(new Retries(2))));
  }

  @Test
  void anyRunCanBeWrittenOut() {
    assertEquals(""
        + "   1  A -> B  \"attack at dawn\"  delivered\n"
        + "   2  B -> A  \"ack 1\"           delivered\n"
        + "   3  A -> B  \"ack 2\"           delivered\n"
        + "   4  B -> A  \"ack 3\"           delivered\n"
        + "   5  A -> B  \"ack 4\"           delivered\n"
        + "   6  B -> A  \"ack 5\"           delivered\n"
        + "   7  A -> B  \"ack 6\"           delivered\n"
        + "   8  B -> A  \"ack 7\"           delivered\n"
        + "   9  A -> B  \"ack 8\"           delivered\n"
        + "  10  B -> A  \"ack 9\"           delivered\n"
        + "  A attacks: it received \"ack 9\" (all 5 messages addressed to it) and sent its last message\n"
        + "  B attacks: it received \"ack 8\" (all 5 messages addressed to it) and sent its last message\n",
        Timeline.render(Valley.run(new Acks(10), LossPattern.none(10))));
    assertEquals(""
        + "  1  A -> B  \"attack at dawn\"  delivered\n"
        + "  A attacks: it sent \"attack at dawn\", its only message, and expects no reply\n"
        + "  B attacks: it received \"attack at dawn\"\n",
        Timeline.render(Valley.run(new Acks(1), LossPattern.none(1))));
  }
}
