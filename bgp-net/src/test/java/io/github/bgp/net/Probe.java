package io.github.bgp.net;

import io.github.bgp.api.NodeId;
import io.github.bgp.spi.Codec;
import io.github.bgp.spi.Node;
import io.github.bgp.spi.Setup;
import java.nio.ByteBuffer;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A protocol that only listens: its node stays up (it is never done) and hands every message that
 * reaches it to the test, with the sender the runtime vouched for. It tells a test that a frame
 * got through the transport to a protocol, and from whom.
 */
final class Probe implements Setup<byte[]> {

  /** A message as the protocol saw it. */
  record Heard(NodeId from, int round, String text) {}

  private final BlockingQueue<Heard> heard = new LinkedBlockingQueue<>();

  /**
   * The next message that reached the probe, waiting up to a minute: long enough that only a hang fails, however
   * loaded the machine (the wait ends as soon as a message comes).
   */
  Heard next() throws InterruptedException {
    Heard h = heard.poll(60, TimeUnit.SECONDS);
    if (h == null) {
      throw new AssertionError("nothing reached the probe within 60 s");
    }
    return h;
  }

  /** The messages that reached the probe and were not taken yet. */
  int waiting() {
    return heard.size();
  }

  static byte[] payload(String text) {
    return text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }

  @Override
  public Codec<byte[]> codec() {
    return new Codec<>() {
      @Override
      public byte[] encode(byte[] message) {
        return message.clone();
      }

      @Override
      public byte[] decode(ByteBuffer bytes) {
        byte[] b = new byte[bytes.remaining()];
        bytes.get(b);
        return b;
      }
    };
  }

  @Override
  public Node<byte[]> node(NodeId id) {
    return new Node<>() {
      @Override
      public void start(Context<byte[]> context) {
        // It listens until the node closes.
      }

      @Override
      public void receive(NodeId from, int round, byte[] message, Context<byte[]> context) {
        heard.add(new Heard(from, round, new String(message, java.nio.charset.StandardCharsets.UTF_8)));
      }
    };
  }
}
