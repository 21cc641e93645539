package io.github.bgp.examples.relay;

import io.github.bgp.api.Value;
import io.github.bgp.spi.Codec;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * Relay's one message: a value (the commander's order in round 1, a lieutenant's relay of it in
 * round 2). On the wire: {@code u8 kind (0 order, 1 number), i64 code}.
 */
record RelayMessage(Value value) {

  RelayMessage {
    Objects.requireNonNull(value, "value");
  }

  /** The wire format: every malformed input is an IllegalArgumentException saying what is wrong. */
  static final Codec<RelayMessage> CODEC = new Codec<>() {
    @Override
    public byte[] encode(RelayMessage m) {
      return ByteBuffer.allocate(9).put((byte) (m.value().isOrder() ? 0 : 1)).putLong(m.value().code()).array();
    }

    @Override
    public RelayMessage decode(ByteBuffer in) {
      if (in.remaining() != 9) {
        throw new IllegalArgumentException("a relay message is 9 bytes, got " + in.remaining());
      }
      byte kind = in.get();
      if (kind != 0 && kind != 1) {
        throw new IllegalArgumentException("unknown value kind " + kind + " (0 order, 1 number)");
      }
      return new RelayMessage(Value.of(kind == 0 ? Value.Kind.ORDER : Value.Kind.NUMBER, in.getLong()));
    }

    @Override
    public int size(RelayMessage m) {
      return 9;
    }
  };
}
