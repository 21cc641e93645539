package io.github.bgp.generals;

import java.util.List;

/**
 * A deterministic protocol for two generals who can only talk by messenger.
 *
 * <p>Negotiations last {@link #rounds()} rounds. At the start of each round each general sends
 * the messengers {@link #send} returns for it (possibly none); each one is captured or arrives
 * before the round ends. After the last round each general decides whether to attack
 * ({@link #attacks}). Both decisions may depend only on the general's own {@link View} (what it
 * received, and in which round) and on the round number, which both generals know: that is
 * what deterministic means here, and why the {@link Search} can play every run there is.
 *
 * <p>{@link Family} holds the built-in protocols; any implementation can be searched,
 * simulated, timelined and sampled the same way.
 *
 * @since 0.1.0
 */
public interface MessengerProtocol {

  /**
   * The protocol's name with its parameter, as reports print it: {@code acks(4)}.
   *
   * @return the name
   */
  String name();

  /**
   * How many rounds negotiations last (at least 1).
   *
   * @return the rounds
   */
  int rounds();

  /**
   * The most messengers any run sends: the search enumerates 2^{@code maxMessengers()} loss
   * patterns. A run that sends more is a bug in the protocol, and the valley says so.
   *
   * @return the most messengers
   */
  int maxMessengers();

  /**
   * What {@code me} sends at the start of {@code round} (1 to {@link #rounds()}), having
   * received what {@code view} holds (all of it from earlier rounds). Every message must be
   * {@code from} {@code me}.
   *
   * @param me the general sending
   * @param round the round, from 1
   * @param view what {@code me} has received so far
   * @return the messengers it sends, possibly none
   */
  List<Message> send(General me, int round, View view);

  /**
   * Whether {@code me} attacks, having received what {@code view} holds when negotiations end.
   *
   * @param me the general deciding
   * @param view everything {@code me} received
   * @return whether it attacks
   */
  boolean attacks(General me, View view);

  /**
   * Why {@code me} attacks or does not, for the timeline: a clause that completes
   * {@code "A attacks: "} or {@code "B does not: "}, e.g. {@code it never received ack 2}.
   *
   * @param me the general deciding
   * @param view everything {@code me} received
   * @return the reason, a clause
   */
  default String why(General me, View view) {
    int n = view.count();
    return "it received " + (n == 0 ? "nothing" : n == 1 ? "1 message" : n + " messages");
  }
}
