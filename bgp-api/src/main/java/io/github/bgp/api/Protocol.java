package io.github.bgp.api;

/**
 * The service a protocol module provides through {@link java.util.ServiceLoader}: an algorithm
 * with a name, found by {@link Protocols#byName}. A module registers its provider in
 * {@code META-INF/services/io.github.bgp.api.Protocol}.
 *
 * <p>Providers are stateless and must have a public no-argument constructor. Each protocol
 * family has its own sub-interface ({@link AgreementProtocol} for Byzantine agreement).
 */
public interface Protocol {

  /** The name users select the protocol by: short, lower case, unique ({@code om}, {@code sm}). */
  String name();

  /** One line saying what the protocol is and what it guarantees. */
  String summary();
}
