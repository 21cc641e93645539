package io.github.bgp.twophase.internal;

import static io.github.bgp.twophase.CommitRecords.BEGIN;
import static io.github.bgp.twophase.CommitRecords.DECIDED;
import static io.github.bgp.twophase.CommitRecords.END;
import static io.github.bgp.twophase.CommitRecords.ENDED;
import static io.github.bgp.twophase.CommitRecords.OUTCOME;
import static io.github.bgp.twophase.CommitRecords.READY;
import static io.github.bgp.twophase.CommitRecords.VOTED;

import io.github.bgp.api.Transaction;
import io.github.bgp.api.Verdict;
import io.github.bgp.api.Vote;
import io.github.bgp.twophase.CommitRecords;
import java.util.Objects;

/**
 * A record of a commit protocol's log, and the seven that every commit protocol of bgp logs alike
 * (two-phase commit's, under the type codes {@link CommitRecords#BEGIN} to {@link CommitRecords#ENDED}),
 * declared once. A protocol's record type ({@code TpcRecord}, {@code TpRecord}, {@code PcRecord})
 * extends this interface, inherits the seven as its own member types ({@code TpRecord.Ready} is
 * {@link Ready}) and adds the records only it logs; its {@code encode} and {@code describe} handle
 * those and hand the seven to {@link #encode} and {@link #describe}. Not API: the package is not
 * exported.
 *
 * @since 0.1.0
 */
public interface CommitRecord {

  /**
   * The transaction the record is about.
   *
   * @return its id
   */
  long txn();

  /**
   * The coordinator began the transaction (WAIT until it decides).
   *
   * @param transaction the transaction, payload included
   * @since 0.1.0
   */
  record Begin(Transaction transaction) implements CommitRecord {
    /**
     * Checks the transaction is there.
     *
     * @param transaction the transaction
     */
    public Begin {
      Objects.requireNonNull(transaction, "transaction");
    }

    @Override
    public long txn() {
      return transaction.id();
    }
  }

  /**
   * Whoever coordinates decided.
   *
   * @param txn the transaction
   * @param decision the decision
   * @since 0.1.0
   */
  record Decided(long txn, Verdict decision) implements CommitRecord {}

  /**
   * Every participant acknowledged the decision.
   *
   * @param txn the transaction
   * @since 0.1.0
   */
  record End(long txn) implements CommitRecord {}

  /**
   * The participant voted COMMIT (READY: it may no longer abort on its own).
   *
   * @param transaction the transaction, payload included
   * @since 0.1.0
   */
  record Ready(Transaction transaction) implements CommitRecord {
    /**
     * Checks the transaction is there.
     *
     * @param transaction the transaction
     */
    public Ready {
      Objects.requireNonNull(transaction, "transaction");
    }

    @Override
    public long txn() {
      return transaction.id();
    }
  }

  /**
   * The participant's outcome: the decision it learnt, or ABORT when it aborted on its own before voting.
   *
   * @param txn the transaction
   * @param outcome the outcome
   * @since 0.1.0
   */
  record Outcome(long txn, Verdict outcome) implements CommitRecord {}

  /**
   * The participant voted ABORT (and so aborted) or READ_ONLY (and takes no part in phase two).
   *
   * @param txn the transaction
   * @param vote ABORT or READ_ONLY
   * @since 0.1.0
   */
  record Voted(long txn, Vote vote) implements CommitRecord {
    /**
     * Checks the vote is not COMMIT.
     *
     * @param txn the transaction
     * @param vote ABORT or READ_ONLY
     * @throws IllegalArgumentException if the vote is COMMIT, which is logged as READY
     */
    public Voted {
      Objects.requireNonNull(vote, "vote");
      if (vote == Vote.COMMIT) {
        throw new IllegalArgumentException("a vote to commit is logged as READY, with its transaction");
      }
    }
  }

  /**
   * The participant was told the transaction ended: nobody will ask about it again.
   *
   * @param txn the transaction
   * @since 0.1.0
   */
  record Ended(long txn) implements CommitRecord {}

  /** The seven as {@link CommitRecords.Reader#shared} makes them. */
  CommitRecords.Shared<CommitRecord> SHARED = new CommitRecords.Shared<>(Begin::new, Decided::new, End::new,
      Ready::new, Outcome::new, Voted::new, Ended::new);

  /**
   * Writes one of the seven records.
   *
   * @param r the record
   * @return its bytes
   * @throws IllegalArgumentException if it is a record a protocol adds
   */
  static byte[] encode(CommitRecord r) {
    if (r instanceof Begin b) {
      return CommitRecords.of(BEGIN, b.transaction());
    }
    if (r instanceof Ready rd) {
      return CommitRecords.of(READY, rd.transaction());
    }
    if (r instanceof Decided d) {
      return CommitRecords.of(DECIDED, d.txn(), d.decision());
    }
    if (r instanceof Outcome o) {
      return CommitRecords.of(OUTCOME, o.txn(), o.outcome());
    }
    if (r instanceof Voted v) {
      return CommitRecords.of(VOTED, v.txn(), v.vote());
    }
    if (r instanceof End) {
      return CommitRecords.of(END, r.txn());
    }
    if (r instanceof Ended) {
      return CommitRecords.of(ENDED, r.txn());
    }
    throw new IllegalArgumentException(r + " is not one of the seven records every commit protocol logs");
  }

  /**
   * Names one of the seven records, for log inspection: {@code READY}, {@code DECIDED COMMIT}, ...
   *
   * @param r the record
   * @return its name, and its verdict or vote if it carries one
   * @throws IllegalArgumentException if it is a record a protocol adds
   */
  static String describe(CommitRecord r) {
    if (r instanceof Begin) {
      return "BEGIN";
    }
    if (r instanceof Decided d) {
      return "DECIDED " + d.decision();
    }
    if (r instanceof End) {
      return "END";
    }
    if (r instanceof Ready) {
      return "READY";
    }
    if (r instanceof Voted v) {
      return "VOTED " + v.vote();
    }
    if (r instanceof Ended) {
      return "ENDED";
    }
    if (r instanceof Outcome o) {
      return "OUTCOME " + o.outcome();
    }
    throw new IllegalArgumentException(r + " is not one of the seven records every commit protocol logs");
  }
}
