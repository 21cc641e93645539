package io.github.bgp.api;

/**
 * A {@link CommitProtocol} set up for one run: what a runtime needs to drive it.
 *
 * @param <M> the protocol's message type
 */
public interface Commit<M> {

  /** How messages are written to and read from the wire. */
  Codec<M> codec();

  /** The state machine of node {@code id}: the coordinator (0) or a participant. */
  Node<M> node(NodeId id);

  /** How many logical messages a frame carries. */
  int logicalMessages(M message);

  /** One line describing a message, for traces: {@code VOTE-REQ txn 3}. */
  String describe(M message);
}
