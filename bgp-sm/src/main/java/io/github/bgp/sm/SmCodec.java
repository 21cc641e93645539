package io.github.bgp.sm;

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

  private SmCodec() {}

  @Override
  public byte[] encode(SmFrame frame) {
    int size = 3;
    for (SignedValue m : frame.messages()) {
      size += m.size();
    }
    if (frame.messages().size() > MAX_MESSAGES) {
      throw new IllegalArgumentException("an SM frame holds at most " + MAX_MESSAGES + " messages");
    }
    ByteBuffer b = ByteBuffer.allocate(size);
    b.put(VERSION).putShort((short) frame.messages().size());
    for (SignedValue m : frame.messages()) {
      m.write(b);
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
    List<SignedValue> messages = new ArrayList<>(Math.min(count, 1024));
    for (int i = 0; i < count; i++) {
      messages.add(SignedValue.read(in, "SM", i));
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
