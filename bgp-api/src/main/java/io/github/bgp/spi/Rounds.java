package io.github.bgp.spi;

import io.github.bgp.api.DropReason;
import io.github.bgp.api.NodeId;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Synchronous rounds over an event-driven runtime.
 *
 * <p>Round r has an absolute deadline of {@code r * roundTimeout} on the instance's clock. A
 * node closes round r as soon as every expected sender's frame for it has arrived, or at the
 * deadline, whichever comes first, so a run goes as fast as its messages when everyone speaks
 * and waits only for silence. Frames for later rounds (from nodes that finished early) are
 * kept until their round; frames for a closed round, for a round outside the protocol, from an
 * unexpected sender or repeated are dropped and counted. Past its last round (and once the node
 * says it is {@link RoundNode#finished finished}) the node is {@link Node.Context#done done}.
 *
 * @since 0.1.0
 */
public final class Rounds {

  /**
   * The counter of messages missing when a round closed at its deadline (each one defaulted, as
   * A3 says), which runtimes report as round deadline misses.
   */
  public static final String DEADLINE_MISSES = "rounds.deadline.misses";

  /** The longest round a runtime accepts: a day of milliseconds, so that deadlines never overflow. */
  public static final long MAX_ROUND_TIMEOUT = 86_400_000L;

  private Rounds() {}

  /**
   * Drives {@code node} in synchronous rounds.
   *
   * @param <M> the protocol's message type
   * @param node the round-based node
   * @param roundTimeout the length of a round in the runtime's clock units, positive and at most
   *     {@link #MAX_ROUND_TIMEOUT}
   * @return a node any runtime can drive, with round r's deadline at {@code r * roundTimeout}
   * @throws IllegalArgumentException if {@code roundTimeout} is out of bounds
   */
  public static <M> Node<M> synchronous(RoundNode<M> node, long roundTimeout) {
    if (roundTimeout <= 0 || roundTimeout > MAX_ROUND_TIMEOUT) {
      throw new IllegalArgumentException("the round timeout must be positive and at most " + MAX_ROUND_TIMEOUT
          + ", got " + roundTimeout);
    }
    return new Synchronous<>(node, roundTimeout);
  }

  private static final class Synchronous<M> implements Node<M> {
    private final RoundNode<M> node;
    private final long roundTimeout;
    private final Map<Integer, Map<NodeId, M>> pending = new HashMap<>();
    private final Map<Integer, Set<NodeId>> arrived = new HashMap<>();
    private int round = 1;
    private boolean done;

    Synchronous(RoundNode<M> node, long roundTimeout) {
      this.node = node;
      this.roundTimeout = roundTimeout;
    }

    @Override
    public void start(Context<M> context) {
      node.start(context);
      if (round <= node.rounds()) {
        context.setTimer(roundTimeout, round);
        closeCompleteRounds(context);
      }
      checkDone(context);
    }

    @Override
    public void input(Input input, Context<M> context) {
      node.input(input, context);
      checkDone(context);
    }

    @Override
    public void receive(NodeId from, int frameRound, M message, Context<M> context) {
      if (frameRound < 1 || frameRound > node.rounds()) {
        context.drop(from, frameRound, DropReason.BAD_ROUND);
        return;
      }
      if (frameRound < round) {
        context.drop(from, frameRound, DropReason.LATE);
        return;
      }
      if (!node.senders(frameRound).contains(from)) {
        context.drop(from, frameRound, DropReason.UNEXPECTED_SENDER);
        return;
      }
      Set<NodeId> heard = arrived.computeIfAbsent(frameRound, r -> new HashSet<>());
      if (heard.contains(from)) {
        context.drop(from, frameRound, DropReason.DUPLICATE);
        return;
      }
      var problem = node.check(from, frameRound, message);
      if (problem.isPresent()) {
        context.drop(from, frameRound, problem.get());
        return;
      }
      heard.add(from);
      if (!node.accept(from, frameRound, message)) {
        pending.computeIfAbsent(frameRound, r -> new TreeMap<>()).put(from, message);
      }
      if (frameRound == round) {
        closeCompleteRounds(context);
        checkDone(context);
      }
    }

    @Override
    public void timer(long token, Context<M> context) {
      if (token == round && round <= node.rounds()) {
        Set<NodeId> heard = arrived.getOrDefault(round, Set.of());
        long missing = node.senders(round).stream().filter(s -> !heard.contains(s)).count();
        if (missing > 0) {
          context.count(DEADLINE_MISSES, missing);
        }
        close(context);
        closeCompleteRounds(context);
        checkDone(context);
      }
    }

    private void closeCompleteRounds(Context<M> context) {
      while (round <= node.rounds() && arrived.getOrDefault(round, Set.of()).containsAll(node.senders(round))) {
        context.cancelTimer(round);
        close(context);
      }
    }

    private void close(Context<M> context) {
      Map<NodeId, M> frames = pending.remove(round);
      arrived.remove(round);
      int closing = round++;
      if (round <= node.rounds()) {
        context.setTimer(round * roundTimeout, round);
      }
      node.endRound(closing, frames == null ? Map.of() : frames, context);
    }

    private void checkDone(Context<M> context) {
      if (!done && round > node.rounds() && node.finished()) {
        done = true;
        context.done();
      }
    }
  }
}
