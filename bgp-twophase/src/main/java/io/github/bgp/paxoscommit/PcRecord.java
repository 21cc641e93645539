package io.github.bgp.paxoscommit;

import io.github.bgp.api.Transaction;
import io.github.bgp.api.Verdict;
import io.github.bgp.api.Vote;
import io.github.bgp.twophase.Timers;
import java.nio.ByteBuffer;
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

  byte BEGIN = 1;
  byte DECIDED = 2;
  byte END = 3;
  byte READY = 4;
  byte OUTCOME = 5;
  byte VOTED = 6;
  byte ENDED = 7;
  byte PROMISED = 10;
  byte ACCEPTED = 11;

  static byte[] encode(PcRecord r) {
    if (r instanceof Begin b) {
      return withPayload(BEGIN, b.transaction());
    }
    if (r instanceof Ready rd) {
      return withPayload(READY, rd.transaction());
    }
    if (r instanceof Decided d) {
      return ByteBuffer.allocate(10).put(DECIDED).putLong(d.txn()).put((byte) d.decision().ordinal()).array();
    }
    if (r instanceof Outcome o) {
      return ByteBuffer.allocate(10).put(OUTCOME).putLong(o.txn()).put((byte) o.outcome().ordinal()).array();
    }
    if (r instanceof Voted v) {
      return ByteBuffer.allocate(10).put(VOTED).putLong(v.txn()).put((byte) v.vote().ordinal()).array();
    }
    if (r instanceof Promised p) {
      return ByteBuffer.allocate(17).put(PROMISED).putLong(p.txn()).putLong(p.ballot()).array();
    }
    if (r instanceof Accepted a) {
      return ByteBuffer.allocate(20).put(ACCEPTED).putLong(a.txn()).putShort((short) a.participant())
          .putLong(a.ballot()).put((byte) a.value().ordinal()).array();
    }
    return ByteBuffer.allocate(9).put(r instanceof End ? END : ENDED).putLong(r.txn()).array();
  }

  private static byte[] withPayload(byte type, Transaction t) {
    byte[] payload = t.payload();
    return ByteBuffer.allocate(13 + payload.length).put(type).putLong(t.id()).putInt(payload.length).put(payload)
        .array();
  }

  /**
   * Reads a record.
   *
   * @throws IllegalArgumentException if the bytes are not a Paxos Commit record, saying why
   */
  static PcRecord decode(byte[] bytes) {
    ByteBuffer in = ByteBuffer.wrap(Objects.requireNonNull(bytes, "bytes"));
    if (in.remaining() < 9) {
      throw new IllegalArgumentException("a Paxos Commit log record of " + bytes.length + " bytes is shorter than 9");
    }
    byte type = in.get();
    long txn = in.getLong();
    if (txn < 0 || txn >= Timers.MAX_TXN) {
      throw new IllegalArgumentException("a Paxos Commit log record names transaction " + txn
          + "; ids are 0 to 2^60 - 1");
    }
    PcRecord r;
    switch (type) {
      case BEGIN:
      case READY:
        need(in, 4, "a payload length");
        int length = in.getInt();
        if (length != in.remaining()) {
          throw new IllegalArgumentException("a Paxos Commit log record claims " + length + " payload bytes and has "
              + in.remaining());
        }
        byte[] payload = new byte[length];
        in.get(payload);
        Transaction t = new Transaction(txn, payload);
        return type == BEGIN ? new Begin(t) : new Ready(t);
      case DECIDED:
        r = new Decided(txn, Verdict.values()[index(in, Verdict.values().length, "verdict")]);
        break;
      case OUTCOME:
        r = new Outcome(txn, Verdict.values()[index(in, Verdict.values().length, "verdict")]);
        break;
      case VOTED:
        Vote vote = Vote.values()[index(in, Vote.values().length, "vote")];
        if (vote == Vote.COMMIT) {
          throw new IllegalArgumentException("a Paxos Commit VOTED record says COMMIT, which is logged as READY");
        }
        r = new Voted(txn, vote);
        break;
      case END:
        r = new End(txn);
        break;
      case ENDED:
        r = new Ended(txn);
        break;
      case PROMISED:
        need(in, 8, "a ballot");
        r = new Promised(txn, in.getLong());
        break;
      case ACCEPTED:
        need(in, 10, "an accepted value");
        int participant = Short.toUnsignedInt(in.getShort());
        long ballot = in.getLong();
        r = new Accepted(txn, participant, ballot,
            PcMessage.Value.values()[index(in, PcMessage.Value.values().length, "value")]);
        break;
      default:
        throw new IllegalArgumentException("unknown Paxos Commit log record type " + type);
    }
    if (in.hasRemaining()) {
      throw new IllegalArgumentException("a Paxos Commit log record has " + in.remaining() + " bytes after its end");
    }
    return r;
  }

  private static void need(ByteBuffer in, int bytes, String what) {
    if (in.remaining() < bytes) {
      throw new IllegalArgumentException("a Paxos Commit log record ends before " + what);
    }
  }

  private static int index(ByteBuffer in, int size, String what) {
    need(in, 1, "its " + what);
    int v = in.get();
    if (v < 0 || v >= size) {
      throw new IllegalArgumentException("unknown " + what + " " + v + " in a Paxos Commit log record");
    }
    return v;
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
