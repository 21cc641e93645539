package io.github.bgp.generals;

/**
 * The two generals: A, who resolves to attack and sends the first messenger, and B across the valley.
 *
 * @since 0.1.0
 */
public enum General {
  /** The general who resolves to attack and sends the first messenger. */
  A,
  /** The general across the valley. */
  B;

  /**
   * The general on the other side of the valley.
   *
   * @return the other general
   */
  public General other() {
    return this == A ? B : A;
  }
}
