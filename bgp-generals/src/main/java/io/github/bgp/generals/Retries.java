package io.github.bgp.generals;

import java.util.List;

/**
 * {@code retries(k)}: A attacks only once acknowledged, and retries until it is. In round 2i-1
 * (i = 1..k) A sends "attack at dawn (try i)" unless an acknowledgement has already come back;
 * in round 2i, B answers every try that arrived in round 2i-1 with "ack (try i)". A attacks iff
 * an acknowledgement came back; B attacks iff a try arrived. At most 2k messengers.
 *
 * <p>Acknowledgements move the risk from A to B: A never attacks alone, but B does when an order
 * arrives and every acknowledgement of it is captured (then A, unanswered, keeps quiet).
 * Disagreement has probability (2p-p^2)^k - p^k: every try fails (its order or its ack lost),
 * but not every order is lost. Unlike the other families' it does not shrink with every k: when
 * more than (3-sqrt 5)/2, about 38%, of messengers are lost, a few more tries give an order more
 * chances to arrive unacknowledged, and the probability grows before it shrinks (towards 0 as
 * k grows, since 2p-p^2 &lt; 1), while the probability that both attack grows throughout.
 *
 * @param k how many tries A makes at most (at least 1)
 * @since 0.1.0
 */
public record Retries(int k) implements FamilyProtocol {


  /**
   * Checks its components.
   *
   * @param k how many tries A makes at most (at least 1)
   * @throws IllegalArgumentException if {@code k} is less than 1
   */
  public Retries {
    Family.checkK(k);
  }

  @Override
  public Family family() {
    return Family.RETRIES;
  }

  @Override
  public String name() {
    return "retries(" + k + ")";
  }

  @Override
  public int rounds() {
    return 2 * k;
  }

  @Override
  public int maxMessengers() {
    return 2 * k;
  }

  /**
   * A's try {@code i}.
   *
   * @param i the try, from 1
   * @return the message from A to B
   */
  public static Message order(int i) {
    return new Message(General.A, Messengers.ORDER + " (try " + i + ")", i);
  }

  /**
   * B's acknowledgement of try {@code i}.
   *
   * @param i the try, from 1
   * @return the message from B to A
   */
  public static Message ack(int i) {
    return new Message(General.B, "ack (try " + i + ")", i);
  }

  @Override
  public List<Message> send(General me, int round, View view) {
    if (round > 2 * k) {
      return List.of();
    }
    if (me == General.A && round % 2 == 1) {
      // A's view holds acknowledgements only: any at all, and it stops.
      return view.isEmpty() ? List.of(order((round + 1) / 2)) : List.of();
    }
    if (me == General.B && round % 2 == 0) {
      List<Message> tries = view.receivedIn(round - 1);
      return tries.isEmpty() ? List.of() : List.of(ack(tries.get(0).number()));
    }
    return List.of();
  }

  @Override
  public boolean attacks(General me, View view) {
    return !view.isEmpty();
  }

  @Override
  public String why(General me, View view) {
    if (me == General.A) {
      if (view.isEmpty()) {
        return "no acknowledgement came back " + (k == 1 ? "from its only try" : "from its " + k + " tries");
      }
      return "\"" + view.message(0).text() + "\" came back: it knows B has the order";
    }
    if (view.isEmpty()) {
      return k == 1 ? "A's only try never arrived" : "none of A's tries arrived";
    }
    return "the order arrived (try " + view.message(0).number() + "); it cannot know whether "
        + (view.count() == 1 ? "its acknowledgement" : "any of its acknowledgements") + " did";
  }

  @Override
  public String toString() {
    return name();
  }
}
