package io.github.bgp.api;

/**
 * What a participant's {@link Resource} answers when asked to prepare a transaction.
 *
 * @since 0.1.0
 */
public enum Vote {
  /** Prepared: the resource can and will commit the transaction, even after a crash. */
  COMMIT,
  /** Refused: the transaction must abort everywhere. */
  ABORT,
  /**
   * Nothing to commit here (the transaction changed nothing at this resource, as XA's
   * {@code XA_RDONLY}): counts as a vote to commit, and the resource takes no part in phase two.
   */
  READ_ONLY;

  /**
   * Whether this vote lets the transaction commit.
   *
   * @return {@code true} for {@link #COMMIT} and {@link #READ_ONLY}, {@code false} for {@link #ABORT}
   */
  public boolean allowsCommit() {
    return this != ABORT;
  }
}
