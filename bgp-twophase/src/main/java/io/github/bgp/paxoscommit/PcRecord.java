package io.github.bgp.paxoscommit;

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
 * What Paxos Commit writes in a node's durable log: 2PC's records (types 1 to 7, the same meaning),
 * and the acceptors' two. The coordinator logs BEGIN before it asks for votes; whichever leader
 * decides logs DECIDED before it announces it, and END once every participant acknowledged; an
 * acceptor logs PROMISED before it answers a phase 1a, ACCEPTED before its phase 2b; a participant
 * logs READY (voted COMMIT), VOTED ABORT|READ_ONLY, OUTCOME and ENDED as in 2PC. Big-endian:
 * {@code u8 type, i64 txn}, then a payload ({@code i32 length, bytes}) for BEGIN and READY, a
 * verdict for DECIDED and OUTCOME, a vote for VOTED, {@code i64 ballot} for PROMISED,
 * {@code u16 participant, i64 ballot, u8 value} for ACCEPTED.
 */
sealed interface PcRecord {

  long txn();

  /** The coordinator started the transaction. */
  record Begin(Transaction transaction) implements PcRecord {
    @Override
    public long txn() {
      return transaction.id();
    }
  }

  /** A leader learnt every instance's value (or one ABORTED) and decided. */
  record Decided(long txn, Verdict decision) implements PcRecord {}

  /** Every participant acknowledged the decision. */
  record End(long txn) implements PcRecord {}

  /** The participant voted COMMIT. */
  record Ready(Transaction transaction) implements PcRecord {
    @Override
    public long txn() {
      return transaction.id();
    }
  }

  /** The participant's outcome. */
  record Outcome(long txn, Verdict outcome) implements PcRecord {}

  /** The participant voted ABORT or READ_ONLY. */
  record Voted(long txn, Vote vote) implements PcRecord {
    public Voted {
      Objects.requireNonNull(vote, "vote");
      if (vote == Vote.COMMIT) {
        throw new IllegalArgumentException("a vote to commit is logged as READY, with its transaction");
      }
    }
  }

  /** The node was told the transaction ended. */
  record Ended(long txn) implements PcRecord {}

  /** The acceptor promised to accept nothing below {@code ballot} for the transaction's instances. */
  record Promised(long txn, long ballot) implements PcRecord {}

  /** The acceptor accepted {@code value} for {@code participant}'s instance at {@code ballot}. */
  record Accepted(long txn, int participant, long ballot, PcMessage.Value value) implements PcRecord {}

  byte PROMISED = 10;
  byte ACCEPTED = 11;

  /** 2PC's seven records as Paxos Commit's own types. */
  CommitRecords.Shared<PcRecord> SHARED = new CommitRecords.Shared<>(Begin::new, Decided::new, End::new, Ready::new,
      Outcome::new, Voted::new, Ended::new);

  static byte[] encode(PcRecord r) {
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
    if (r instanceof Promised p) {
      return CommitRecords.header(PROMISED, p.txn(), 8).putLong(p.ballot()).array();
    }
    if (r instanceof Accepted a) {
      return CommitRecords.header(ACCEPTED, a.txn(), 11).putShort((short) a.participant()).putLong(a.ballot())
          .put((byte) a.value().ordinal()).array();
    }
    return CommitRecords.of(r instanceof End ? END : ENDED, r.txn());
  }

  /**
   * Reads a record.
   *
   * @throws IllegalArgumentException if the bytes are not a Paxos Commit record, saying why
   */
  static PcRecord decode(byte[] bytes) {
    CommitRecords.Reader in = CommitRecords.read("Paxos Commit", bytes);
    long txn = in.txn();
    return in.end(switch (in.type()) {
      case PROMISED -> new Promised(txn, in.int64("a ballot"));
      case ACCEPTED -> {
        int participant = in.uint16("an accepted value");
        long ballot = in.int64("an accepted value");
        yield new Accepted(txn, participant, ballot, in.constant(PcMessage.Value.values(), "value"));
      }
      default -> in.shared(SHARED);
    });
  }

  /** {@code READY}, {@code ACCEPTED 2 PREPARED at 0}, ...: for log inspection. */
  static String describe(PcRecord r) {
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
    if (r instanceof Promised p) {
      return "PROMISED ballot " + p.ballot();
    }
    if (r instanceof Accepted a) {
      return "ACCEPTED participant " + a.participant() + " " + a.value() + " at ballot " + a.ballot();
    }
    return "OUTCOME " + ((Outcome) r).outcome();
  }
}
