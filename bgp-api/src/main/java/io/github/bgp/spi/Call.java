package io.github.bgp.spi;

import io.github.bgp.api.Resource;
import io.github.bgp.api.Transaction;
import java.util.Objects;
import java.util.Optional;

/**
 * A request a node makes of its application's {@link Resource}, through
 * {@link Node.Context#call}: the runtime carries it out off the node's thread and answers with an
 * {@link Input.Answer}. A call is a value: two calls are the same call when they ask the same of
 * the same transaction.
 *
 * @param kind what is asked
 * @param transaction the transaction it is about; empty for {@link Kind#IN_DOUBT}
 * @param attempt how many times this call was made before (0 the first time), for backoff and reports
 * @since 0.1.0
 */
public record Call(Kind kind, Optional<Transaction> transaction, int attempt) {

  /**
   * What a call asks.
   *
   * @since 0.1.0
   */
  public enum Kind {
    /** {@link Resource#prepare}: prepare the transaction and vote. */
    PREPARE,
    /** {@link Resource#commit}. */
    COMMIT,
    /** {@link Resource#abort}. */
    ABORT,
    /** {@link Resource#inDoubt}: what the store holds prepared and unresolved. */
    IN_DOUBT
  }

  /**
   * Checks that the call is about a transaction exactly when it should be; prefer the factories.
   *
   * @param kind what is asked
   * @param transaction the transaction it is about; empty for {@link Kind#IN_DOUBT}
   * @param attempt how many times this call was made before, at least 0
   * @throws IllegalArgumentException if an in-doubt query names a transaction or another call
   *     names none, or {@code attempt} is negative
   * @throws NullPointerException if {@code kind} or {@code transaction} is null
   */
  public Call {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(transaction, "transaction");
    if (transaction.isEmpty() != (kind == Kind.IN_DOUBT)) {
      throw new IllegalArgumentException(kind + " is " + (kind == Kind.IN_DOUBT ? "about no" : "about one")
          + " transaction");
    }
    if (attempt < 0) {
      throw new IllegalArgumentException("an attempt number is non-negative, got " + attempt);
    }
  }

  /**
   * The first attempt to prepare {@code t} (its answer carries the vote).
   *
   * @param t the transaction
   * @return the call
   */
  public static Call prepare(Transaction t) {
    return new Call(Kind.PREPARE, Optional.of(t), 0);
  }

  /**
   * The first attempt to commit {@code t}.
   *
   * @param t the transaction
   * @return the call
   */
  public static Call commit(Transaction t) {
    return new Call(Kind.COMMIT, Optional.of(t), 0);
  }

  /**
   * The first attempt to abort {@code t}.
   *
   * @param t the transaction
   * @return the call
   */
  public static Call abort(Transaction t) {
    return new Call(Kind.ABORT, Optional.of(t), 0);
  }

  /**
   * The first attempt to ask the store what it holds in doubt, as a participant does on restart.
   *
   * @return the call
   */
  public static Call inDoubt() {
    return new Call(Kind.IN_DOUBT, Optional.empty(), 0);
  }

  /**
   * The same call, made once more.
   *
   * @return a call equal but for an attempt number one higher
   */
  public Call again() {
    return new Call(kind, transaction, attempt + 1);
  }

  /**
   * The id of the transaction this call is about.
   *
   * @return the id, or -1 for an in-doubt query
   */
  public long txn() {
    return transaction.map(Transaction::id).orElse(-1L);
  }

  @Override
  public String toString() {
    return kind + transaction.map(t -> " txn " + t.id()).orElse("") + (attempt > 0 ? " (attempt " + (attempt + 1) + ")" : "");
  }
}
