package io.github.bgp.dolevstrong;

import io.github.bgp.sm.SignedValue;
import io.github.bgp.spi.Codec;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * What one general sends another in one round of Dolev-Strong: the signed values it relays,
 * possibly none (a loyal lieutenant sends an empty frame, so only silence waits for a deadline).
 * On the wire: {@code u8 'D', u16 count}, then each message in {@link SignedValue}'s form.
 */
record DsFrame(List<SignedValue> messages) {

  static final DsFrame EMPTY = new DsFrame(List.of());

  private static final byte TAG = 'D';
  private static final int MAX_MESSAGES = 0xFFFF;

  DsFrame {
    messages = List.copyOf(messages);
  }

  static final Codec<DsFrame> CODEC = new Codec<>() {
    @Override
    public byte[] encode(DsFrame frame) {
      if (frame.messages().size() > MAX_MESSAGES) {
        throw new IllegalArgumentException("a Dolev-Strong frame holds at most " + MAX_MESSAGES + " messages");
      }
      ByteBuffer b = ByteBuffer.allocate(size(frame));
      b.put(TAG).putShort((short) frame.messages().size());
      frame.messages().forEach(m -> m.write(b));
      return b.array();
    }

    @Override
    public int size(DsFrame frame) {
      int size = 3;
      for (SignedValue m : frame.messages()) {
        size += m.size();
      }
      return size;
    }

    @Override
    public DsFrame decode(ByteBuffer in) {
      if (in.remaining() < 3) {
        throw new IllegalArgumentException("Dolev-Strong frame of " + in.remaining() + " bytes is shorter than its"
            + " 3-byte header");
      }
      byte tag = in.get();
      if (tag != TAG) {
        throw new IllegalArgumentException("a Dolev-Strong frame starts with 'D', not " + tag);
      }
      int count = Short.toUnsignedInt(in.getShort());
      List<SignedValue> messages = new ArrayList<>(Math.min(count, 1024));
      for (int i = 0; i < count; i++) {
        messages.add(SignedValue.read(in, "Dolev-Strong", i));
      }
      if (in.hasRemaining()) {
        throw new IllegalArgumentException("Dolev-Strong frame has " + in.remaining() + " bytes after its " + count
            + " messages");
      }
      return new DsFrame(messages);
    }
  };
}
