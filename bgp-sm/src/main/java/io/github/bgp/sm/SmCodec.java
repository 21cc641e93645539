package io.github.bgp.sm;

import io.github.bgp.api.NodeId;
import io.github.bgp.api.Value;
import io.github.bgp.spi.Codec;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * SM(m)'s wire format. Big-endian:
 *
 * <pre>
 * frame:     u8 version (1), u16 count, count x message
 * message:   u8 kind (0 order, 1 number), i64 code, u8 chain length, length x signature
 * signature: u16 signer, 64 bytes
 * </pre>
 *
 * Anything else is rejected with a message that says what: an unknown version or kind, an
 * order code other than 0 or 1, a length that does not match, trailing bytes. Whether the
 * signatures verify is the protocol's business, not the codec's.
 */
final class SmCodec implements Codec<SmFrame> {

  static final SmCodec INSTANCE = new SmCodec();

  private static final byte VERSION = 1;
  private static final int MAX_MESSAGES = 0xFFFF;
  private static final int MAX_CHAIN = 0xFF;

  private SmCodec() {}

  @Override
  public byte[] encode(SmFrame frame) {
    int size = 3;
    for (SmFrame.Signed m : frame.messages()) {
      size += 10 + m.chain().size() * (2 + SmFrame.Signature.LENGTH);
    }
    if (frame.messages().size() > MAX_MESSAGES) {
      throw new IllegalArgumentException("an SM frame holds at most " + MAX_MESSAGES + " messages");
    }
    ByteBuffer b = ByteBuffer.allocate(size);
    b.put(VERSION).putShort((short) frame.messages().size());
    for (SmFrame.Signed m : frame.messages()) {
      if (m.chain().size() > MAX_CHAIN) {
        throw new IllegalArgumentException("a chain holds at most " + MAX_CHAIN + " signatures");
      }
      b.put((byte) m.value().kind().ordinal()).putLong(m.value().code()).put((byte) m.chain().size());
      for (SmFrame.Signature s : m.chain()) {
        b.putShort((short) s.signer().index()).put(s.raw());
      }
    }
    return b.array();
  }

  @Override
  public SmFrame decode(ByteBuffer in) {
    need(in, 3, "its header");
    byte version = in.get();
    if (version != VERSION) {
      throw new IllegalArgumentException("unknown SM frame version " + version + " (expected " + VERSION + ")");
    }
    int count = Short.toUnsignedInt(in.getShort());
    List<SmFrame.Signed> messages = new ArrayList<>(Math.min(count, 1024));
    for (int i = 0; i < count; i++) {
      need(in, 10, "message " + i);
      byte kind = in.get();
      long code = in.getLong();
      int length = Byte.toUnsignedInt(in.get());
      Value value;
      if (kind == 0) {
        if (code != 0 && code != 1) {
          throw new IllegalArgumentException("SM message " + i + " carries order code " + code + " (expected 0 or 1)");
        }
        value = Value.of(Value.Kind.ORDER, code);
      } else if (kind == 1) {
        value = Value.number(code);
      } else {
        throw new IllegalArgumentException("SM message " + i + " has unknown kind " + kind);
      }
      need(in, length * (2 + SmFrame.Signature.LENGTH), "the " + length + " signatures of message " + i);
      List<SmFrame.Signature> chain = new ArrayList<>(length);
      for (int s = 0; s < length; s++) {
        int signer = Short.toUnsignedInt(in.getShort());
        byte[] bytes = new byte[SmFrame.Signature.LENGTH];
        in.get(bytes);
        chain.add(new SmFrame.Signature(NodeId.of(signer), bytes));
      }
      messages.add(new SmFrame.Signed(value, chain));
    }
    if (in.hasRemaining()) {
      throw new IllegalArgumentException("SM frame has " + in.remaining() + " bytes after its " + count + " messages");
    }
    return new SmFrame(messages);
  }

  private static void need(ByteBuffer in, int bytes, String what) {
    if (in.remaining() < bytes) {
      throw new IllegalArgumentException(
          "SM frame ends " + (bytes - in.remaining()) + " bytes short of " + what);
    }
  }
}
