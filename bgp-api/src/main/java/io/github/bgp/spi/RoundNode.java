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

  /**
   * The last round this node takes part in.
   *
   * @return the number of rounds; 0 if it only sends at the start
   */
  int rounds();

  /**
   * The nodes whose frames this node waits for in {@code round}: the round closes early once all
   * of them have arrived, and a frame from anyone else is dropped.
   *
   * @param round a round, 1..{@link #rounds()}
   * @return the expected senders; empty if the node only waits for the deadline
   */
  Set<NodeId> senders(int round);

  /**
   * Checks a frame before it is accepted (its size, its signatures); a reason to drop it, or
   * empty to accept it. The default accepts every frame.
   *
   * @param from the frame's sender, one of {@link #senders(int) senders(round)}
   * @param round its round
   * @param message its message
   * @return a reason to drop it, or empty
   */
  default Optional<DropReason> check(NodeId from, int round, M message) {
    return Optional.empty();
  }

  /**
   * The instance starts: send round 1's messages, if this node has them already.
   *
   * @param context where the node asks for effects; valid only during this call
   */
  void start(Node.Context<M> context);

  /**
   * The node's application gave it an input (the commander's order). The default refuses it.
   *
   * @param input what the application gave
   * @param context where the node asks for effects; valid only during this call
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
   *
   * @param from the frame's sender
   * @param round its round, this one or a later one
   * @param message its message, already {@link #check checked}
   * @return {@code true} if the node kept it and it is not to be held for {@link #endRound}
   */
  default boolean accept(NodeId from, int round, M message) {
    return false;
  }

  /**
   * Round {@code round} is over: {@code frames} holds what each sender sent in it that was not
   * {@link #accept accepted} on arrival (absent senders are missing). Send the next round's
   * messages; after the last round, decide.
   *
   * @param round the round that ended, 1..{@link #rounds()}
   * @param frames what each sender sent in it and was not accepted on arrival, by sender
   * @param context where the node asks for effects; valid only during this call
   */
  void endRound(int round, Map<NodeId, M> frames, Node.Context<M> context);

  /**
   * Whether the node, past its last round, has nothing left to do: then the instance is done at
   * this node. True by default; a commander that is still to be given its order says false.
   *
   * @return whether the node is done once its rounds are over
   */
  default boolean finished() {
    return true;
  }
}
