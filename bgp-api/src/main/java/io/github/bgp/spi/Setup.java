package io.github.bgp.spi;

import io.github.bgp.api.LogicalMessage;
import io.github.bgp.api.NodeId;

/**
 * A protocol set up for one instance: what a runtime needs to drive it, whatever its family.
 * {@code AgreementProtocol.create} and {@code CommitProtocol.create} return one. Only
 * {@link #codec()} and {@link #node} are required; the bookkeeping methods have defaults that fit
 * a protocol whose frames carry one message each.
 *
 * @param <M> the protocol's message type
 * @since 0.1.0
 */
public interface Setup<M> {

  /** The value {@link #expectedMessages()} returns when a protocol cannot say. */
  long UNKNOWN = -1;

  /**
   * How messages are written to and read from the wire.
   *
   * @return the codec, shared by every node of the instance
   */
  Codec<M> codec();

  /**
   * The state machine that {@code id} runs: loyal, or a traitor if the instance was set up with an
   * {@link Adversary} that names it. Each call returns a new, independent node.
   *
   * @param id a node of the instance
   * @return a fresh node, not yet started
   * @throws IllegalArgumentException if {@code id} is not a node of the instance
   */
  Node<M> node(NodeId id);

  /**
   * How many logical messages a frame carries, for the run's message count.
   *
   * @param message a frame's message
   * @return the number of logical messages in it; 1 by default
   */
  default int logicalMessages(M message) {
    return 1;
  }

  /**
   * Lists the logical messages in a frame {@code from} sent {@code to} in {@code round}, for a
   * trace; called only when a run is traced. The default lists none: a trace then shows the frame
   * as {@link #describe(Object)} words it.
   *
   * @param from the frame's sender
   * @param to its receiver
   * @param round its round
   * @param message its message
   * @param sink what to give each logical message to
   */
  default void describe(NodeId from, NodeId to, int round, M message, LogicalMessage.Sink sink) {}

  /**
   * One line saying what a message is, for traces ({@code VOTE-REQ txn 3}).
   *
   * @param message a message of this protocol
   * @return the line; its {@code toString} by default
   */
  default String describe(M message) {
    return String.valueOf(message);
  }

  /**
   * What a timer is for, for traces ({@code vote timeout, txn 3}).
   *
   * @param token the token a node set the timer with
   * @return the words; {@code "timer "} and the token by default
   */
  default String describeTimer(long token) {
    return "timer " + token;
  }

  /**
   * One line saying what a durable log record is, for steps and traces.
   *
   * @param record a record this protocol persisted
   * @return the line; by default its size ({@code "a record of 17 bytes"})
   */
  default String describeRecord(byte[] record) {
    return "a record of " + record.length + " bytes";
  }

  /**
   * The logical messages a run sends when nobody is silent, so a runtime can check a count or
   * refuse a run too large.
   *
   * @return the count, or {@link #UNKNOWN} (the default) if the protocol cannot say
   */
  default long expectedMessages() {
    return UNKNOWN;
  }

  /**
   * A conservative estimate of the heap the whole run needs, all nodes together, so a runtime can
   * refuse a run that would not fit.
   *
   * @return the estimate in bytes; 0 (the default) if it is small
   */
  default long estimatedBytes() {
    return 0;
  }
}
