package io.github.bgp.threephase;

import io.github.bgp.api.Transaction;
import io.github.bgp.api.Verdict;
import io.github.bgp.api.Vote;
import io.github.bgp.spi.Codec;
import io.github.bgp.twophase.internal.Wire;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * The messages of three-phase commit, each naming its transaction. On the wire, big-endian:
 * {@code u8 type, i64 txn}, then for a vote request {@code i32 length, payload}, for a vote
 * {@code u8 vote}, for a decision {@code u8 verdict}, for a state {@code u8 state}, and nothing for
 * the others (the layout and its checks every commit protocol's, {@code internal.Wire}).
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
        return Wire.of(VOTE_REQUEST, r.transaction());
      }
      if (m instanceof Cast c) {
        return Wire.of(CAST, c.txn(), c.vote());
      }
      if (m instanceof Decision d) {
        return Wire.of(DECISION, d.txn(), d.verdict());
      }
      if (m instanceof State s) {
        return Wire.of(STATE, s.txn(), s.phase());
      }
      byte type = m instanceof PreCommit ? PRE_COMMIT : m instanceof PreAck ? PRE_ACK : m instanceof Ack ? ACK
          : m instanceof Ended ? ENDED : STATE_REQUEST;
      return Wire.of(type, m.txn());
    }

    @Override
    public TpMessage decode(ByteBuffer in) {
      Wire.Reader r = Wire.read("3PC", in);
      long txn = r.txn();
      return r.end(switch (r.type()) {
        case VOTE_REQUEST -> new VoteRequest(r.transaction("vote request"));
        case CAST -> new Cast(txn, r.constant(Vote.values(), "vote"));
        case DECISION -> new Decision(txn, r.constant(Verdict.values(), "verdict"));
        case STATE -> new State(txn, r.constant(Phase.values(), "state"));
        case PRE_COMMIT -> new PreCommit(txn);
        case PRE_ACK -> new PreAck(txn);
        case ACK -> new Ack(txn);
        case ENDED -> new Ended(txn);
        case STATE_REQUEST -> new StateRequest(txn);
        default -> throw r.unknownType();
      });
    }
  };
}
