package io.github.bgp.api;

/** A vote on a transaction, or the decision about it. */
public enum Verdict {
  /** Vote to commit; the decision to commit. */
  COMMIT,
  /** Vote to abort; the decision to abort. */
  ABORT
}
