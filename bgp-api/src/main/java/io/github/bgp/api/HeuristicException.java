package io.github.bgp.api;

import java.util.Objects;

/**
 * A store resolved a transaction on its own, against or regardless of the protocol's decision
 * (XA's heuristic outcomes). It is reported, never hidden: the participant counts it, logs it,
 * and does not retry the call.
 *
 * @since 0.1.0
 */
public final class HeuristicException extends Exception {

  private static final long serialVersionUID = 1L;

  /**
   * What the store did.
   *
   * @since 0.1.0
   */
  public enum Kind {
    /** It committed the transaction. */
    COMMITTED,
    /** It rolled the transaction back. */
    ROLLED_BACK,
    /** It committed part of the transaction and rolled back the rest. */
    MIXED,
    /** It may have done any of these; it cannot say. */
    HAZARD
  }

  /** What the store did; part of the serialized form. */
  private final Kind kind;

  /**
   * The store resolved the transaction on its own as {@code kind}; {@code message} says more.
   *
   * @param kind what the store did; the exception's message starts with it
   * @param message what the store said, for the log
   * @param cause the store's own exception, or null if there is none
   * @throws NullPointerException if {@code kind} is null
   */
  public HeuristicException(Kind kind, String message, Throwable cause) {
    super(Objects.requireNonNull(kind, "kind") + ": " + message, cause);
    this.kind = kind;
  }

  /**
   * What the store did.
   *
   * @return the heuristic outcome, never null
   */
  public Kind kind() {
    return kind;
  }
}
