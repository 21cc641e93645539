package io.github.bgp.generals;

import java.util.Optional;

/**
 * How a run ends: who attacks. Exactly one general attacking is a disagreement, and a defeat.
 *
 * @since 0.1.0
 */
public enum Ending {
  /** Both generals attack: the city falls. */
  BOTH_ATTACK,
  /** Neither attacks: nothing happens (no harm, no victory). */
  NEITHER_ATTACKS,
  /** A attacks alone and is defeated. */
  ONLY_A_ATTACKS,
  /** B attacks alone and is defeated. */
  ONLY_B_ATTACKS;

  /**
   * The ending in which A attacks iff {@code a} and B iff {@code b}.
   *
   * @param a whether A attacks
   * @param b whether B attacks
   * @return the ending
   */
  public static Ending of(boolean a, boolean b) {
    if (a && b) {
      return BOTH_ATTACK;
    }
    if (a) {
      return ONLY_A_ATTACKS;
    }
    return b ? ONLY_B_ATTACKS : NEITHER_ATTACKS;
  }

  /**
   * Whether exactly one general attacks.
   *
   * @return whether the generals disagree
   */
  public boolean disagreement() {
    return this == ONLY_A_ATTACKS || this == ONLY_B_ATTACKS;
  }

  /**
   * Whether {@code g} attacks in this ending.
   *
   * @param g a general
   * @return whether it attacks
   */
  public boolean attacks(General g) {
    return this == BOTH_ATTACK || this == (g == General.A ? ONLY_A_ATTACKS : ONLY_B_ATTACKS);
  }

  /**
   * In words: {@code both attack}, {@code neither attacks}, {@code A attacks alone}, {@code B attacks alone}.
   *
   * @return the ending in words
   */
  public String describe() {
    switch (this) {
      case BOTH_ATTACK:
        return "both attack";
      case NEITHER_ATTACKS:
        return "neither attacks";
      case ONLY_A_ATTACKS:
        return "A attacks alone";
      default:
        return "B attacks alone";
    }
  }

  /**
   * The general who attacks alone, in a disagreement.
   *
   * @return the general attacking alone, or empty if they agree
   */
  public Optional<General> alone() {
    if (this == ONLY_A_ATTACKS) {
      return Optional.of(General.A);
    }
    return this == ONLY_B_ATTACKS ? Optional.of(General.B) : Optional.empty();
  }
}
