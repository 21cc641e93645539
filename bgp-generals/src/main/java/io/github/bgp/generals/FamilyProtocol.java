package io.github.bgp.generals;

/**
 * A protocol of a {@link Family}: the family and its parameter k.
 *
 * @since 0.1.0
 */
public sealed interface FamilyProtocol extends MessengerProtocol permits Messengers, Acks, Retries {

  /** The family it belongs to. */
  Family family();

  /** Its parameter (at least 1). */
  int k();

  /** The probability that exactly one general attacks when each messenger is lost with probability {@code p}. */
  default double exactDisagreement(double p) {
    return family().exactDisagreement(k(), p);
  }
}
