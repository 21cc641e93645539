package io.github.bgp.api;

import java.util.Set;

/**
 * What a participant of an atomic commit protects: the application's store (a database through
 * XA, a ledger, a file). The protocol asks it to prepare a transaction (and so to vote), then
 * tells it to commit or to abort; after a restart it asks what the store holds in doubt.
 *
 * <p><b>Where it runs.</b> A runtime calls a resource off the node's event thread, so a store that
 * blocks (a lock wait) never stalls the protocol; calls about one transaction are made one at a
 * time, in order, and calls about different transactions may overlap, so an implementation must
 * be safe for concurrent use.
 *
 * <p><b>Errors.</b> A {@code prepare} that throws, or does not answer within the protocol's
 * prepare timeout, counts as a vote to ABORT. A {@code commit} or {@code abort} that throws is
 * retried, with backoff, until it succeeds (each failure is counted and reported): once the
 * outcome is decided, giving up is not an option. A {@link HeuristicException} is different: it
 * says the store decided on its own, which the runtime reports as such and does not retry.
 *
 * <p><b>Promises.</b> As in every two-phase commit, the resource must keep its own: once it votes
 * COMMIT it must be able to commit that transaction even after a crash (it remembers, durably,
 * what it prepared), and every method must be idempotent, because a participant recovering from
 * its log repeats the last instruction it logged. {@link Transaction#globalId()} names a
 * transaction across the cluster and across restarts; a store records it with what it prepared.
 *
 * @since 0.1.0
 */
public interface Resource {

  /**
   * Prepares {@code t} and votes: COMMIT if it can and will commit it, ABORT otherwise, READ_ONLY
   * if the transaction changed nothing here (the resource then hears no more of it).
   *
   * @param t the transaction, with its {@link Transaction#globalId()} for the store to record
   * @return the vote; a COMMIT is a promise that survives a crash
   * @throws Exception if it cannot say; the participant then votes ABORT
   */
  Vote prepare(Transaction t) throws Exception;

  /**
   * Makes {@code t}'s effects permanent. Idempotent; called again after a crash.
   *
   * @param t a transaction this resource voted COMMIT on
   * @throws HeuristicException if the store has already resolved {@code t} on its own
   * @throws Exception if it failed this time; the call is retried
   */
  void commit(Transaction t) throws Exception;

  /**
   * Undoes whatever {@code t} prepared. Idempotent; may be called for a transaction never
   * prepared here.
   *
   * @param t the transaction to undo
   * @throws HeuristicException if the store has already resolved {@code t} on its own
   * @throws Exception if it failed this time; the call is retried
   */
  void abort(Transaction t) throws Exception;

  /**
   * The ids of the transactions of {@code cluster}'s instance {@code instance} that this store
   * holds prepared and not yet committed or aborted (XA's {@code xa_recover}). A participant asks
   * once when it restarts and resolves each from its log: it commits or aborts those whose outcome
   * it logged, asks about those it voted COMMIT on, and aborts those it never voted on. The
   * default holds nothing in doubt: a store that forgets what it prepared cannot be recovered.
   *
   * @param cluster the name of the cluster, as in {@link Transaction#cluster()}
   * @param instance the commit instance, as in {@link Transaction#instance()}
   * @return the transaction ids in doubt; empty if none
   * @throws Exception if the store cannot say now; the participant asks again later
   */
  default Set<Long> inDoubt(String cluster, InstanceId instance) throws Exception {
    return Set.of();
  }
}
