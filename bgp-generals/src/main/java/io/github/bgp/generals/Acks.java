package io.github.bgp.generals;

import java.util.List;

/**
 * {@code acks(k)}: a handshake of k messages, one per round, alternating A to B, B to A, and so
 * on. Message 1 is A's "attack at dawn"; message i (for i of 2 to k) is "ack i-1", sent in round
 * i by the receiver of message i-1 back to its sender, and only if message i-1 arrived (in
 * round i-1). A general attacks iff it received every message of the chain addressed to it;
 * since each of its messages is sent on receipt of the one before, it has then also sent all of
 * its own.
 *
 * <p>If every message arrives both attack. If message j is the first to be captured, nothing is
 * sent after it; its receiver misses it, so does not attack. Its sender attacks iff it expected
 * nothing after message j, that is iff j = k: then the sender of the last message attacks and
 * its receiver does not. Any earlier loss leaves both waiting for a message that never comes,
 * so neither attacks. Disagreement has probability (1-p)^(k-1)·p; acks(1) is messengers(1).
 *
 * @param k how many messages the chain has (at least 1)
 * @since 0.1.0
 */
public record Acks(int k) implements FamilyProtocol {


  /**
   * Checks its components.
   *
   * @param k how many messages the chain has (at least 1)
   * @throws IllegalArgumentException if {@code k} is less than 1
   */
  public Acks {
    Family.checkK(k);
  }

  @Override
  public Family family() {
    return Family.ACKS;
  }

  @Override
  public String name() {
    return "acks(" + k + ")";
  }

  @Override
  public int rounds() {
    return k;
  }

  @Override
  public int maxMessengers() {
    return k;
  }

  /**
   * Who sends message {@code i} of the chain (from 1): A the odd ones, B the even ones.
   *
   * @param i the message's number, from 1
   * @return A for odd numbers, B for even ones
   */
  public static General sender(int i) {
    return i % 2 == 1 ? General.A : General.B;
  }

  /**
   * What message {@code i} of the chain says: {@code attack at dawn}, then {@code ack 1}, {@code ack 2}, ...
   *
   * @param i the message's number, from 1
   * @return its text
   */
  public static String text(int i) {
    return i == 1 ? Messengers.ORDER : "ack " + (i - 1);
  }

  /**
   * Message {@code i} of the chain.
   *
   * @param i the message's number, from 1
   * @return the message, from its sender to the other general
   */
  public static Message message(int i) {
    return new Message(sender(i), text(i), i);
  }

  @Override
  public List<Message> send(General me, int round, View view) {
    if (round > k || sender(round) != me) {
      return List.of();
    }
    if (round == 1 || view.hasReceivedIn(round - 1)) {
      return List.of(message(round));
    }
    return List.of();
  }

  /** How many messages of the chain are addressed to {@code g}: B the odd ones, A the even ones. */
  int addressedTo(General g) {
    return g == General.B ? (k + 1) / 2 : k / 2;
  }

  /** The index in the chain of the {@code n}-th message (from 1) addressed to {@code g}. */
  private static int nthTo(General g, int n) {
    return g == General.B ? 2 * n - 1 : 2 * n;
  }

  @Override
  public boolean attacks(General me, View view) {
    return view.count() == addressedTo(me);
  }

  @Override
  public String why(General me, View view) {
    int expected = addressedTo(me);
    boolean sends = me == General.A || k >= 2;
    if (view.count() < expected) {
      return "it never received " + quoted(nthTo(me, view.count() + 1));
    }
    if (expected == 0) {
      return "it sent " + quoted(1) + ", its only message, and expects no reply";
    }
    String received = "it received " + quoted(nthTo(me, expected))
        + (expected == 2 ? " (both messages addressed to it)" : expected > 2 ? " (all " + expected
            + " messages addressed to it)" : "");
    return sends ? received + " and sent its last message" : received;
  }

  private static String quoted(int i) {
    return "\"" + text(i) + "\"";
  }

  @Override
  public String toString() {
    return name();
  }
}
