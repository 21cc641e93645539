package io.github.bgp.api;

import java.util.List;
import java.util.Objects;

/**
 * One logical message of a traced run, as the seeds draw it: {@code to} received {@code value}
 * along {@code path} at {@code level} (the number of relays still to come), and will forward it
 * to {@code others} unless the level is 0. Frames carry many logical messages; a trace lists
 * every one, with the Lamport timestamps of the frame's send and receive events.
 *
 * @param sentAt the sender's Lamport clock when it sent the frame
 * @param receivedAt the receiver's Lamport clock when it received the frame
 * @param from the node that sent the frame
 * @param to the node that received it
 * @param round the protocol round the frame belongs to, from 1
 * @param level the number of relays still to come after this one (0: the value is not forwarded)
 * @param value the value received
 * @param path the generals the value passed through, ending with the sender
 * @param others the lieutenants that have not yet seen the value along this path (the
 *     receiver's forwarding list)
 * @since 0.1.0
 */
public record LogicalMessage(
    long sentAt,
    long receivedAt,
    NodeId from,
    NodeId to,
    int round,
    int level,
    Value value,
    List<NodeId> path,
    List<NodeId> others) {

  /**
   * Checks the parts and copies the two lists, so the message is immutable.
   *
   * @param sentAt the sender's Lamport clock when it sent the frame
   * @param receivedAt the receiver's Lamport clock when it received the frame
   * @param from the node that sent the frame
   * @param to the node that received it
   * @param round the protocol round the frame belongs to, from 1
   * @param level the number of relays still to come after this one (0: the value is not forwarded)
   * @param value the value received
   * @param path the generals the value passed through, ending with the sender
   * @param others the lieutenants that have not yet seen the value along this path (the
   *     receiver's forwarding list)
   * @throws NullPointerException if {@code from}, {@code to}, {@code value}, {@code path} or
   *     {@code others} is null
   */
  public LogicalMessage {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(value, "value");
    path = List.copyOf(path);
    others = List.copyOf(others);
  }

  /**
   * Receives the logical messages a protocol finds in one frame.
   *
   * @since 0.1.0
   */
  @FunctionalInterface
  public interface Sink {
    /**
     * One logical message of the frame being described; the sink adds the frame's sender,
     * receiver, round and clocks.
     *
     * @param level the number of relays still to come after this one
     * @param value the value carried
     * @param path the generals the value passed through, ending with the sender
     * @param others the lieutenants the receiver forwards it to (empty at level 0)
     */
    void message(int level, Value value, List<NodeId> path, List<NodeId> others);
  }
}
