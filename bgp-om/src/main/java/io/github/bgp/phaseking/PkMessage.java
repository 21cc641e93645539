package io.github.bgp.phaseking;

import io.github.bgp.api.Value;
import io.github.bgp.spi.Codec;
import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.Optional;

/**
 * One Phase King message: a value (the commander's order, a general's value, a proposal, the
 * king's value) or, for a proposal, nothing. Its round says which.
 *
 * <p>On the wire: one byte for an order (0 RETREAT, 1 ATTACK) or for nothing (2); a number is the
 * byte 3 and 8 bytes, big-endian. Anything else is refused, saying what.
 */
record PkMessage(Optional<Value> value) {

  static final PkMessage NOTHING = new PkMessage(Optional.empty());

  PkMessage {
    Objects.requireNonNull(value, "value");
  }

  static PkMessage of(Value v) {
    return new PkMessage(Optional.of(v));
  }

  private static final byte NONE = 2;
  private static final byte NUMBER = 3;

  static final Codec<PkMessage> CODEC = new Codec<>() {
    @Override
    public byte[] encode(PkMessage m) {
      if (m.value().isEmpty()) {
        return new byte[] {NONE};
      }
      Value v = m.value().get();
      switch (v.kind()) {
        case ORDER:
          return new byte[] {(byte) v.code()};
        case NUMBER:
          return ByteBuffer.allocate(9).put(NUMBER).putLong(v.code()).array();
        default:
          throw new IllegalArgumentException("Phase King carries orders and numbers, not " + v.kind());
      }
    }

    @Override
    public int size(PkMessage m) {
      return m.value().isPresent() && m.value().get().kind() == Value.Kind.NUMBER ? 9 : 1;
    }

    @Override
    public PkMessage decode(ByteBuffer in) {
      if (!in.hasRemaining()) {
        throw new IllegalArgumentException("a Phase King message is at least 1 byte, got none");
      }
      byte tag = in.get();
      PkMessage m;
      if (tag == 0 || tag == 1) {
        m = of(Value.of(Value.Kind.ORDER, tag));
      } else if (tag == NONE) {
        m = NOTHING;
      } else if (tag == NUMBER) {
        if (in.remaining() != 8) {
          throw new IllegalArgumentException("a Phase King number is 8 bytes after its tag, got " + in.remaining());
        }
        m = of(Value.number(in.getLong()));
      } else {
        throw new IllegalArgumentException("unknown Phase King message tag " + tag
            + " (0, 1 an order, 2 nothing, 3 a number)");
      }
      if (in.hasRemaining()) {
        throw new IllegalArgumentException("a Phase King message has " + in.remaining() + " bytes after its end");
      }
      return m;
    }
  };

  @Override
  public String toString() {
    return value.map(Value::toString).orElse("nothing");
  }
}
