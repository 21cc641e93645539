package io.github.bgp.runtime;

import io.github.bgp.api.Decision;
import io.github.bgp.api.Step;
import io.github.bgp.api.Verdict;
import io.github.bgp.spi.Call;
import java.util.List;

/**
 * What a runtime does with a node's effects, called by {@link NodeDriver#carryOut} in the order
 * the rules require: the force of the records first, then each frame, then timers, calls,
 * decisions and outcomes, and last that the node is done. The force and each send are
 * {@link Step steps}: the runtime may stop the node just before or just after one (a simulated
 * crash), and the driver then carries out nothing after it.
 *
 * @param <M> the protocol's message type
 * @since 0.1.0
 */
public interface Effects<M> {

  /**
   * Whether the node lives to carry out {@code step}; false crashes it just before. The default
   * lets it live.
   *
   * @param step the force or send about to happen, numbered
   * @return {@code false} to crash the node before it
   */
  default boolean before(Step step) {
    return true;
  }

  /**
   * Whether the node lives on after {@code step}; false crashes it just after. The default lets
   * it live.
   *
   * @param step the force or send just carried out
   * @return {@code false} to crash the node after it
   */
  default boolean after(Step step) {
    return true;
  }

  /**
   * Appends {@code records} to the node's durable log and forces them: one step, one force. When
   * it returns, the records are durable.
   *
   * @param records the records, in the order they were persisted; not empty
   */
  void force(List<byte[]> records);

  /**
   * Sends a frame: one step.
   *
   * @param message the message, with its header; a network asks for its {@link Outgoing#frame()}
   */
  void send(Outgoing<M> message);

  /**
   * Asks for {@link NodeDriver#timer} with {@code timer} at time {@code at} of the instance's clock.
   *
   * @param timer the driver's id for the timer, unique in the driver's life
   * @param at when, on the instance's clock; never earlier than the event that set it
   */
  void schedule(long timer, long at);

  /**
   * A timer asked for earlier will be ignored if it fires; a runtime may drop it now. The default
   * does nothing.
   *
   * @param timer the driver's id for the timer
   */
  default void cancel(long timer) {}

  /**
   * Carries out a call to the node's resource, off the node's thread, and later gives the driver
   * its answer ({@link NodeDriver#input}).
   *
   * @param call what to ask the resource ({@link Calls#make} carries it out)
   * @throws UnsupportedOperationException if the runtime has no resource for this node
   */
  default void call(Call call) {
    throw new UnsupportedOperationException("this runtime has no resource for " + call);
  }

  /**
   * The node's agreement decision, now that what it persisted before it is durable. The default
   * ignores it.
   *
   * @param decision the decision, released once
   */
  default void decided(Decision decision) {}

  /**
   * A commit outcome at this node, now that what it persisted before it is durable. The default
   * ignores it.
   *
   * @param txn the transaction's id
   * @param verdict COMMIT or ABORT, released once per transaction
   */
  default void outcome(long txn, Verdict verdict) {}

  /** The node has nothing left to do in the instance: the runtime may stop driving it. */
  default void done() {}
}
