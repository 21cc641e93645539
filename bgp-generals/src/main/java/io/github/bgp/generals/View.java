package io.github.bgp.generals;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * All one general knows: the messages it has received, in order, each with the round it arrived
 * in. It holds nothing about the messengers it sent (what it sent follows from what it received,
 * the protocol being deterministic) and nothing about captured ones: a general cannot tell a
 * captured messenger from one that was never sent.
 *
 * <p>A protocol reads the view it is given during one call; the valley goes on adding to it
 * afterwards, so a protocol that keeps something copies it out.
 *
 * @since 0.1.0
 */
public final class View {

  private final General owner;
  private final List<Message> messages = new ArrayList<>();
  private final List<Integer> rounds = new ArrayList<>();

  View(General owner) {
    this.owner = Objects.requireNonNull(owner, "owner");
  }

  /** A view holding {@code received}, each arrived in the round of the same index in {@code roundsArrived}. */
  static View of(General owner, List<Message> received, List<Integer> roundsArrived) {
    View v = new View(owner);
    for (int i = 0; i < received.size(); i++) {
      v.add(roundsArrived.get(i), received.get(i));
    }
    return v;
  }

  void add(int round, Message m) {
    if (m.to() != owner) {
      throw new IllegalArgumentException("a message to " + m.to() + " in the view of " + owner);
    }
    messages.add(m);
    rounds.add(round);
  }

  View copy() {
    return of(owner, messages, rounds);
  }

  /**
   * Whose view this is.
   *
   * @return the general
   */
  public General owner() {
    return owner;
  }

  /**
   * How many messages it has received.
   *
   * @return the number of messages
   */
  public int count() {
    return messages.size();
  }

  /**
   * Whether it has received nothing at all.
   *
   * @return whether no message arrived
   */
  public boolean isEmpty() {
    return messages.isEmpty();
  }

  /**
   * The messages it has received, in the order they arrived.
   *
   * @return the messages
   */
  public List<Message> received() {
    return Collections.unmodifiableList(messages);
  }

  /**
   * The {@code i}-th message received (from 0).
   *
   * @param i the index, from 0
   * @return the message
   */
  public Message message(int i) {
    return messages.get(i);
  }

  /**
   * The round the {@code i}-th message arrived in.
   *
   * @param i the index, from 0
   * @return its round, from 1
   */
  public int roundOf(int i) {
    return rounds.get(i);
  }

  /**
   * The last message received, if any.
   *
   * @return the last message, or empty
   */
  public Optional<Message> last() {
    return messages.isEmpty() ? Optional.empty() : Optional.of(messages.get(messages.size() - 1));
  }

  /**
   * The messages that arrived in {@code round}.
   *
   * @param round the round, from 1
   * @return the messages, in arrival order
   */
  public List<Message> receivedIn(int round) {
    List<Message> in = new ArrayList<>();
    for (int i = 0; i < messages.size(); i++) {
      if (rounds.get(i) == round) {
        in.add(messages.get(i));
      }
    }
    return in;
  }

  /**
   * Whether anything arrived in {@code round}.
   *
   * @param round the round, from 1
   * @return whether a message arrived then
   */
  public boolean hasReceivedIn(int round) {
    for (int i = rounds.size() - 1; i >= 0; i--) {
      int r = rounds.get(i);
      if (r == round) {
        return true;
      }
      if (r < round) {
        return false;
      }
    }
    return false;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof View v && v.owner == owner && v.messages.equals(messages) && v.rounds.equals(rounds);
  }

  @Override
  public int hashCode() {
    return Objects.hash(owner, messages, rounds);
  }

  @Override
  public String toString() {
    StringBuilder b = new StringBuilder(owner + " received [");
    for (int i = 0; i < messages.size(); i++) {
      b.append(i == 0 ? "" : ", ").append('"').append(messages.get(i).text()).append("\" in round ").append(rounds.get(i));
    }
    return b.append(']').toString();
  }
}
