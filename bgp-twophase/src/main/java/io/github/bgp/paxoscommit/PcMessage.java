package io.github.bgp.paxoscommit;

import io.github.bgp.api.Transaction;
import io.github.bgp.api.Verdict;
import io.github.bgp.spi.Codec;
import io.github.bgp.twophase.ResourceSide;
import io.github.bgp.twophase.Timers;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The messages of Paxos Commit, each naming its transaction; the Paxos ones also name the
 * participant whose vote is the instance's value, and a ballot. On the wire, big-endian:
 * {@code u8 type, i64 txn}, then: a prepare's {@code i32 length, payload}; a phase 2a or 2b's
 * {@code u16 participant, i64 ballot, u8 value}; a phase 1a's {@code i64 ballot}; a phase 1b's
 * {@code i64 ballot, u16 count, count x (u16 participant, i64 ballot, u8 value)}; a decision's
 * {@code u8 verdict}; nothing for the others.
 */
sealed interface PcMessage {

  long txn();

  /** The value of one participant's Paxos instance: its vote. */
  enum Value {
    /** It voted to commit (and logged READY). */
    PREPARED,
    /** It voted READ_ONLY: it allows commit and takes no part in phase two. */
    READ_ONLY,
    /** It voted to abort, or a leader found no vote and chose abort for it. */
    ABORTED;

    boolean allowsCommit() {
      return this != ABORTED;
    }
  }

  /** The coordinator asks a participant to prepare and vote (Gray and Lamport's BeginCommit and Prepare). */
  record Prepare(Transaction transaction) implements PcMessage {
    public Prepare {
      Objects.requireNonNull(transaction, "transaction");
    }

    @Override
    public long txn() {
      return transaction.id();
    }
  }

  /** Accept {@code value} for {@code participant}'s instance at {@code ballot} (0: the participant's own vote). */
  record Phase2a(long txn, int participant, long ballot, Value value) implements PcMessage {}

  /** An acceptor accepted {@code value} for {@code participant}'s instance at {@code ballot}. */
  record Phase2b(long txn, int participant, long ballot, Value value) implements PcMessage {}

  /** A leader taking over asks the acceptors to promise {@code ballot} for every instance of the transaction. */
  record Phase1a(long txn, long ballot) implements PcMessage {}

  /** One instance's accepted value, in a promise. */
  record Accepted(int participant, long ballot, Value value) {}

  /** An acceptor promised {@code ballot}, and says what it accepted before. */
  record Phase1b(long txn, long ballot, List<Accepted> accepted) implements PcMessage {
    public Phase1b {
      accepted = List.copyOf(accepted);
    }
  }

  /** A leader's decision. */
  record Decision(long txn, Verdict verdict) implements PcMessage {}

  /** A participant logged the decision. */
  record Ack(long txn) implements PcMessage {}

  /** The deciding leader logged END: every participant acknowledged. */
  record Ended(long txn) implements PcMessage {}

  /** An uncertain participant asks the leaders for the outcome. */
  record DecisionRequest(long txn) implements PcMessage {}

  byte PREPARE = 1;
  byte PHASE_2A = 2;
  byte PHASE_2B = 3;
  byte PHASE_1A = 4;
  byte PHASE_1B = 5;
  byte DECISION = 6;
  byte ACK = 7;
  byte ENDED = 8;
  byte DECISION_REQUEST = 9;

