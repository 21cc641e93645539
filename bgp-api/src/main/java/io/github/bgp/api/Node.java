package io.github.bgp.api;

/**
 * What one node does in one agreement instance: a deterministic state machine.
 *
 * <p>A node consumes events (the instance starts, a message arrives from an authenticated
 * sender, a timer fires) and emits effects through its {@link Context} (send a message, set a
 * timer, decide). It never touches threads, clocks, sockets or random generators: the runtime
 * that drives it owns all of those. This is what makes a run replayable from its seed, lets the
 * same protocol code run in memory and over TCP, and lets faults be injected without touching
 * the protocol. (The shape follows etcd's raft.)
 *
 * <p>A runtime calls a node's methods from one thread at a time, in the order the events
 * happen.
 *
 * @param <M> the protocol's message type
 */
public interface Node<M> {

  /** The instance starts, at time 0 of the instance. */
  void start(Context<M> context);

  /**
   * A message arrived. {@code from} is authenticated by the runtime (assumption A2): a node
   * need not, and cannot, check it.
   */
  void receive(NodeId from, int round, M message, Context<M> context);

  /** A timer set with {@link Context#setTimer} fired. */
  default void timer(long token, Context<M> context) {}

  /**
   * The effects a node may cause, and the little it may know about its surroundings.
   *
   * @param <M> the protocol's message type
   */
  interface Context<M> {

    /** This node. */
    NodeId self();

    /** The instance's clock: time since the instance started, in the runtime's units. */
    long now();

    /** Sends {@code message} to {@code to} as part of {@code round}. */
    void send(NodeId to, int round, M message);

    /** Asks for {@link Node#timer} to be called with {@code token} at time {@code at} (or now, if past). */
    void setTimer(long at, long token);

    /**
     * Records this node's decision.
     *
     * @throws IllegalStateException if the node already decided something else
     */
    void decide(Decision decision);

    /** Records that a frame from {@code from} for {@code round} was dropped, and why. */
    void drop(NodeId from, int round, DropReason reason);

    /**
     * Adds {@code delta} to the protocol's counter called {@code name} (signatures made,
     * messages rejected, ...); runtimes report the totals in {@link Outcome#counters()}. Names are
     * lower case words joined by dots, like {@code signatures.verified}. The default ignores it.
     */
    default void count(String name, long delta) {}
  }
}
