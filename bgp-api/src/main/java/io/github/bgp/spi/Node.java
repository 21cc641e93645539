package io.github.bgp.spi;

import io.github.bgp.api.Decision;
import io.github.bgp.api.DropReason;
import io.github.bgp.api.NodeId;
import io.github.bgp.api.Verdict;
import java.util.List;
import java.util.Map;

/**
 * What one node does in one protocol instance: a deterministic state machine.
 *
 * <p>A node consumes events (the instance starts or recovers from its log, a message arrives from
 * an authenticated sender, a timer fires, its application gives it an {@link Input}) and asks for
 * effects through its {@link Context} (send a message, persist a record, set or cancel a timer,
 * decide, call its resource, say it is done). It never touches threads, clocks, sockets or random
 * generators: the runtime that drives it owns all of those. This is what makes a run replayable
 * from its seed, lets the same protocol code run in the simulator and over TLS, and lets faults be
 * injected without touching the protocol. (The shape follows etcd's raft: a runtime feeds events
 * to the {@code io.github.bgp.runtime.NodeDriver}, which turns what the node asked for into one
 * ordered list of effects.)
 *
 * <p>A runtime calls a node's methods from one thread at a time, in the order the events happen.
 *
 * @param <M> the protocol's message type
 * @since 0.1.0
 */
public interface Node<M> {

  /**
   * The instance starts, at time 0 of the instance, with nothing in the node's log.
   *
   * @param context where the node asks for effects; valid only during this call
   */
  void start(Context<M> context);

  /**
   * A message arrived. {@code from} is authenticated by the runtime (assumption A2): a node need
   * not, and cannot, check it.
   *
   * @param from the authenticated sender
   * @param round the round the sender sent it in, as the frame says; the node judges whether it is
   *     late or out of range
   * @param message the decoded message
   * @param context where the node asks for effects; valid only during this call
   */
  void receive(NodeId from, int round, M message, Context<M> context);

  /**
   * A timer set with {@link Context#setTimer} fired (and was not cancelled or set again since).
   * The default ignores it.
   *
   * @param token the token the timer was set with
   * @param context where the node asks for effects; valid only during this call
   */
  default void timer(long token, Context<M> context) {}

  /**
   * The node's application gave it something: the commander's value to propose
   * ({@link Input.Propose}), a transaction to commit ({@link Input.Submit}), the answer to a call
   * ({@link Input.Answer}). The default refuses every input.
   *
   * @param input what the application gave
   * @param context where the node asks for effects; valid only during this call
   * @throws IllegalArgumentException if this node takes no such input
   */
  default void input(Input input, Context<M> context) {
    throw new IllegalArgumentException(getClass().getSimpleName() + " takes no input, was given " + input);
  }

  /**
   * The node restarts after a crash, with the records its durable log holds (in the order they
   * were persisted), instead of {@link #start}. The default starts afresh when the log is empty and
   * refuses otherwise: a protocol that persists must say how it recovers.
   *
   * @param log the records that were forced before the crash, oldest first; empty if none
   * @param context where the node asks for effects; valid only during this call
   * @throws IllegalStateException (by default) if the log is not empty
   */
  default void recover(List<byte[]> log, Context<M> context) {
    if (!log.isEmpty()) {
      throw new IllegalStateException(getClass().getName() + " persisted " + log.size()
          + " records but does not say how to recover from them");
    }
    start(context);
  }

  /**
   * The effects a node may ask for, and the little it may know about its surroundings. Effects
   * are carried out after the event that asked for them, in this order: every record persisted is
   * forced to the log, then the messages leave, then timers are set, calls are made, decisions are
   * released and {@link #done} takes effect. So nothing a node sends, decides or tells its
   * resource leaves before what it persisted in the same event (or an earlier one) is durable.
   *
   * @param <M> the protocol's message type
   * @since 0.1.0
   */
  interface Context<M> {

    /**
     * This node.
     *
     * @return the id of the node this context drives
     */
    NodeId self();

    /**
     * The instance's clock.
     *
     * @return the time since the instance started, in the runtime's units (virtual time units in
     *     the simulator, milliseconds on a live node)
     */
    long now();

