package io.github.bgp.threephase;

import io.github.bgp.api.Transaction;
import io.github.bgp.api.Verdict;
import io.github.bgp.api.Vote;
import io.github.bgp.spi.Codec;
import io.github.bgp.twophase.ResourceSide;
import io.github.bgp.twophase.Timers;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * The messages of three-phase commit, each naming its transaction. On the wire, big-endian:
 * {@code u8 type, i64 txn}, then for a vote request {@code i32 length, payload}, for a vote
 * {@code u8 vote}, for a decision {@code u8 verdict}, for a state {@code u8 state}, and nothing for
 * the others.
 */
sealed interface TpMessage {

  long txn();

  /** The coordinator asks a participant to prepare and vote (phase 1). */
  record VoteRequest(Transaction transaction) implements TpMessage {
    public VoteRequest {
      Objects.requireNonNull(transaction, "transaction");
    }

    @Override
    public long txn() {
      return transaction.id();
    }
  }

  /** A participant's vote. */
  record Cast(long txn, Vote vote) implements TpMessage {}

  /** Every vote was to commit: be ready to commit (phase 2). From the coordinator or a backup. */
  record PreCommit(long txn) implements TpMessage {}

  /** A participant logged PRECOMMITTED. */
  record PreAck(long txn) implements TpMessage {}

  /** The outcome (phase 3), from the coordinator or a backup. */
  record Decision(long txn, Verdict verdict) implements TpMessage {}

  /** A participant logged the outcome. */
  record Ack(long txn) implements TpMessage {}

  /** The coordinator logged END. */
  record Ended(long txn) implements TpMessage {}

  /** A backup coordinator (or a recovering coordinator) asks for a participant's state (termination). */
  record StateRequest(long txn) implements TpMessage {}

  /** A participant's state, for the termination protocol. */
  record State(long txn, Phase phase) implements TpMessage {}

  /** What a participant (or the coordinator) tells a backup about a transaction. */
  enum Phase {
    /** Voted COMMIT, knows nothing more: uncertain. */
    READY,
    /** Logged PRECOMMITTED: every vote was to commit. */
    PRECOMMIT,
    /** Committed. */
    COMMIT,
    /** Aborted (or had not voted, and aborted when asked). */
    ABORT,
    /** Voted READ_ONLY: any outcome suits it. */
    READ_ONLY
  }

  byte VOTE_REQUEST = 1;
  byte CAST = 2;
  byte PRE_COMMIT = 3;
  byte PRE_ACK = 4;
  byte DECISION = 5;
  byte ACK = 6;
  byte ENDED = 7;
  byte STATE_REQUEST = 8;
  byte STATE = 9;

  Codec<TpMessage> CODEC = new Codec<>() {
    @Override
    public byte[] encode(TpMessage m) {
      if (m instanceof VoteRequest r) {
        byte[] payload = r.transaction().payload();
        return ByteBuffer.allocate(13 + payload.length).put(VOTE_REQUEST).putLong(r.txn()).putInt(payload.length)
            .put(payload).array();
      }
      if (m instanceof Cast c) {
        return ByteBuffer.allocate(10).put(CAST).putLong(c.txn()).put((byte) c.vote().ordinal()).array();
      }
      if (m instanceof Decision d) {
        return ByteBuffer.allocate(10).put(DECISION).putLong(d.txn()).put((byte) d.verdict().ordinal()).array();
      }
      if (m instanceof State s) {
        return ByteBuffer.allocate(10).put(STATE).putLong(s.txn()).put((byte) s.phase().ordinal()).array();
      }
      byte type = m instanceof PreCommit ? PRE_COMMIT : m instanceof PreAck ? PRE_ACK : m instanceof Ack ? ACK
          : m instanceof Ended ? ENDED : STATE_REQUEST;
      return ByteBuffer.allocate(9).put(type).putLong(m.txn()).array();
    }

    @Override
    public TpMessage decode(ByteBuffer in) {
      if (in.remaining() < 9) {
        throw new IllegalArgumentException("3PC message of " + in.remaining() + " bytes is shorter than its 9-byte"
            + " header");
      }
      byte type = in.get();
      long txn = in.getLong();
      if (txn < 0 || txn >= Timers.MAX_TXN) {
        throw new IllegalArgumentException("3PC message names transaction " + txn + "; ids are 0 to 2^60 - 1");
      }
      TpMessage m;
      switch (type) {
        case VOTE_REQUEST:
          if (in.remaining() < 4) {
            throw new IllegalArgumentException("3PC vote request has no payload length");
          }
          int length = in.getInt();
          if (length < 0 || length > ResourceSide.maxPayload() || length != in.remaining()) {
            throw new IllegalArgumentException("3PC vote request claims a payload of " + length + " bytes and carries "
                + in.remaining());
          }
          byte[] payload = new byte[length];
          in.get(payload);
          return new VoteRequest(new Transaction(txn, payload));
        case CAST:
          m = new Cast(txn, Vote.values()[index(in, Vote.values().length, "vote")]);
          break;
        case DECISION:
          m = new Decision(txn, Verdict.values()[index(in, Verdict.values().length, "verdict")]);
          break;
        case STATE:
          m = new State(txn, Phase.values()[index(in, Phase.values().length, "state")]);
          break;
        case PRE_COMMIT:
          m = new PreCommit(txn);
          break;
        case PRE_ACK:
          m = new PreAck(txn);
          break;
        case ACK:
          m = new Ack(txn);
          break;
        case ENDED:
          m = new Ended(txn);
          break;
        case STATE_REQUEST:
          m = new StateRequest(txn);
          break;
        default:
          throw new IllegalArgumentException("unknown 3PC message type " + type);
      }
      if (in.hasRemaining()) {
        throw new IllegalArgumentException("3PC message has " + in.remaining() + " bytes after its end");
      }
      return m;
    }
  };

  private static int index(ByteBuffer in, int size, String what) {
    if (!in.hasRemaining()) {
      throw new IllegalArgumentException("3PC message ends before its " + what);
    }
    int v = in.get();
    if (v < 0 || v >= size) {
      throw new IllegalArgumentException("unknown 3PC " + what + " " + v);
    }
    return v;
  }
}
