package io.github.bgp.paxoscommit;

import io.github.bgp.api.Transaction;
import io.github.bgp.api.Verdict;
import io.github.bgp.spi.Codec;
import io.github.bgp.twophase.internal.Wire;
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
 * {@code u8 verdict}; nothing for the others (the layout and its checks every commit protocol's,
 * {@code internal.Wire}).
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
        return Wire.of(PREPARE, r.transaction());
      }
      if (m instanceof Phase2a a) {
        return instance(PHASE_2A, a.txn(), a.participant(), a.ballot(), a.value());
      }
      if (m instanceof Phase2b b) {
        return instance(PHASE_2B, b.txn(), b.participant(), b.ballot(), b.value());
      }
      if (m instanceof Phase1a a) {
        return Wire.header(PHASE_1A, a.txn(), 8).putLong(a.ballot()).array();
      }
      if (m instanceof Phase1b b) {
        ByteBuffer out = Wire.header(PHASE_1B, b.txn(), 10 + 11 * b.accepted().size()).putLong(b.ballot())
            .putShort((short) b.accepted().size());
        for (Accepted a : b.accepted()) {
          out.putShort((short) a.participant()).putLong(a.ballot()).put((byte) a.value().ordinal());
        }
        return out.array();
      }
      if (m instanceof Decision d) {
        return Wire.of(DECISION, d.txn(), d.verdict());
      }
      byte type = m instanceof Ack ? ACK : m instanceof Ended ? ENDED : DECISION_REQUEST;
      return Wire.of(type, m.txn());
    }

    private byte[] instance(byte type, long txn, int participant, long ballot, Value v) {
      return Wire.header(type, txn, 11).putShort((short) participant).putLong(ballot).put((byte) v.ordinal()).array();
    }

    @Override
    public PcMessage decode(ByteBuffer in) {
      Wire.Reader r = Wire.read("Paxos Commit", in);
      long txn = r.txn();
      return r.end(switch (r.type()) {
        case PREPARE -> new Prepare(r.transaction("prepare"));
        case PHASE_2A, PHASE_2B -> {
          r.need(11, "its instance");
          int participant = r.uint16();
          long ballot = ballot(r);
          Value v = r.constant(Value.values(), "instance value");
          yield r.type() == PHASE_2A ? new Phase2a(txn, participant, ballot, v)
              : new Phase2b(txn, participant, ballot, v);
        }
        case PHASE_1A -> {
          r.need(8, "its ballot");
          yield new Phase1a(txn, ballot(r));
        }
        case PHASE_1B -> {
          r.need(10, "its ballot and count");
          long ballot = ballot(r);
          int count = r.uint16();
          r.need(11L * count, "its " + count + " accepted values");
          List<Accepted> accepted = new ArrayList<>();
          for (int i = 0; i < count; i++) {
            int participant = r.uint16();
            long b = ballot(r);
            accepted.add(new Accepted(participant, b, r.constant(Value.values(), "instance value")));
          }
          yield new Phase1b(txn, ballot, accepted);
        }
        case DECISION -> new Decision(txn, r.constant(Verdict.values(), "verdict"));
        case ACK -> new Ack(txn);
        case ENDED -> new Ended(txn);
        case DECISION_REQUEST -> new DecisionRequest(txn);
        default -> throw r.unknownType();
      });
    }
  };

  private static long ballot(Wire.Reader r) {
    long b = r.int64();
    if (b < 0) {
      throw new IllegalArgumentException("Paxos Commit ballot " + b + " is negative");
    }
    return b;
  }
}
