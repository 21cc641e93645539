package io.github.bgp.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.bgp.runtime.Frame;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.util.function.Function;

/**
 * The network framing as a peer (or anyone who can reach the port) may send it: the body of a
 * HELLO, SCHEDULE or DATA frame, after its length and kind. Any bytes either parse or are refused
 * with an {@link IllegalArgumentException} that says why (which the transport counts as a
 * malformed frame and hangs up over); nothing else escapes. A frame that parses encodes back to
 * exactly the length, kind and body it came from.
 *
 * <p>In {@code mvn verify} these run over the committed inputs in
 * {@code src/test/resources/io/github/bgp/net/WireFuzzTestInputs/<method>}; {@code scripts/fuzz
 * wire.hello SECONDS} (or {@code wire.start}, {@code wire.data}) fuzzes one.
 */
class WireFuzzTest {

  private static final UnpooledByteBufAllocator ALLOC = new UnpooledByteBufAllocator(false);

  @FuzzTest
  void hello(byte[] body) {
    Wire.Hello hello = parse(body, Wire::readHello);
    if (hello == null) {
      return;
    }
    byte[] encoded = bytes(Wire.hello(ALLOC, hello.node(), hello.cluster()));
    Wire.Hello again = Wire.readHello(Unpooled.wrappedBuffer(encoded, Wire.LENGTH + 1, encoded.length - Wire.LENGTH - 1));
    assertEquals(new Wire.Hello(Wire.VERSION, hello.node(), hello.cluster()), again, "the HELLO after a round trip");
    if (hello.version() == Wire.VERSION) { // the encoder writes this node's version only
      assertArrayEquals(framed(Wire.HELLO, body), encoded, "the HELLO's encoding");
    }
  }

  @FuzzTest
  void schedule(byte[] body) {
    Announcement a = parse(body, Wire::readSchedule);
    if (a != null) {
      assertArrayEquals(framed(Wire.SCHEDULE, body), bytes(Wire.schedule(ALLOC, a)), "the SCHEDULE's encoding");
    }
  }

  @FuzzTest
  void data(byte[] body) {
    Frame frame = parse(body, Wire::readData);
    if (frame != null) {
      assertEquals(body.length - (Wire.DATA_HEADER - 1), frame.size(), "the payload's size");
      assertArrayEquals(framed(Wire.DATA, body), bytes(Wire.data(ALLOC, frame)), "the DATA frame's encoding");
    }
  }

  /** What {@code reader} makes of {@code body}, or null if it refused it with a reason. */
  private static <T> T parse(byte[] body, Function<ByteBuf, T> reader) {
    // at an offset in a larger buffer, as a frame is a slice of what the connection read
    byte[] around = new byte[body.length + 5];
    System.arraycopy(body, 0, around, 5, body.length);
    ByteBuf buf = Unpooled.wrappedBuffer(around, 5, body.length);
    try {
      return reader.apply(buf);
    } catch (IllegalArgumentException refused) {
      assertFalse(refused.getMessage() == null || refused.getMessage().isBlank(), "a refusal without a reason");
      return null;
    } finally {
      buf.release();
    }
  }

  /** The bytes on the wire of a frame of {@code kind} with {@code body}: length, kind, body. */
  private static byte[] framed(byte kind, byte[] body) {
    ByteBuf b = Unpooled.buffer(Wire.LENGTH + 1 + body.length);
    b.writeInt(1 + body.length).writeByte(kind).writeBytes(body);
    return bytes(b);
  }

  private static byte[] bytes(ByteBuf b) {
    try {
      return ByteBufUtil.getBytes(b);
    } finally {
      b.release();
    }
  }
}
