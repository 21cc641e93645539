package io.github.bgp.generals;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Plays a protocol: the valley between the generals, where messengers are captured.
 *
 * <p>Round by round, A then B is asked what it sends ({@link MessengerProtocol#send}) from its
 * own view; each messenger gets the next number and is captured or not as {@link Losses} says;
 * those that arrive join their receiver's view at the end of the round, so both generals of a
 * round decide what to send from what arrived before it. After the last round each decides
 * whether to attack. Nothing else reaches a general: it cannot tell a captured messenger from
 * one never sent.
 *
 * @since 0.1.0
 */
public final class Valley {

  private static final General[] GENERALS = General.values();

  private Valley() {}

  /**
   * Plays {@code protocol} under {@code losses} and records every crossing.
   *
   * @param protocol the protocol
   * @param losses which messengers are captured
   * @return the recorded run
   * @throws IllegalArgumentException if {@code losses} is a {@link LossPattern} too short for the run
   * @throws IllegalStateException if the protocol breaks its own contract (sends more than
   *     {@link MessengerProtocol#maxMessengers()}, or a message from the wrong general)
   */
  public static Run run(MessengerProtocol protocol, Losses losses) {
    View a = new View(General.A);
    View b = new View(General.B);
    List<Crossing> crossings = new ArrayList<>();
    play(protocol, losses, a, b, crossings);
    if (crossings.size() > LossPattern.MAX_LENGTH) {
      throw new IllegalArgumentException(protocol.name() + " sent " + crossings.size() + " messengers; a recorded run"
          + " holds at most " + LossPattern.MAX_LENGTH);
    }
    long lost = 0;
    for (Crossing c : crossings) {
      lost |= c.delivered() ? 0 : 1L << (c.messenger() - 1);
    }
    return new Run(protocol, new LossPattern(crossings.size(), lost), crossings, decision(protocol, a),
        decision(protocol, b));
  }

  /**
   * Who attacks when {@code protocol} is played under {@code losses}; nothing is recorded.
   *
   * @param protocol the protocol
   * @param losses which messengers are captured
   * @return the ending
   */
  public static Ending ending(MessengerProtocol protocol, Losses losses) {
    return played(protocol, losses).ending();
  }

  /** The ending and how many messengers set out. */
  record Played(Ending ending, int messengers) {}

  static Played played(MessengerProtocol protocol, Losses losses) {
    View a = new View(General.A);
    View b = new View(General.B);
    int n = play(protocol, losses, a, b, null);
    return new Played(Ending.of(protocol.attacks(General.A, a), protocol.attacks(General.B, b)), n);
  }

  private static Run.Decision decision(MessengerProtocol protocol, View v) {
    return new Run.Decision(v.owner(), protocol.attacks(v.owner(), v), protocol.why(v.owner(), v), v.copy());
  }

  /** Plays the rounds into the views {@code a} and {@code b}; returns how many messengers set out. */
  private static int play(MessengerProtocol protocol, Losses losses, View a, View b, List<Crossing> record) {
    Objects.requireNonNull(protocol, "protocol");
    Objects.requireNonNull(losses, "losses");
    int rounds = protocol.rounds();
    if (rounds < 1) {
      throw new IllegalStateException(protocol.name() + " lasts " + rounds + " rounds; a protocol lasts at least 1");
    }
    int max = protocol.maxMessengers();
    int n = 0;
    List<Message> toA = new ArrayList<>();
    List<Message> toB = new ArrayList<>();
    for (int round = 1; round <= rounds; round++) {
      for (General g : GENERALS) {
        List<Message> out = protocol.send(g, round, g == General.A ? a : b);
        Objects.requireNonNull(out, () -> protocol.name() + " returned null for what to send");
        for (Message m : out) {
          if (m.from() != g) {
            throw new IllegalStateException(protocol.name() + " had " + g + " send a message from " + m.from());
          }
          n++;
          if (n > max) {
            throw new IllegalStateException(protocol.name() + " sent more than the " + max + " messengers it declares");
          }
          boolean lost = losses.lost(n);
          if (record != null) {
            record.add(new Crossing(n, round, m, !lost));
          }
          if (!lost) {
            (g == General.A ? toB : toA).add(m);
          }
        }
      }
      for (Message m : toA) {
        a.add(round, m);
      }
      for (Message m : toB) {
        b.add(round, m);
      }
      toA.clear();
      toB.clear();
    }
    return n;
  }
}
