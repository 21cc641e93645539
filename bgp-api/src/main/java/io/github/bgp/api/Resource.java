package io.github.bgp.api;

/**
 * What a participant of an atomic commit protects: the application's store. The protocol asks
 * it to prepare a transaction (and so to vote), then tells it to commit or to abort.
 *
 * <p>As in every two-phase commit, the resource must keep its own promises: once it votes
 * COMMIT it must be able to commit that transaction even after a crash (it remembers what it
 * prepared, durably), and every method must be idempotent, because a participant recovering
 * from its log repeats the last instruction it logged.
 */
public interface Resource {

  /** Prepares {@code t} and votes: COMMIT if it can and will commit it, ABORT otherwise. */
  Verdict prepare(Transaction t);

  /** Makes {@code t}'s effects permanent. */
  void commit(Transaction t);

  /** Undoes whatever {@code t} prepared. */
  void abort(Transaction t);
}