  Codec<PcMessage> CODEC = new Codec<>() {
    @Override
    public byte[] encode(PcMessage m) {
      if (m instanceof Prepare r) {
        byte[] payload = r.transaction().payload();
        return ByteBuffer.allocate(13 + payload.length).put(PREPARE).putLong(r.txn()).putInt(payload.length)
            .put(payload).array();
      }
      if (m instanceof Phase2a a) {
        return instance(PHASE_2A, a.txn(), a.participant(), a.ballot(), a.value());
      }
      if (m instanceof Phase2b b) {
        return instance(PHASE_2B, b.txn(), b.participant(), b.ballot(), b.value());
      }
      if (m instanceof Phase1a a) {
        return ByteBuffer.allocate(17).put(PHASE_1A).putLong(a.txn()).putLong(a.ballot()).array();
      }
      if (m instanceof Phase1b b) {
        ByteBuffer out = ByteBuffer.allocate(19 + 11 * b.accepted().size()).put(PHASE_1B).putLong(b.txn())
            .putLong(b.ballot()).putShort((short) b.accepted().size());
        for (Accepted a : b.accepted()) {
          out.putShort((short) a.participant()).putLong(a.ballot()).put((byte) a.value().ordinal());
        }
        return out.array();
      }
      if (m instanceof Decision d) {
        return ByteBuffer.allocate(10).put(DECISION).putLong(d.txn()).put((byte) d.verdict().ordinal()).array();
      }
      byte type = m instanceof Ack ? ACK : m instanceof Ended ? ENDED : DECISION_REQUEST;
      return ByteBuffer.allocate(9).put(type).putLong(m.txn()).array();
    }

    private byte[] instance(byte type, long txn, int participant, long ballot, Value v) {
      return ByteBuffer.allocate(20).put(type).putLong(txn).putShort((short) participant).putLong(ballot)
          .put((byte) v.ordinal()).array();
    }

    @Override
    public PcMessage decode(ByteBuffer in) {
      if (in.remaining() < 9) {
        throw new IllegalArgumentException("Paxos Commit message of " + in.remaining() + " bytes is shorter than its"
            + " 9-byte header");
      }
      byte type = in.get();
      long txn = in.getLong();
      if (txn < 0 || txn >= Timers.MAX_TXN) {
        throw new IllegalArgumentException("Paxos Commit message names transaction " + txn + "; ids are 0 to 2^60 - 1");
      }
      PcMessage m;
      switch (type) {
        case PREPARE:
          need(in, 4, "its payload length");
          int length = in.getInt();
          if (length < 0 || length > ResourceSide.maxPayload() || length != in.remaining()) {
            throw new IllegalArgumentException("Paxos Commit prepare claims a payload of " + length
                + " bytes and carries " + in.remaining());
          }
          byte[] payload = new byte[length];
          in.get(payload);
          return new Prepare(new Transaction(txn, payload));
        case PHASE_2A:
        case PHASE_2B: {
          need(in, 11, "its instance");
          int participant = Short.toUnsignedInt(in.getShort());
          long ballot = ballot(in);
          Value v = value(in);
          m = type == PHASE_2A ? new Phase2a(txn, participant, ballot, v) : new Phase2b(txn, participant, ballot, v);
          break;
        }
        case PHASE_1A:
          need(in, 8, "its ballot");
          m = new Phase1a(txn, ballot(in));
          break;
        case PHASE_1B: {
          need(in, 10, "its ballot and count");
          long ballot = ballot(in);
          int count = Short.toUnsignedInt(in.getShort());
          need(in, 11L * count, "its " + count + " accepted values");
          List<Accepted> accepted = new ArrayList<>();
          for (int i = 0; i < count; i++) {
            int participant = Short.toUnsignedInt(in.getShort());
            long b = ballot(in);
            accepted.add(new Accepted(participant, b, value(in)));
          }
          m = new Phase1b(txn, ballot, accepted);
          break;
        }
        case DECISION:
          need(in, 1, "its verdict");
          int v = in.get();
          if (v < 0 || v >= Verdict.values().length) {
            throw new IllegalArgumentException("unknown verdict " + v + " in a Paxos Commit decision");
          }
          m = new Decision(txn, Verdict.values()[v]);
          break;
        case ACK:
          m = new Ack(txn);
          break;
        case ENDED:
          m = new Ended(txn);
          break;
        case DECISION_REQUEST:
          m = new DecisionRequest(txn);
          break;
        default:
          throw new IllegalArgumentException("unknown Paxos Commit message type " + type);
      }
      if (in.hasRemaining()) {
        throw new IllegalArgumentException("Paxos Commit message has " + in.remaining() + " bytes after its end");
      }
      return m;
    }
  };

  private static void need(ByteBuffer in, long bytes, String what) {
    if (in.remaining() < bytes) {
      throw new IllegalArgumentException("Paxos Commit message ends before " + what);
    }
  }

  private static long ballot(ByteBuffer in) {
    long b = in.getLong();
    if (b < 0) {
      throw new IllegalArgumentException("Paxos Commit ballot " + b + " is negative");
    }
    return b;
  }

  private static Value value(ByteBuffer in) {
    int v = in.get();
    if (v < 0 || v >= Value.values().length) {
      throw new IllegalArgumentException("unknown Paxos Commit instance value " + v);
    }
    return Value.values()[v];
  }
}
