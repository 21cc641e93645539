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

  /**
   * The instance the message belongs to.
   *
   * @return the instance's id
   */
  public InstanceId instance() {
    return instance;
  }

  /**
   * The round it was sent in.
   *
   * @return the round, non-negative
   */
  public int round() {
    return round;
  }

  /**
   * The sender.
   *
   * @return the sending node's id
   */
  public NodeId from() {
    return from;
  }

  /**
   * The recipient.
   *
   * @return the receiving node's id, never the sender's
   */
  public NodeId to() {
    return to;
  }

  /**
   * The sender's Lamport clock when it sent the message.
   *
   * @return the clock, which the receiver's driver takes the maximum with
   */
  public long lamport() {
    return lamport;
  }

  /**
   * The message; a receiver handed it directly must not change it.
   *
   * @return the message as the node sent it, not a copy
   */
  public M message() {
    return message;
  }

  /**
   * How many logical messages it carries ({@link io.github.bgp.spi.Setup#logicalMessages}).
   *
   * @return the count, for the run's message total
   */
  public int logicalMessages() {
    return logical;
  }

  /**
   * The encoded frame, made once on first use (not thread-safe: ask from one thread).
   *
   * @return the frame, the same object on every call
   */
  public Frame frame() {
    if (frame == null) {
      frame = new Frame(instance, round, from, to, lamport, ByteBuffer.wrap(codec.encode(message)));
    }
    return frame;
  }

  /**
   * The payload's size in bytes: the encoded frame's if it was made, else the codec's count.
   *
   * @return the size, without making the frame
   */
  public int size() {
    return frame != null ? frame.size() : codec.size(message);
  }

  @Override
  public String toString() {
    return "round " + round + " " + from + " -> " + to + ": " + message;
  }
}
