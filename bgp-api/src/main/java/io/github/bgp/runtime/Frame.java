package io.github.bgp.runtime;

import io.github.bgp.api.InstanceId;
import io.github.bgp.api.NodeId;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * The unit a {@link Transport} carries: one encoded protocol message, with the header every
 * frame has on the wire (instance, round, sender, receiver, and the sender's Lamport clock).
 *
 * <p>The payload is held as a read-only view; the frame never copies it.
 *
 * @param instance the instance the frame belongs to
 * @param round the round it was sent in, non-negative
 * @param from its sender
 * @param to its receiver
 * @param lamport the sender's Lamport clock when it sent the frame
 * @param payload the encoded message (kept as a read-only view, not copied)
 * @since 0.1.0
 */
public record Frame(InstanceId instance, int round, NodeId from, NodeId to, long lamport, ByteBuffer payload) {

  /**
   * Checks the header and keeps a read-only view of the payload.
   *
   * @param instance the instance the frame belongs to
   * @param round the round it was sent in, non-negative
   * @param from its sender
   * @param to its receiver
   * @param lamport the sender's Lamport clock when it sent the frame
   * @param payload the encoded message (kept as a read-only view, not copied)
   * @throws NullPointerException if {@code instance}, {@code from}, {@code to} or {@code payload} is null
   * @throws IllegalArgumentException if {@code round} is negative
   */
  public Frame {
    Objects.requireNonNull(instance, "instance");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    if (round < 0) {
      throw new IllegalArgumentException("a frame's round is non-negative, got " + round);
    }
    payload = Objects.requireNonNull(payload, "payload").asReadOnlyBuffer();
  }

  /**
   * The payload, positioned at its start; the view is independent of this frame's.
   *
   * @return a fresh read-only view of the payload, so reading it does not move another reader's position
   */
  @Override
  public ByteBuffer payload() {
    return payload.duplicate();
  }

  /**
   * The payload's length in bytes.
   *
   * @return the bytes remaining in the payload as given
   */
  public int size() {
    return payload.remaining();
  }
}
