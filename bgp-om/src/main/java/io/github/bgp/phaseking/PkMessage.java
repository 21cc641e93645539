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
 * byte 3 and 8 bytes, big-endian; an application value is the byte 4, its length as 4 bytes,
 * big-endian, and its bytes. Anything else is refused, saying what.
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
  private static final byte BYTES = 4;

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
          return ByteBuffer.allocate(5 + v.size()).put(BYTES).putInt(v.size()).put(v.bytes()).array();
      }
    }

    @Override
    public int size(PkMessage m) {
      if (m.value().isEmpty()) {
        return 1;
      }
      Value v = m.value().get();
      return v.kind() == Value.Kind.NUMBER ? 9 : v.kind() == Value.Kind.BYTES ? 5 + v.size() : 1;
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
      } else if (tag == BYTES) {
        if (in.remaining() < 4) {
          throw new IllegalArgumentException("a Phase King application value has a 4-byte length after its tag, got "
              + in.remaining() + " bytes");
        }
        int length = in.getInt();
        if (length < 0 || length != in.remaining()) {
          throw new IllegalArgumentException("a Phase King application value claims " + length + " bytes, has "
              + in.remaining());
        }
        byte[] bytes = new byte[length];
        in.get(bytes);
        m = of(Value.bytes(bytes));
      } else {
        throw new IllegalArgumentException("unknown Phase King message tag " + tag
            + " (0, 1 an order, 2 nothing, 3 a number, 4 an application value)");
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
