package io.github.bgp.api;

/**
 * An {@link AgreementProtocol} set up for one run: everything a runtime needs to drive it.
 *
 * @param <M> the protocol's message type
 */
public interface Agreement<M> {

  /** How messages are written to and read from the wire. */
  Codec<M> codec();

  /**
   * The state machine that {@code id} runs: loyal, or a traitor following the scenario's
   * strategy. Each call returns a new, independent node.
   */
  Node<M> node(NodeId id);

  /** How many logical messages a frame carries. */
  int logicalMessages(M message);

  /**
   * Lists the logical messages in a frame {@code from} sent {@code to} in {@code round}, for a
   * trace. Called only when a run is traced.
   */
  void describe(NodeId from, NodeId to, int round, M message, LogicalMessage.Sink sink);

  /** The logical messages a run sends when no traitor is silent (for estimates and checks). */
  long expectedMessages();

  /** A conservative estimate of the heap the whole run needs, all nodes together, in bytes. */
  long estimatedBytes();
}
