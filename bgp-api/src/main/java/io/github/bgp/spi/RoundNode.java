package io.github.bgp.spi;

import io.github.bgp.api.DropReason;
import io.github.bgp.api.NodeId;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A node of a synchronous protocol: one that works in numbered rounds, each ending when every
 * expected frame has arrived or the round's deadline has passed. {@link Rounds#synchronous}
 * turns it into a {@link Node} any runtime can drive.
 *
 * <p>Round r's messages are sent during round r-1's end (round 1's at the start, or when the
 * node's input arrives), so a node sees, at the end of round r, every frame sent to it in round r.
 * A frame that did not arrive by the deadline is simply absent: the absence of a message is
 * detected (assumption A3) and the protocol uses its default.
 *
 * @param <M> the protocol's message type
 * @since 0.1.0
 */
public interface RoundNode<M> {

  /** The last round this node takes part in; 0 if it only sends at the start. */
  int rounds();

  /** The nodes whose frames this node waits for in {@code round} (1..{@link #rounds()}). */
  Set<NodeId> senders(int round);

  /**
   * Checks a frame before it is accepted (its size, its signatures); a reason to drop it, or
   * empty to accept it. The default accepts every frame.
   */
  default Optional<DropReason> check(NodeId from, int round, M message) {
    return Optional.empty();
  }

  /** The instance starts: send round 1's messages, if this node has them already. */
  void start(Node.Context<M> context);

  /**
   * The node's application gave it an input (the commander's order). The default refuses it.
   *
   * @throws IllegalArgumentException if this node takes no such input
   */
  default void input(Input input, Node.Context<M> context) {
    throw new IllegalArgumentException(getClass().getSimpleName() + " takes no input, was given " + input);
  }

  /**
   * A checked frame arrived for {@code round} (this round or a later one), the first from its
   * sender. A node that keeps what it needs of the frame now (writing it straight into its state,
   * so a round need not be held twice) returns true, and the frame is not in that round's map at
   * {@link #endRound}; the default returns false, and the frame waits there.
   */
  default boolean accept(NodeId from, int round, M message) {
    return false;
  }

  /**
   * Round {@code round} is over: {@code frames} holds what each sender sent in it that was not
   * {@link #accept accepted} on arrival (absent senders are missing). Send the next round's
   * messages; after the last round, decide.
   */
  void endRound(int round, Map<NodeId, M> frames, Node.Context<M> context);

  /**
   * Whether the node, past its last round, has nothing left to do: then the instance is done at
   * this node. True by default; a commander that is still to be given its order says false.
   */
  default boolean finished() {
    return true;
  }
}
