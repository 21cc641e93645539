package io.github.bgp.api;

import java.util.Locale;
import java.util.Set;

/**
 * The service a protocol module provides through {@link java.util.ServiceLoader}: an algorithm
 * with a name, found by {@link Protocols#byName}, of a {@link Family family} ({@link
 * AgreementProtocol} for Byzantine agreement, {@link CommitProtocol} for atomic commit), saying
 * what it needs of a runtime ({@link #capabilities()}). A module registers its provider in
 * {@code META-INF/services/io.github.bgp.api.Protocol} (and, on the module path, with
 * {@code provides io.github.bgp.api.Protocol with ...}).
 *
 * <p>Providers are stateless and must have a public no-argument constructor.
 *
 * @since 0.1.0
 */
public interface Protocol {

  /**
   * The families of protocol.
   *
   * @since 0.1.0
   */
  enum Family {
    /** A commander's value agreed on by every loyal lieutenant (IC1, IC2): {@link AgreementProtocol}. */
    AGREEMENT,
    /** Transactions committed everywhere or nowhere: {@link CommitProtocol}. */
    COMMIT;

    /**
     * The family's name in lower case, as {@code bgp protocols} prints it.
     *
     * @return {@code agreement} or {@code commit}
     */
    public String word() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /**
   * What a protocol needs of a runtime, or offers beyond its family's contract.
   *
   * @since 0.1.0
   */
  enum Capability {
    /** It signs: every node needs its key pair and every other node's public key. */
    SIGNATURES,
    /** It persists: every node needs a durable log. */
    DURABLE_LOG,
    /** It can compute a scenario's outcome without running it ({@link AgreementProtocol#evaluator()}). */
    EVALUATOR;

    /**
     * The capability's name in lower case with dashes, as {@code bgp protocols} prints it.
     *
     * @return {@code signatures}, {@code durable-log} or {@code evaluator}
     */
    public String word() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
  }

  /**
   * The name users select the protocol by, with {@link Protocols#byName}.
   *
   * @return a short, lower case name, unique among the protocols on the path ({@code om}, {@code sm})
   */
  String name();

  /**
   * What the protocol is and what it guarantees, for {@code bgp protocols}.
   *
   * @return one line, without a line break
   */
  String summary();

  /**
   * The protocol's family, which says which interface it implements.
   *
   * @return {@link Family#AGREEMENT} for an {@link AgreementProtocol}, {@link Family#COMMIT} for a
   *     {@link CommitProtocol}
   */
  Family family();

  /**
   * What it needs of a runtime and offers beyond its family.
   *
   * @return the capabilities; empty by default
   */
  default Set<Capability> capabilities() {
    return Set.of();
  }
}
