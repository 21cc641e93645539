package io.github.bgp.twophase;

import io.github.bgp.api.Transaction;
import io.github.bgp.api.Verdict;
import io.github.bgp.api.Vote;
import java.nio.ByteBuffer;
import java.util.Objects;

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

  byte BEGIN = 1;
  byte DECIDED = 2;
  byte END = 3;
  byte READY = 4;
  byte OUTCOME = 5;
  byte VOTED = 6;
  byte ENDED = 7;

  static byte[] encode(TpcRecord r) {
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
    return ByteBuffer.allocate(9).put(r instanceof Ended ? ENDED : END).putLong(r.txn()).array();
  }

  private static byte[] withPayload(byte type, Transaction t) {
    byte[] payload = t.payload();
    return ByteBuffer.allocate(13 + payload.length).put(type).putLong(t.id()).putInt(payload.length).put(payload).array();
  }

  /**
   * Reads a record.
   *
   * @throws IllegalArgumentException if the bytes are not a 2PC record, saying why
   */
  static TpcRecord decode(byte[] bytes) {
    Objects.requireNonNull(bytes, "bytes");
    ByteBuffer in = ByteBuffer.wrap(bytes);
    if (in.remaining() < 9) {
      throw new IllegalArgumentException("a 2PC log record of " + bytes.length + " bytes is shorter than 9");
    }
    byte type = in.get();
    long txn = in.getLong();
    if (txn < 0 || txn >= Timers.MAX_TXN) {
      throw new IllegalArgumentException("a 2PC log record names transaction " + txn + "; ids are 0 to 2^60 - 1");
    }
    TpcRecord r;
    switch (type) {
      case BEGIN:
      case READY:
        if (in.remaining() < 4) {
          throw new IllegalArgumentException("a 2PC log record has no payload length");
        }
        int length = in.getInt();
        if (length != in.remaining()) {
          throw new IllegalArgumentException("a 2PC log record claims " + length + " payload bytes and has "
              + in.remaining());
        }
        byte[] payload = new byte[length];
        in.get(payload);
        Transaction t = new Transaction(txn, payload);
        return type == BEGIN ? new Begin(t) : new Ready(t);
      case DECIDED:
        r = new Decided(txn, TpcCodec.verdict(in));
        break;
      case OUTCOME:
        r = new Outcome(txn, TpcCodec.verdict(in));
        break;
      case END:
        r = new End(txn);
        break;
      case VOTED:
        Vote vote = TpcCodec.vote(in);
        if (vote == Vote.COMMIT) {
          throw new IllegalArgumentException("a 2PC VOTED record says COMMIT, which is logged as READY");
        }
        r = new Voted(txn, vote);
        break;
      case ENDED:
        r = new Ended(txn);
        break;
      default:
        throw new IllegalArgumentException("unknown 2PC log record type " + type);
    }
    if (in.hasRemaining()) {
      throw new IllegalArgumentException("a 2PC log record has " + in.remaining() + " bytes after its end");
    }
    return r;
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
