package io.github.bgp.runtime;

import io.github.bgp.api.InstanceId;
import io.github.bgp.api.NodeId;
import io.github.bgp.spi.Codec;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * A message a node sends, as the {@link NodeDriver} hands it to its runtime: the frame's header,
 * the message itself, and its encoding, made only if a runtime asks for the {@link #frame()} (a
 * network does; a simulation that hands messages over as they are does not).
 *
 * @param <M> the protocol's message type
 * @since 0.1.0
 */
public final class Outgoing<M> {

  private final InstanceId instance;
  private final int round;
  private final NodeId from;
  private final NodeId to;
  private final long lamport;
  private final M message;
  private final int logical;
  private final Codec<M> codec;
  private Frame frame;

  Outgoing(InstanceId instance, int round, NodeId from, NodeId to, long lamport, M message, int logical,
      Codec<M> codec) {
    this.instance = instance;
    this.round = round;
    this.from = from;
    this.to = to;
    this.lamport = lamport;
    this.message = Objects.requireNonNull(message, "message");
    this.logical = logical;
    this.codec = codec;
  }

  public InstanceId instance() {
    return instance;
  }

  public int round() {
    return round;
  }

  public NodeId from() {
    return from;
  }

  public NodeId to() {
    return to;
  }

  /** The sender's Lamport clock when it sent the message. */
  public long lamport() {
    return lamport;
  }

  /** The message; a receiver handed it directly must not change it. */
  public M message() {
    return message;
  }

  /** How many logical messages it carries. */
  public int logicalMessages() {
    return logical;
  }

  /** The encoded frame, made once on first use. */
  public Frame frame() {
    if (frame == null) {
      frame = new Frame(instance, round, from, to, lamport, ByteBuffer.wrap(codec.encode(message)));
    }
    return frame;
  }

  /** The payload's size in bytes: the encoded frame's if it was made, else the codec's count. */
  public int size() {
    return frame != null ? frame.size() : codec.size(message);
  }

  @Override
  public String toString() {
    return "round " + round + " " + from + " -> " + to + ": " + message;
  }
}
