package io.github.bgp.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.bgp.api.NodeId;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

/** Frames the fuzzer found the parsers mishandling (WireFuzzTest), each checked on its own. */
class WireTest {

  @Test
  void aHelloWhoseClusterNameIsNotUtf8IsMalformed() {
    // version 1, node 1, a name of 3 bytes: "a", then C3 without its continuation byte, then "b"
    ByteBuf body = Unpooled.wrappedBuffer(new byte[] {1, 0, 0, 0, 1, 0, 3, 'a', (byte) 0xC3, 'b'});
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Wire.readHello(body));
    assertTrue(e.getMessage().contains("cluster name is not UTF-8"), e.getMessage());
    ByteBuf fine = Unpooled.wrappedBuffer(new byte[] {1, 0, 0, 0, 1, 0, 3, 'a', (byte) 0xC3, (byte) 0xA4});
    assertEquals(new Wire.Hello(1, NodeId.of(1), "a\u00e4"), Wire.readHello(fine));
    assertEquals(0, fine.readableBytes(), "the name is consumed");
  }
}
