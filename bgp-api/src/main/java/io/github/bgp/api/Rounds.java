package io.github.bgp.api;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Synchronous rounds over an event-driven runtime.
 *
 * <p>Round r has an absolute deadline of {@code r * roundTimeout} on the instance's clock. A
 * node closes round r as soon as every expected sender's frame for it has arrived, or at the
 * deadline, whichever comes first, so a run goes as fast as its messages when everyone speaks
 * and waits only for silence. Frames for later rounds (from nodes that finished early) are
 * kept until their round; frames for a closed round, for a round outside the protocol, from an
 * unexpected sender or repeated are dropped and counted.
 */
public final class Rounds {

  /**
   * The counter of messages missing when a round closed at its deadline (each one defaulted, as
   * A3 says), which runtimes report as round deadline misses.
   */
  public static final String DEADLINE_MISSES = "rounds.deadline.misses";

  private Rounds() {}

  /**
   * Drives {@code node} in synchronous rounds.
   *
   * @param roundTimeout the length of a round in the runtime's clock units, positive
   */
  public static <M> Node<M> synchronous(RoundNode<M> node, long roundTimeout) {
    if (roundTimeout <= 0) {
      throw new IllegalArgumentException("the round timeout must be positive, got " + roundTimeout);
    }
    return new Synchronous<>(node, roundTimeout);
  }

  private static final class Synchronous<M> implements Node<M> {
    private final RoundNode<M> node;
    private final long roundTimeout;
    private final Map<Integer, Map<NodeId, M>> pending = new HashMap<>();
    private int round = 1;

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
      Map<NodeId, M> frames = pending.computeIfAbsent(frameRound, r -> new TreeMap<>());
      if (frames.containsKey(from)) {
        context.drop(from, frameRound, DropReason.DUPLICATE);
        return;
      }
      var problem = node.check(from, frameRound, message);
      if (problem.isPresent()) {
        context.drop(from, frameRound, problem.get());
        return;
      }
      frames.put(from, message);
      if (frameRound == round) {
        closeCompleteRounds(context);
      }
    }

    @Override
    public void timer(long token, Context<M> context) {
      if (token == round && round <= node.rounds()) {
        Map<NodeId, M> arrived = pending.getOrDefault(round, Map.of());
        long missing = node.senders(round).stream().filter(s -> !arrived.containsKey(s)).count();
        if (missing > 0) {
          context.count(DEADLINE_MISSES, missing);
        }
        close(context);
        closeCompleteRounds(context);
      }
    }

    private void closeCompleteRounds(Context<M> context) {
      while (round <= node.rounds()
          && pending.getOrDefault(round, Map.of()).keySet().containsAll(node.senders(round))) {
        close(context);
      }
    }

    private void close(Context<M> context) {
      Map<NodeId, M> frames = pending.remove(round);
      int closing = round++;
      if (round <= node.rounds()) {
        context.setTimer(round * roundTimeout, round);
      }
      node.endRound(closing, frames == null ? Map.of() : frames, context);
    }
  }
}
