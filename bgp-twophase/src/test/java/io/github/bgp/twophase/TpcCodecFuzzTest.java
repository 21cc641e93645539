package io.github.bgp.twophase;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.bgp.twophase.internal.CommitRecord;
import java.nio.ByteBuffer;

/**
 * Two-phase commit's bytes from outside: the messages a peer sends ({@link TpcCodec}) and the
 * records a log file holds ({@link TpcRecord#decode}). Any bytes either decode or are refused
 * with an {@link IllegalArgumentException} that says why (nothing else escapes), and each format
 * has one encoding per message, so what decodes encodes back to exactly the bytes it came from.
 *
 * <p>In {@code mvn verify} these run over the committed inputs in
 * {@code src/test/resources/io/github/bgp/twophase/TpcCodecFuzzTestInputs/<method>};
 * {@code scripts/fuzz tpc-codec.message SECONDS} (or {@code tpc-codec.log-record}) fuzzes one.
 */
class TpcCodecFuzzTest {

  private static final TpcCodec CODEC = TpcCodec.INSTANCE;

  @FuzzTest
  void message(byte[] bytes) {
    byte[] framed = new byte[bytes.length + 3];
    System.arraycopy(bytes, 0, framed, 3, bytes.length);
    TpcMessage m;
    try {
      // read-only and at an offset, as the runtime hands a payload over
      m = CODEC.decode(ByteBuffer.wrap(framed, 3, bytes.length).asReadOnlyBuffer());
    } catch (IllegalArgumentException refused) {
      assertReason(refused);
      return;
    }
    byte[] encoded = CODEC.encode(m);
    assertArrayEquals(bytes, encoded, "the message's encoding");
    assertEquals(m, CODEC.decode(ByteBuffer.wrap(encoded)), "the message after a round trip");
  }

  @FuzzTest
  void logRecord(byte[] bytes) {
    CommitRecord r;
    try {
      r = TpcRecord.decode(bytes);
    } catch (IllegalArgumentException refused) {
      assertReason(refused);
      return;
    }
    byte[] encoded = TpcRecord.encode(r);
    assertArrayEquals(bytes, encoded, "the record's encoding");
    assertEquals(r, TpcRecord.decode(encoded), "the record after a round trip");
    assertFalse(TpcRecord.describe(r).isBlank(), "a record's description");
  }

  private static void assertReason(IllegalArgumentException refused) {
    assertFalse(refused.getMessage() == null || refused.getMessage().isBlank(), "a refusal without a reason");
  }
}
