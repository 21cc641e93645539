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
 * @param lamport the sender's Lamport clock when it sent the frame
 * @since 0.1.0
 */
public record Frame(InstanceId instance, int round, NodeId from, NodeId to, long lamport, ByteBuffer payload) {

  public Frame {
    Objects.requireNonNull(instance, "instance");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    if (round < 0) {
      throw new IllegalArgumentException("a frame's round is non-negative, got " + round);
    }
    payload = Objects.requireNonNull(payload, "payload").asReadOnlyBuffer();
  }

  /** The payload, positioned at its start; the view is independent of this frame's. */
  @Override
  public ByteBuffer payload() {
    return payload.duplicate();
  }

  /** The payload's length in bytes. */
  public int size() {
    return payload.remaining();
  }
}
