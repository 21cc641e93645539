package io.github.bgp.net;

import io.github.bgp.api.InstanceId;
import io.github.bgp.api.NodeId;
import io.github.bgp.runtime.Frame;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * The bytes on a connection: a sequence of frames, each a 4-byte big-endian length and then that
 * many bytes, no more than the cluster's {@code maxFrameBytes}. A frame's first byte is its kind:
 *
 * <ul>
 *   <li>{@code HELLO} (first on every connection, from the dialing side): wire version (1
 *       byte), the sender's node id (4), the cluster's name (2-byte length, UTF-8: other bytes
 *       are malformed);
 *   <li>{@code DATA}: instance (8), round (4), sender (4), receiver (4), the sender's Lamport
 *       clock (8), then the protocol's own encoding of the message, to the end of the frame;
 *   <li>{@code SCHEDULE}: the start this node's run uses (8 bytes, milliseconds since 1970) and a
 *       digest of its whole schedule (8): purely informational, for the operator's cross-check
 *       ({@link NettyTransport#announce}); no node takes a start from a peer.
 * </ul>
 *
 * <p>Version 1's {@code START} (2: a peer setting everyone's start) and {@code READY} (4) are no
 * more: like any other kind, they are malformed. Every field is checked on arrival; a frame that
 * does not parse is a protocol violation by the peer, and the connection is closed after it is
 * counted.
 */
final class Wire {

  static final byte HELLO = 1;
  /** Version 1's START, by which any peer set the run's start: refused since version 2. */
  static final byte RETIRED_START = 2;
  static final byte DATA = 3;
  /** Version 1's READY: refused since version 2. */
  static final byte RETIRED_READY = 4;
  static final byte SCHEDULE = 5;
  static final int VERSION = 2;
  /** The bytes of a DATA frame before its payload. */
  static final int DATA_HEADER = 1 + 8 + 4 + 4 + 4 + 8;
  /** The length prefix. */
  static final int LENGTH = 4;

  private Wire() {}

  /** A HELLO frame's contents. */
  record Hello(int version, NodeId node, String cluster) {}

  static ByteBuf hello(ByteBufAllocator alloc, NodeId self, String cluster) {
    byte[] name = cluster.getBytes(StandardCharsets.UTF_8);
    ByteBuf b = alloc.buffer(LENGTH + 1 + 1 + 4 + 2 + name.length);
    b.writeInt(1 + 1 + 4 + 2 + name.length).writeByte(HELLO).writeByte(VERSION).writeInt(self.index())
        .writeShort(name.length).writeBytes(name);
    return b;
  }

  static ByteBuf schedule(ByteBufAllocator alloc, Announcement a) {
    return alloc.buffer(LENGTH + 17).writeInt(17).writeByte(SCHEDULE).writeLong(a.startMillis()).writeLong(a.digest());
  }

  static ByteBuf data(ByteBufAllocator alloc, Frame f) {
    ByteBuffer payload = f.payload();
    ByteBuf b = alloc.buffer(LENGTH + DATA_HEADER + payload.remaining());
    b.writeInt(DATA_HEADER + payload.remaining()).writeByte(DATA).writeLong(f.instance().value())
        .writeInt(f.round()).writeInt(f.from().index()).writeInt(f.to().index()).writeLong(f.lamport())
        .writeBytes(payload);
    return b;
  }

  /** Reads a HELLO frame's body (after its kind byte). */
  static Hello readHello(ByteBuf body) {
    require(body, 1 + 4 + 2, "a HELLO frame");
    int version = body.readUnsignedByte();
    int node = body.readInt();
    int length = body.readUnsignedShort();
    require(body, length, "a HELLO frame's cluster name");
    if (body.readableBytes() != length) {
      throw new IllegalArgumentException("a HELLO frame has " + (body.readableBytes() - length) + " stray bytes");
    }
    if (node < 0) {
      throw new IllegalArgumentException("a HELLO frame names node " + node);
    }
    String cluster;
    try {
      // strictly: a lenient decoder would turn bytes that are not UTF-8 into U+FFFD, another name
      cluster = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(body.nioBuffer(body.readerIndex(), length)).toString();
    } catch (CharacterCodingException e) {
      throw new IllegalArgumentException("a HELLO frame's cluster name is not UTF-8");
    }
    body.skipBytes(length);
    return new Hello(version, NodeId.of(node), cluster);
  }

  /** Reads a SCHEDULE frame's body (after its kind byte). */
  static Announcement readSchedule(ByteBuf body) {
    if (body.readableBytes() != 16) {
      throw new IllegalArgumentException("a SCHEDULE frame has " + body.readableBytes() + " bytes, not 16");
    }
    long start = body.readLong();
    if (start <= 0) {
      throw new IllegalArgumentException("a SCHEDULE frame names start " + start + ", not a time after 1970");
    }
    return new Announcement(start, body.readLong());
  }

  /** Reads a DATA frame's body (after its kind byte), copying the payload off the buffer. */
  static Frame readData(ByteBuf body) {
    require(body, DATA_HEADER - 1, "a DATA frame's header");
    long instance = body.readLong();
    int round = body.readInt();
    int from = body.readInt();
    int to = body.readInt();
    long lamport = body.readLong();
    if (round < 0 || from < 0 || to < 0) {
      throw new IllegalArgumentException("a DATA frame names round " + round + ", sender " + from + ", receiver " + to);
    }
    byte[] payload = new byte[body.readableBytes()];
    body.readBytes(payload);
    return new Frame(InstanceId.of(instance), round, NodeId.of(from), NodeId.of(to), lamport, ByteBuffer.wrap(payload));
  }

  private static void require(ByteBuf body, int bytes, String what) {
    if (body.readableBytes() < bytes) {
      throw new IllegalArgumentException(what + " is cut short: " + body.readableBytes() + " bytes, need " + bytes);
    }
  }
}
