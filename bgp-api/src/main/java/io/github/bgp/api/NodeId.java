package io.github.bgp.api;

/**
 * The identity of one general (or coordinator, or participant): a small non-negative index.
 *
 * <p>In the Byzantine generals protocols the commander is node 0 and the lieutenants are
 * 1..n-1. On a real network the cluster configuration binds each id to a host and a
 * certificate, so the sender a protocol sees is the one the channel authenticated (A2).
 *
 * @param index the node's index, from 0 (the commander)
 * @since 0.1.0
 */
public record NodeId(int index) implements Comparable<NodeId> {

  private static final NodeId[] SMALL = new NodeId[256];

  static {
    for (int i = 0; i < SMALL.length; i++) {
      SMALL[i] = new NodeId(i);
    }
  }

  /** The commander in every Byzantine generals scenario. */
  public static final NodeId COMMANDER = SMALL[0];

  /**
   * Checks the index; prefer {@link #of(int)}, which shares the instances of small indexes.
   *
   * @param index the node's index, from 0 (the commander)
   * @throws IllegalArgumentException if {@code index} is negative
   */
  public NodeId {
    if (index < 0) {
      throw new IllegalArgumentException("a node id is a non-negative index, got " + index);
    }
  }

  /**
   * Returns the id with this index (shared instances for indexes below 256).
   *
   * @param index the node's index, from 0 (the commander)
   * @return the id
   * @throws IllegalArgumentException if {@code index} is negative
   */
  public static NodeId of(int index) {
    return index >= 0 && index < SMALL.length ? SMALL[index] : new NodeId(index);
  }

  @Override
  public int compareTo(NodeId other) {
    return Integer.compare(index, other.index);
  }

  @Override
  public String toString() {
    return Integer.toString(index);
  }
}
