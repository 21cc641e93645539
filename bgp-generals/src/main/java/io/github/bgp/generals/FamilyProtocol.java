package io.github.bgp.generals;

/**
 * A protocol of a {@link Family}: the family and its parameter k.
 *
 * @since 0.1.0
 */
public sealed interface FamilyProtocol extends MessengerProtocol permits Messengers, Acks, Retries {

  /**
   * The family it belongs to.
   *
   * @return the family
   */
  Family family();

  /**
   * Its parameter (at least 1).
   *
   * @return k
   */
  int k();

  /**
   * The probability that exactly one general attacks when each messenger is lost with probability {@code p}.
   *
   * @param p each messenger's loss rate, in [0, 1]
   * @return the probability of disagreement
   */
  default double exactDisagreement(double p) {
    return family().exactDisagreement(k(), p);
  }
}
