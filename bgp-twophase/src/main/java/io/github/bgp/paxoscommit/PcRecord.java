package io.github.bgp.paxoscommit;

import io.github.bgp.twophase.CommitRecords;
import io.github.bgp.twophase.internal.CommitRecord;

/**
 * What Paxos Commit writes in a node's durable log: 2PC's records (types 1 to 7, the same meaning),
 * and the acceptors' two. The coordinator logs BEGIN before it asks for votes; whichever leader
 * decides logs DECIDED before it announces it, and END once every participant acknowledged; an
 * acceptor logs PROMISED before it answers a phase 1a, ACCEPTED before its phase 2b; a participant
 * logs READY (voted COMMIT), VOTED ABORT|READ_ONLY, OUTCOME and ENDED as in 2PC. Big-endian:
 * {@code u8 type, i64 txn}, then a payload ({@code i32 length, bytes}) for BEGIN and READY, a
 * verdict for DECIDED and OUTCOME, a vote for VOTED, {@code i64 ballot} for PROMISED,
 * {@code u16 participant, i64 ballot, u8 value} for ACCEPTED. The seven of 2PC are declared once, in
 * {@link CommitRecord}, and inherited: {@code PcRecord.Ready} is {@link CommitRecord.Ready}.
 */
interface PcRecord extends CommitRecord {

  /** The acceptor promised to accept nothing below {@code ballot} for the transaction's instances. */
  record Promised(long txn, long ballot) implements PcRecord {}

  /** The acceptor accepted {@code value} for {@code participant}'s instance at {@code ballot}. */
  record Accepted(long txn, int participant, long ballot, PcMessage.Value value) implements PcRecord {}

  byte PROMISED = 10;
  byte ACCEPTED = 11;

  static byte[] encode(CommitRecord r) {
    if (r instanceof Promised p) {
      return CommitRecords.header(PROMISED, p.txn(), 8).putLong(p.ballot()).array();
    }
    if (r instanceof Accepted a) {
      return CommitRecords.header(ACCEPTED, a.txn(), 11).putShort((short) a.participant()).putLong(a.ballot())
          .put((byte) a.value().ordinal()).array();
    }
    return CommitRecord.encode(r);
  }

  /**
   * Reads a record.
   *
   * @throws IllegalArgumentException if the bytes are not a Paxos Commit record, saying why
   */
  static CommitRecord decode(byte[] bytes) {
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
  static String describe(CommitRecord r) {
    if (r instanceof Promised p) {
      return "PROMISED ballot " + p.ballot();
    }
    if (r instanceof Accepted a) {
      return "ACCEPTED participant " + a.participant() + " " + a.value() + " at ballot " + a.ballot();
    }
    return CommitRecord.describe(r);
  }
}
