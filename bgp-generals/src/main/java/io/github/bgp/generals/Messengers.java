package io.github.bgp.generals;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code messengers(k)}: A, resolved to attack, sends k messengers saying "attack at dawn" in
 * the one round there is, and attacks; B attacks iff at least one of them arrives.
 *
 * <p>A cannot know whether any arrived, so it attacks alone exactly when all k are captured:
 * one loss pattern in 2^k, probability p^k when each is lost with probability p.
 *
 * @param k how many messengers A sends (at least 1)
 * @since 0.1.0
 */
public record Messengers(int k) implements FamilyProtocol {

  /** What every messenger says. */
  public static final String ORDER = "attack at dawn";

  /**
   * Checks its components.
   *
   * @param k how many messengers A sends (at least 1)
   * @throws IllegalArgumentException if {@code k} is less than 1
   */
  public Messengers {
    Family.checkK(k);
  }

  @Override
  public Family family() {
    return Family.MESSENGERS;
  }

  @Override
  public String name() {
    return "messengers(" + k + ")";
  }

  @Override
  public int rounds() {
    return 1;
  }

  @Override
  public int maxMessengers() {
    return k;
  }

  @Override
  public List<Message> send(General me, int round, View view) {
    if (me != General.A || round != 1) {
      return List.of();
    }
    List<Message> all = new ArrayList<>(k);
    for (int i = 1; i <= k; i++) {
      all.add(new Message(General.A, ORDER, i));
    }
    return all;
  }

  @Override
  public boolean attacks(General me, View view) {
    return me == General.A || !view.isEmpty();
  }

  @Override
  public String why(General me, View view) {
    if (me == General.A) {
      return "it resolved to attack and sent " + (k == 1 ? "its messenger; it cannot know whether it arrived"
          : "its " + k + " messengers; it cannot know whether any arrived");
    }
    if (view.isEmpty()) {
      return k == 1 ? "A's only messenger never arrived" : "none of A's " + k + " messengers arrived";
    }
    return "the order arrived (" + (k == 1 ? "A's only messenger" : view.count() + " of A's " + k + " messengers")
        + " got through)";
  }

  @Override
  public String toString() {
    return name();
  }
}
