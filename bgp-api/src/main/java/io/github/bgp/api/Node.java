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
   * The node restarts after a crash, with the records its durable log holds (in the order they
   * were persisted), instead of {@link #start}. The default starts afresh when the log is
   * empty and refuses otherwise: a protocol that persists must say how it recovers.
   */
  default void recover(java.util.List<byte[]> log, Context<M> context) {
    if (!log.isEmpty()) {
      throw new IllegalStateException(getClass().getName() + " persisted " + log.size()
          + " records but does not say how to recover from them");
    }
    start(context);
  }

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
     * Appends {@code record} to this node's durable log. The runtime forces the log before it
     * carries out any effect this node asks for after this call (a message sent after logging a
     * decision leaves only once the decision is on disk), and it forces the records of many
     * events together when it can (group commit). After a crash, {@link Node#recover} gets back
     * exactly the records that were forced.
     *
     * @throws UnsupportedOperationException if the runtime keeps no durable log
     */
    default void persist(byte[] record) {
      throw new UnsupportedOperationException("this runtime keeps no durable log");
    }

    /**
     * Adds {@code delta} to the protocol's counter called {@code name} (signatures made,
     * messages rejected, ...); runtimes report the totals in {@link Outcome#counters()}. Names are
     * lower case words joined by dots, like {@code signatures.verified}. The default ignores it.
     */
    default void count(String name, long delta) {}
  }
}
