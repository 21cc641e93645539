package io.github.bgp.twophase;

import io.github.bgp.api.Verdict;
import io.github.bgp.api.Vote;
import io.github.bgp.spi.Codec;
import io.github.bgp.twophase.internal.Wire;
import java.nio.ByteBuffer;

/**
 * Two-phase commit's wire format. Big-endian: {@code u8 type, i64 txn}, then for a vote request
 * {@code i32 length, payload}, for a vote {@code u8 vote} (0 COMMIT, 1 ABORT, 2 READ_ONLY), for a
 * decision {@code u8 verdict} (0 COMMIT, 1 ABORT), and nothing for an ack, a decision request or
 * an end. Anything else is rejected, saying what. The layout and its checks are every commit
 * protocol's, written once ({@code internal.Wire}); the type codes are 2PC's.
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
      return Wire.of(VOTE_REQUEST, r.transaction());
    }
    if (m instanceof TpcMessage.Vote v) {
      return Wire.of(VOTE, v.txn(), v.vote());
    }
    if (m instanceof TpcMessage.Decision d) {
      return Wire.of(DECISION, d.txn(), d.decision());
    }
    byte type = m instanceof TpcMessage.Ack ? ACK : m instanceof TpcMessage.Ended ? ENDED : DECISION_REQUEST;
    return Wire.of(type, m.txn());
  }

  @Override
  public TpcMessage decode(ByteBuffer in) {
    Wire.Reader r = Wire.read("2PC", in);
    long txn = r.txn();
    return r.end(switch (r.type()) {
      case VOTE_REQUEST -> new TpcMessage.VoteRequest(r.transaction("vote request"));
      case VOTE -> new TpcMessage.Vote(txn, r.constant(Vote.values(), "vote"));
      case DECISION -> new TpcMessage.Decision(txn, r.constant(Verdict.values(), "verdict"));
      case ACK -> new TpcMessage.Ack(txn);
      case DECISION_REQUEST -> new TpcMessage.DecisionRequest(txn);
      case ENDED -> new TpcMessage.Ended(txn);
      default -> throw r.unknownType();
    });
  }
}
