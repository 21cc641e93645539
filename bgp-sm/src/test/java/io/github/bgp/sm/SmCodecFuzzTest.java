package io.github.bgp.sm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.ByteBuffer;

/**
 * SM(m)'s frames as a peer may send them: any bytes either decode or are refused with an
 * {@link IllegalArgumentException} that says why (nothing else escapes), and the format has one
 * encoding per frame, so a frame that decodes encodes back to exactly the bytes it came from.
 *
 * <p>In {@code mvn verify} this runs over the committed inputs in
 * {@code src/test/resources/io/github/bgp/sm/SmCodecFuzzTestInputs/decode}; {@code scripts/fuzz
 * sm-codec.decode SECONDS} fuzzes it.
 */
class SmCodecFuzzTest {

  private static final SmCodec CODEC = SmCodec.INSTANCE;

  @FuzzTest
  void decode(byte[] bytes) {
    SmFrame frame;
    try {
      frame = CODEC.decode(payload(bytes));
    } catch (IllegalArgumentException refused) {
      assertFalse(refused.getMessage() == null || refused.getMessage().isBlank(), "a refusal without a reason");
      return;
    }
    byte[] encoded = CODEC.encode(frame);
    assertArrayEquals(bytes, encoded, "the frame's encoding");
    assertEquals(frame, CODEC.decode(ByteBuffer.wrap(encoded)), "the frame after a round trip");
  }

  /** {@code bytes} as a read-only buffer whose position is not 0, as the runtime hands a payload over. */
  private static ByteBuffer payload(byte[] bytes) {
    byte[] framed = new byte[bytes.length + 3];
    System.arraycopy(bytes, 0, framed, 3, bytes.length);
    return ByteBuffer.wrap(framed, 3, bytes.length).asReadOnlyBuffer();
  }
}
