package io.github.bgp.api;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A node of a synchronous protocol: one that works in numbered rounds, each ending when every
 * expected frame has arrived or the round's deadline has passed. {@link Rounds#synchronous}
 * turns it into a {@link Node} any runtime can drive.
 *
 * <p>Round r's messages are sent during round r-1's end (round 1's at the start), so a node
 * sees, at the end of round r, every frame sent to it in round r. A frame that did not arrive
 * by the deadline is simply absent from the map: the absence of a message is detected
 * (assumption A3) and the protocol uses its default.
 *
 * @param <M> the protocol's message type
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

  /** The instance starts: send round 1's messages. */
  void start(Node.Context<M> context);

  /**
   * Round {@code round} is over: {@code frames} holds what each sender sent in it (absent
   * senders are missing). Send the next round's messages; after the last round, decide.
   */
  void endRound(int round, Map<NodeId, M> frames, Node.Context<M> context);
}
