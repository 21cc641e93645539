package io.github.bgp.generals;

import java.util.List;
import java.util.Objects;

/**
 * One run of a protocol: every messenger that set out, in order, and what each general did.
 *
 * @param protocol the protocol
 * @param pattern the losses of exactly the messengers that set out (as long as {@code crossings})
 * @param crossings the messengers, in the order they set out
 * @param a what A decided
 * @param b what B decided
 * @since 0.1.0
 */
public record Run(MessengerProtocol protocol, LossPattern pattern, List<Crossing> crossings, Decision a, Decision b) {

  /**
   * What one general decided, and why.
   *
   * @param general who
   * @param attacks whether it attacks
   * @param why the protocol's reason ({@link MessengerProtocol#why})
   * @param view everything it received
   * @since 0.1.0
   */
  public record Decision(General general, boolean attacks, String why, View view) {

    /**
     * Checks its components.
     *
     * @param general who
     * @param attacks whether it attacks
     * @param why the protocol's reason ({@link MessengerProtocol#why})
     * @param view everything it received
     */
    public Decision {
      Objects.requireNonNull(general, "general");
      Objects.requireNonNull(why, "why");
      Objects.requireNonNull(view, "view");
    }
  }

  /**
   * Checks its components and copies its collections.
   *
   * @param protocol the protocol
   * @param pattern the losses of exactly the messengers that set out (as long as {@code crossings})
   * @param crossings the messengers, in the order they set out
   * @param a what A decided
   * @param b what B decided
   * @throws IllegalArgumentException if the pattern's length is not the number of crossings
   * @throws NullPointerException if a part is null
   */
  public Run {
    Objects.requireNonNull(protocol, "protocol");
    Objects.requireNonNull(pattern, "pattern");
    crossings = List.copyOf(crossings);
    Objects.requireNonNull(a, "a");
    Objects.requireNonNull(b, "b");
    if (pattern.length() != crossings.size()) {
      throw new IllegalArgumentException("a pattern of " + pattern.length() + " for " + crossings.size() + " crossings");
    }
  }

  /**
   * Who attacks.
   *
   * @return the ending
   */
  public Ending ending() {
    return Ending.of(a.attacks(), b.attacks());
  }

  /**
   * What {@code g} decided.
   *
   * @param g a general
   * @return its decision
   */
  public Decision decision(General g) {
    return g == General.A ? a : b;
  }

  /**
   * How many messengers set out.
   *
   * @return the number of messengers
   */
  public int messengers() {
    return crossings.size();
  }
}
