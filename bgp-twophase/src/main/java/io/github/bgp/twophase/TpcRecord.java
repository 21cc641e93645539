package io.github.bgp.twophase;

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

/**
 * What two-phase commit writes in a node's durable log. Big-endian: {@code u8 type, i64 txn},
 * then a payload for BEGIN and READY ({@code i32 length, bytes}), a verdict for DECIDED and
 * OUTCOME, a vote for VOTED. The coordinator logs BEGIN before it asks for votes, DECIDED before
 * it announces the decision, END once every participant acknowledged; a participant logs READY
 * before it votes COMMIT, VOTED before it votes ABORT or READ_ONLY (so its log says what it cast),
 * OUTCOME when it learns the outcome (or aborts on its own without having voted), and ENDED when
 * the coordinator says it has logged END.
 */
sealed interface TpcRecord {

  long txn();

  /** The coordinator started the transaction (it is in WAIT until it decides). */
  record Begin(Transaction transaction) implements TpcRecord {
    @Override
    public long txn() {
      return transaction.id();
    }
  }

  /** The coordinator's decision. */
  record Decided(long txn, Verdict decision) implements TpcRecord {}

  /** Every participant acknowledged the decision. */
  record End(long txn) implements TpcRecord {}

  /** The participant voted COMMIT (it is READY: it may no longer abort on its own). */
  record Ready(Transaction transaction) implements TpcRecord {
    @Override
    public long txn() {
      return transaction.id();
    }
  }

  /** The participant's outcome: the decision it learnt, or ABORT when it aborted on its own before voting. */
  record Outcome(long txn, Verdict outcome) implements TpcRecord {}

  /** The participant voted ABORT (and so aborted) or READ_ONLY (and takes no part in phase two). */
  record Voted(long txn, Vote vote) implements TpcRecord {
    public Voted {
      if (vote == Vote.COMMIT) {
        throw new IllegalArgumentException("a vote to commit is logged as READY, with its transaction");
      }
    }
  }

  /** The coordinator told the participant it logged END: nobody will ask about the transaction again. */
  record Ended(long txn) implements TpcRecord {}

  /** The seven records as 2PC's own types: all of 2PC's records. */
  CommitRecords.Shared<TpcRecord> SHARED = new CommitRecords.Shared<>(Begin::new, Decided::new, End::new, Ready::new,
      Outcome::new, Voted::new, Ended::new);

  static byte[] encode(TpcRecord r) {
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
    return CommitRecords.of(r instanceof Ended ? ENDED : END, r.txn());
  }

  /**
   * Reads a record.
   *
   * @throws IllegalArgumentException if the bytes are not a 2PC record, saying why
   */
  static TpcRecord decode(byte[] bytes) {
    CommitRecords.Reader in = CommitRecords.read("2PC", bytes);
    return in.end(in.shared(SHARED));
  }

  /** {@code READY}, {@code DECIDED COMMIT}, ...: for log inspection. */
  static String describe(TpcRecord r) {
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
    return "OUTCOME " + ((Outcome) r).outcome();
  }
}
