package io.github.bgp.threephase;

import io.github.bgp.api.Transaction;
import io.github.bgp.api.Verdict;
import io.github.bgp.api.Vote;
import io.github.bgp.twophase.Timers;
import java.nio.ByteBuffer;
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

  byte BEGIN = 1;
  byte DECIDED = 2;
  byte END = 3;
  byte READY = 4;
  byte OUTCOME = 5;
  byte VOTED = 6;
  byte ENDED = 7;
  byte PRECOMMIT = 8;
  byte PRECOMMITTED = 9;

  static byte[] encode(TpRecord r) {
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
    byte type = r instanceof End ? END : r instanceof Ended ? ENDED : r instanceof PreCommit ? PRECOMMIT
        : PRECOMMITTED;
    return ByteBuffer.allocate(9).put(type).putLong(r.txn()).array();
  }

  private static byte[] withPayload(byte type, Transaction t) {
    byte[] payload = t.payload();
    return ByteBuffer.allocate(13 + payload.length).put(type).putLong(t.id()).putInt(payload.length).put(payload)
        .array();
  }

  /**
   * Reads a record.
   *
   * @throws IllegalArgumentException if the bytes are not a 3PC record, saying why
   */
  static TpRecord decode(byte[] bytes) {
    ByteBuffer in = ByteBuffer.wrap(Objects.requireNonNull(bytes, "bytes"));
    if (in.remaining() < 9) {
      throw new IllegalArgumentException("a 3PC log record of " + bytes.length + " bytes is shorter than 9");
    }
    byte type = in.get();
    long txn = in.getLong();
    if (txn < 0 || txn >= Timers.MAX_TXN) {
      throw new IllegalArgumentException("a 3PC log record names transaction " + txn + "; ids are 0 to 2^60 - 1");
    }
    TpRecord r;
    switch (type) {
      case BEGIN:
      case READY:
        if (in.remaining() < 4) {
          throw new IllegalArgumentException("a 3PC log record has no payload length");
        }
        int length = in.getInt();
        if (length != in.remaining()) {
          throw new IllegalArgumentException("a 3PC log record claims " + length + " payload bytes and has "
              + in.remaining());
        }
        byte[] payload = new byte[length];
        in.get(payload);
        Transaction t = new Transaction(txn, payload);
        return type == BEGIN ? new Begin(t) : new Ready(t);
      case DECIDED:
        r = new Decided(txn, verdict(in));
        break;
      case OUTCOME:
        r = new Outcome(txn, verdict(in));
        break;
      case VOTED:
        if (!in.hasRemaining() || in.get(in.position()) < 0 || in.get(in.position()) >= Vote.values().length) {
          throw new IllegalArgumentException("a 3PC VOTED record has no vote");
        }
        Vote vote = Vote.values()[in.get()];
        if (vote == Vote.COMMIT) {
          throw new IllegalArgumentException("a 3PC VOTED record says COMMIT, which is logged as READY");
        }
        r = new Voted(txn, vote);
        break;
      case END:
        r = new End(txn);
        break;
      case ENDED:
        r = new Ended(txn);
        break;
      case PRECOMMIT:
        r = new PreCommit(txn);
        break;
      case PRECOMMITTED:
        r = new PreCommitted(txn);
        break;
      default:
        throw new IllegalArgumentException("unknown 3PC log record type " + type);
    }
    if (in.hasRemaining()) {
      throw new IllegalArgumentException("a 3PC log record has " + in.remaining() + " bytes after its end");
    }
    return r;
  }

  private static Verdict verdict(ByteBuffer in) {
    if (!in.hasRemaining()) {
      throw new IllegalArgumentException("a 3PC log record ends before its verdict");
    }
    byte v = in.get();
    if (v < 0 || v >= Verdict.values().length) {
      throw new IllegalArgumentException("unknown verdict " + v + " in a 3PC log record");
    }
    return Verdict.values()[v];
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
