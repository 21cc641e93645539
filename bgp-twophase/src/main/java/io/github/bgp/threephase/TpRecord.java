package io.github.bgp.threephase;

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
 * What three-phase commit writes in a node's durable log: 2PC's records (types 1 to 7, the same
 * meaning) and two of its own. The coordinator logs BEGIN, PRECOMMIT before it sends any
 * PRE-COMMIT, DECIDED, END; a participant logs READY (voted COMMIT), VOTED ABORT|READ_ONLY,
 * PRECOMMITTED (before it acknowledges a PRE-COMMIT), OUTCOME, ENDED; a participant that decides
 * as the backup coordinator of the termination protocol logs DECIDED too, before it announces it.
 * Big-endian: {@code u8 type, i64 txn}, then a payload ({@code i32 length, bytes}) for BEGIN and
 * READY, a verdict for DECIDED and OUTCOME, a vote for VOTED.
 */
sealed interface TpRecord {

  long txn();

  /** The coordinator started the transaction (WAIT). */
  record Begin(Transaction transaction) implements TpRecord {
    @Override
    public long txn() {
      return transaction.id();
    }
  }

  /** Whoever coordinates (the coordinator, or a backup) decided. */
  record Decided(long txn, Verdict decision) implements TpRecord {}

  /** Every participant acknowledged the coordinator's decision. */
  record End(long txn) implements TpRecord {}

  /** The participant voted COMMIT (uncertain: it may not abort on its own). */
  record Ready(Transaction transaction) implements TpRecord {
    @Override
    public long txn() {
      return transaction.id();
    }
  }

  /** The participant's outcome. */
  record Outcome(long txn, Verdict outcome) implements TpRecord {}

  /** The participant voted ABORT or READ_ONLY. */
  record Voted(long txn, Vote vote) implements TpRecord {
    public Voted {
      Objects.requireNonNull(vote, "vote");
      if (vote == Vote.COMMIT) {
        throw new IllegalArgumentException("a vote to commit is logged as READY, with its transaction");
      }
    }
  }

  /** The coordinator told the participant it logged END. */
  record Ended(long txn) implements TpRecord {}

  /** The coordinator is about to send PRE-COMMIT: every vote was to commit. */
  record PreCommit(long txn) implements TpRecord {}

  /** The participant took a PRE-COMMIT: every vote was to commit, and it will commit unless told otherwise. */
  record PreCommitted(long txn) implements TpRecord {}

  byte PRECOMMIT = 8;
  byte PRECOMMITTED = 9;

  /** 2PC's seven records as 3PC's own types. */
  CommitRecords.Shared<TpRecord> SHARED = new CommitRecords.Shared<>(Begin::new, Decided::new, End::new, Ready::new,
      Outcome::new, Voted::new, Ended::new);

  static byte[] encode(TpRecord r) {
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
    byte type = r instanceof End ? END : r instanceof Ended ? ENDED : r instanceof PreCommit ? PRECOMMIT
        : PRECOMMITTED;
    return CommitRecords.of(type, r.txn());
  }

  /**
   * Reads a record.
   *
   * @throws IllegalArgumentException if the bytes are not a 3PC record, saying why
   */
  static TpRecord decode(byte[] bytes) {
    CommitRecords.Reader in = CommitRecords.read("3PC", bytes);
    return in.end(switch (in.type()) {
      case PRECOMMIT -> new PreCommit(in.txn());
      case PRECOMMITTED -> new PreCommitted(in.txn());
      default -> in.shared(SHARED);
    });
  }

  /** {@code READY}, {@code DECIDED COMMIT}, ...: for log inspection. */
  static String describe(TpRecord r) {
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
    if (r instanceof PreCommit) {
      return "PRECOMMIT";
    }
    if (r instanceof PreCommitted) {
      return "PRECOMMITTED";
    }
    return "OUTCOME " + ((Outcome) r).outcome();
  }
}
