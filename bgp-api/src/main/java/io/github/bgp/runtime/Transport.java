package io.github.bgp.runtime;

import io.github.bgp.api.DropReason;
import io.github.bgp.api.NodeId;

/**
 * Carries frames between nodes: the seam between a runtime and a network.
 *
 * <p>A transport provides the oral-messages assumptions a runtime builds on: it delivers what
 * it can (A1 is approached with retries and reconnection, never promised), and it
 * authenticates senders (A2): the {@link Frame#from()} of a delivered frame is the node the
 * channel proved, and a frame whose claimed sender differs is dropped
 * ({@link DropReason#IMPERSONATION}). Detecting absence (A3) is the runtime's job, with round
 * deadlines.
 *
 * <p>The deterministic simulator in {@code bgp-sim} is one transport (in memory, virtual time);
 * a network transport is another.
 *
 * @since 0.1.0
 */
public interface Transport extends AutoCloseable {

  /**
   * The node this endpoint belongs to.
   *
   * @return its id
   */
  NodeId self();

  /**
   * Sends a frame whose {@code from} is {@link #self()}. Never blocks on the network; a frame that
   * cannot be delivered is lost (A1 is approached, never promised).
   *
   * @param frame the frame
   */
  void send(Frame frame);

  /**
   * Installs the handler for frames sent to this node; replaces any earlier one.
   *
   * @param receiver called with each frame delivered, on the transport's thread
   */
  void onReceive(Receiver receiver);

  /**
   * Tells the transport that a frame it delivered has been handled (or dropped) by the runtime,
   * and no longer takes memory there. A transport that bounds what a sender may have in flight
   * (back-pressure: it stops reading from a peer whose frames wait unhandled past a budget) counts
   * the frame off its sender's budget; the default does nothing. A runtime calls it once for
   * every frame delivered to it.
   *
   * @param frame a frame this transport delivered
   */
  default void consumed(Frame frame) {}

  /** Stops sending and receiving. */
  @Override
  void close();

  /**
   * Handles frames delivered to a node.
   *
   * @since 0.1.0
   */
  @FunctionalInterface
  interface Receiver {
    /**
     * A frame arrived for this node; its sender is the one the channel authenticated.
     *
     * @param frame the frame; the runtime calls {@link Transport#consumed} once it is handled
     */
    void receive(Frame frame);
  }
}
