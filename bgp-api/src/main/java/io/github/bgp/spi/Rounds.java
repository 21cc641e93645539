package io.github.bgp.spi;

import io.github.bgp.api.DropReason;
import io.github.bgp.api.NodeId;
import java.util.Arrays;
import java.util.BitSet;
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

  /**
   * The round layer. Per round it keeps which expected senders were heard (a bit per node index,
   * and their count, so a round that is not complete is known so without looking at its senders)
   * and the frames not taken by {@link RoundNode#accept}; both are arrays indexed by round, made
   * when a round's first frame arrives, so a frame costs no boxed round, no hash lookup and no
   * set per round.
   */
  private static final class Synchronous<M> implements Node<M> {
    private final RoundNode<M> node;
    private final long roundTimeout;
    /** pending[r]: round r's frames kept for its end, by sender; null until the first. */
    private Map<NodeId, M>[] pending;
    /** arrived[r]: the node indexes heard from in round r; null until the first. */
    private BitSet[] arrived;
    /** heard[r]: how many senders round r has heard from. */
    private int[] heard;
    private int round = 1;
    private boolean done;

    @SuppressWarnings("unchecked")
    Synchronous(RoundNode<M> node, long roundTimeout) {
      this.node = node;
      this.roundTimeout = roundTimeout;
      this.pending = new Map[0];
      this.arrived = new BitSet[0];
      this.heard = new int[0];
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
      if (hasHeard(frameRound, from)) {
        context.drop(from, frameRound, DropReason.DUPLICATE);
        return;
      }
      var problem = node.check(from, frameRound, message);
      if (problem.isPresent()) {
        context.drop(from, frameRound, problem.get());
        return;
      }
      BitSet bits = arrived[frameRound];
      if (bits == null) {
        bits = new BitSet();
        arrived[frameRound] = bits;
      }
      bits.set(from.index());
      heard[frameRound]++;
      if (!node.accept(from, frameRound, message)) {
        Map<NodeId, M> kept = pending[frameRound];
        if (kept == null) {
          kept = new TreeMap<>();
          pending[frameRound] = kept;
        }
        kept.put(from, message);
      }
      if (frameRound == round) {
        closeCompleteRounds(context);
        checkDone(context);
      }
    }

    /** Whether round {@code r}'s frame from {@code from} has arrived; makes room for round {@code r}. */
    @SuppressWarnings("unchecked")
    private boolean hasHeard(int r, NodeId from) {
      if (r >= heard.length) {
        int size = Math.max(r + 1, node.rounds() + 1);
        pending = Arrays.copyOf(pending, size);
        arrived = Arrays.copyOf(arrived, size);
        heard = Arrays.copyOf(heard, size);
      }
      BitSet bits = arrived[r];
      return bits != null && bits.get(from.index());
    }

    /** Whether every expected sender of round {@code r} has been heard from. */
    private boolean complete(int r) {
      Set<NodeId> senders = node.senders(r);
      int count = r < heard.length ? heard[r] : 0;
      if (count < senders.size()) {
        return false; // only expected senders are counted, each once
      }
      for (NodeId s : senders) {
        if (!hasHeard(r, s)) {
          return false;
        }
      }
      return true;
    }

    @Override
    public void timer(long token, Context<M> context) {
      if (token == round && round <= node.rounds()) {
        long missing = 0;
        for (NodeId s : node.senders(round)) {
          if (!hasHeard(round, s)) {
            missing++;
          }
        }
        if (missing > 0) {
          context.count(DEADLINE_MISSES, missing);
        }
        close(context);
        closeCompleteRounds(context);
        checkDone(context);
      }
    }

    private void closeCompleteRounds(Context<M> context) {
      while (round <= node.rounds() && complete(round)) {
        context.cancelTimer(round);
        close(context);
      }
    }

    private void close(Context<M> context) {
      Map<NodeId, M> frames = null;
      if (round < heard.length) {
        frames = pending[round];
        pending[round] = null;
        arrived[round] = null;
        heard[round] = 0;
      }
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