    /**
     * Sends {@code message} to {@code to} as part of {@code round}. It leaves after the event, once
     * what was persisted is forced.
     *
     * @param to the recipient
     * @param round the round it belongs to, non-negative (synchronous protocols number rounds from 1)
     * @param message the message; the protocol's {@code Codec} encodes it
     */
    void send(NodeId to, int round, M message);

    /**
     * Asks for {@link Node#timer} to be called with {@code token} at time {@code at} (or now, if
     * past). Setting a token that is already set moves it: only the latest setting fires.
     *
     * @param at when, on the instance's clock ({@link #now()})
     * @param token the node's name for the timer, given back to {@link Node#timer}
     */
    void setTimer(long at, long token);

    /**
     * Cancels the timer with this token, if one is set. (The default, for contexts that keep no
     * timers, does nothing.)
     *
     * @param token the token the timer was set with
     */
    default void cancelTimer(long token) {}

    /**
     * Records this node's decision in an agreement instance, released once what was persisted
     * before it is forced.
     *
     * @param decision the value decided, with what was heard
     * @throws IllegalStateException if the node already decided something else
     */
    void decide(Decision decision);

    /**
     * Records the outcome of transaction {@code txn} at this node in a commit instance (the
     * coordinator's decision; what a participant learnt), released once what was persisted before
     * it is forced.
     *
     * @param txn the transaction's id
     * @param verdict COMMIT or ABORT
     * @throws IllegalStateException if the node already recorded another outcome for it
     * @throws UnsupportedOperationException if the runtime records no commit outcomes
     */
    default void outcome(long txn, Verdict verdict) {
      throw new UnsupportedOperationException("this context records no commit outcomes");
    }

    /**
     * Asks the node's application to carry out {@code call} (prepare, commit or abort a
     * transaction at its resource; list what it holds in doubt). The runtime makes the call off
     * the node's thread and gives the node the answer as an {@link Input.Answer}, later.
     *
     * @param call what to ask the resource
     * @throws UnsupportedOperationException if the runtime has no resource for this node
     */
    default void call(Call call) {
      throw new UnsupportedOperationException("this context has no resource for " + call);
    }

    /** This node has nothing left to do in the instance: the runtime may stop driving it. */
    default void done() {}

    /**
     * Records that a frame from {@code from} for {@code round} was dropped, and why; runtimes
     * count drops by reason.
     *
     * @param from the frame's sender
     * @param round the round the frame named
     * @param reason why it was dropped
     */
    void drop(NodeId from, int round, DropReason reason);

    /**
     * Appends {@code record} to this node's durable log. The runtime forces the log before it
     * carries out any other effect of this event and of those after it (a message sent after
     * logging a decision leaves only once the decision is on disk), and it forces the records of
     * many events together when it can (group commit). After a crash, {@link Node#recover} gets
     * back exactly the records that were forced.
     *
     * @param record the record; the runtime keeps its own copy
     * @throws UnsupportedOperationException if the runtime keeps no durable log for this instance
     */
    default void persist(byte[] record) {
      throw new UnsupportedOperationException("this context keeps no durable log");
    }

    /**
     * Adds {@code delta} to the protocol's counter called {@code name} (signatures made, messages
     * rejected, ...); runtimes report the totals. Names are lower case words joined by dots, like
     * {@code signatures.verified}. The default ignores it.
     *
     * @param name the counter's name
     * @param delta what to add; may be negative
     */
    default void count(String name, long delta) {}

    /**
     * Whether the run records a trace; a node builds {@link #note notes} only if it does.
     *
     * @return {@code true} if notes are kept; {@code false} by default
     */
    default boolean tracing() {
      return false;
    }

    /**
     * Adds a fact to the run's trace, for people and the teaching view: a lie told (with the honest
     * value), a default used, a tie, a state transition. {@code kind} is a lower case word;
     * {@code fields} name its parts. Ignored unless {@link #tracing()}, and by default.
     *
     * @param kind a lower case word: {@code lie}, {@code default}, {@code tie}, {@code state}, ...
     * @param fields the fact's parts, by name
     */
    default void note(String kind, Map<String, String> fields) {}
  }
}
