package io.github.bgp.om;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.bgp.api.Value;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * OM(m)'s frames as a peer may send them: any bytes either decode or are refused with an
 * {@link IllegalArgumentException} that says why (nothing else escapes: no index, size or
 * memory error), and a frame that decodes encodes to a frame that decodes to the same values.
 *
 * <p>In {@code mvn verify} this runs over the committed inputs in
 * {@code src/test/resources/io/github/bgp/om/OmCodecFuzzTestInputs/decode}; {@code scripts/fuzz
 * om-codec.decode SECONDS} fuzzes it.
 */
class OmCodecFuzzTest {

  private static final OmCodec CODEC = OmCodec.INSTANCE;

  @FuzzTest
  void decode(byte[] bytes) {
    OmFrame frame;
    try {
      // read-only and at an offset, as the runtime hands a payload over
      frame = CODEC.decode(payload(bytes));
    } catch (IllegalArgumentException refused) {
      assertFalse(refused.getMessage() == null || refused.getMessage().isBlank(), "a refusal without a reason");
      return;
    }
    byte[] encoded = CODEC.encode(frame);
    OmFrame again = CODEC.decode(ByteBuffer.wrap(encoded));
    assertEquals(values(frame), values(again), "the values after a round trip");
    assertEquals(frame.present(), again.present(), "present values after a round trip");
    assertArrayEquals(encoded, CODEC.encode(again), "a re-encoded frame's bytes");
  }

  /** {@code bytes} as a read-only buffer whose position is not 0. */
  private static ByteBuffer payload(byte[] bytes) {
    byte[] framed = new byte[bytes.length + 3];
    System.arraycopy(bytes, 0, framed, 3, bytes.length);
    return ByteBuffer.wrap(framed, 3, bytes.length).asReadOnlyBuffer();
  }

  /** The frame's kind and every value (null for absent), for comparing two frames. */
  private static List<Object> values(OmFrame frame) {
    List<Object> all = new ArrayList<>();
    all.add(frame.getClass().getSimpleName());
    for (int i = 0; i < frame.size(); i++) {
      Value v = frame.valueAt(i);
      all.add(v);
    }
    return all;
  }
}
