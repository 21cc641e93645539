package io.github.bgp.api;

/**
 * A vote on a transaction, or the decision about it.
 *
 * @since 0.1.0
 */
public enum Verdict {
  /** Vote to commit; the decision to commit. */
  COMMIT,
  /** Vote to abort; the decision to abort. */
  ABORT
}
