package io.github.bgp.twophase;

import io.github.bgp.api.Transaction;
import io.github.bgp.api.Verdict;
import io.github.bgp.api.Vote;
import io.github.bgp.spi.Codec;
import java.nio.ByteBuffer;

/**
 * Two-phase commit's wire format. Big-endian: {@code u8 type, i64 txn}, then for a vote request
 * {@code i32 length, payload}, for a vote {@code u8 vote} (0 COMMIT, 1 ABORT, 2 READ_ONLY), for a
 * decision {@code u8 verdict} (0 COMMIT, 1 ABORT), and nothing for an ack, a decision request or
 * an end. Anything else is rejected, saying what.
 */
final class TpcCodec implements Codec<TpcMessage> {

  static final TpcCodec INSTANCE = new TpcCodec();
  static final int MAX_PAYLOAD = 1 << 20;

  private static final byte VOTE_REQUEST = 1;
  private static final byte VOTE = 2;
  private static final byte DECISION = 3;
  private static final byte ACK = 4;
  private static final byte DECISION_REQUEST = 5;
  private static final byte ENDED = 6;

  private TpcCodec() {}

  @Override
  public byte[] encode(TpcMessage m) {
    if (m instanceof TpcMessage.VoteRequest r) {
      byte[] payload = r.transaction().payload();
      return ByteBuffer.allocate(13 + payload.length).put(VOTE_REQUEST).putLong(r.txn()).putInt(payload.length)
          .put(payload).array();
    }
    if (m instanceof TpcMessage.Vote v) {
      return ByteBuffer.allocate(10).put(VOTE).putLong(v.txn()).put((byte) v.vote().ordinal()).array();
    }
    if (m instanceof TpcMessage.Decision d) {
      return ByteBuffer.allocate(10).put(DECISION).putLong(d.txn()).put((byte) d.decision().ordinal()).array();
    }
    byte type = m instanceof TpcMessage.Ack ? ACK : m instanceof TpcMessage.Ended ? ENDED : DECISION_REQUEST;
    return ByteBuffer.allocate(9).put(type).putLong(m.txn()).array();
  }

  @Override
  public TpcMessage decode(ByteBuffer in) {
    if (in.remaining() < 9) {
      throw new IllegalArgumentException("2PC message of " + in.remaining() + " bytes is shorter than its 9-byte header");
    }
    byte type = in.get();
    long txn = in.getLong();
    if (txn < 0 || txn >= Timers.MAX_TXN) {
      throw new IllegalArgumentException("2PC message names transaction " + txn + "; ids are 0 to 2^60 - 1");
    }
    TpcMessage m;
    switch (type) {
      case VOTE_REQUEST:
        if (in.remaining() < 4) {
          throw new IllegalArgumentException("2PC vote request has no payload length");
        }
        int length = in.getInt();
        if (length < 0 || length > MAX_PAYLOAD || length != in.remaining()) {
          throw new IllegalArgumentException("2PC vote request claims a payload of " + length + " bytes and carries "
              + in.remaining());
        }
        byte[] payload = new byte[length];
        in.get(payload);
        return new TpcMessage.VoteRequest(new Transaction(txn, payload));
      case VOTE:
        m = new TpcMessage.Vote(txn, vote(in));
        break;
      case DECISION:
        m = new TpcMessage.Decision(txn, verdict(in));
        break;
      case ACK:
        m = new TpcMessage.Ack(txn);
        break;
      case DECISION_REQUEST:
        m = new TpcMessage.DecisionRequest(txn);
        break;
      case ENDED:
        m = new TpcMessage.Ended(txn);
        break;
      default:
        throw new IllegalArgumentException("unknown 2PC message type " + type);
    }
    if (in.hasRemaining()) {
      throw new IllegalArgumentException("2PC message has " + in.remaining() + " bytes after its end");
    }
    return m;
  }

  static Verdict verdict(ByteBuffer in) {
    if (!in.hasRemaining()) {
      throw new IllegalArgumentException("2PC message ends before its verdict");
    }
    byte v = in.get();
    if (v < 0 || v >= Verdict.values().length) {
      throw new IllegalArgumentException("unknown verdict " + v + " (0 COMMIT, 1 ABORT)");
    }
    return Verdict.values()[v];
  }

  static Vote vote(ByteBuffer in) {
    if (!in.hasRemaining()) {
      throw new IllegalArgumentException("2PC message ends before its vote");
    }
    byte v = in.get();
    if (v < 0 || v >= Vote.values().length) {
      throw new IllegalArgumentException("unknown vote " + v + " (0 COMMIT, 1 ABORT, 2 READ_ONLY)");
    }
    return Vote.values()[v];
  }
}
