package io.github.bgp.api;

import java.util.Objects;

/**
 * One effect a node carried out, numbered: the unit a crash can fall on. A node's steps are
 * numbered from 1 across all its incarnations; each force of its log is one step, each frame it
 * sends is one step. A simulated run lists every step of every node, so crash points are
 * enumerated from a run rather than guessed.
 *
 * @param node the node
 * @param number the step's number at that node, from 1
 * @param kind what it was
 * @param time the run's clock when it was carried out
 * @param detail what it carried, for people: the records forced ({@code DECIDED COMMIT txn 1}), the
 *     message sent ({@code VOTE-REQ txn 1 to 2})
 * @since 0.1.0
 */
public record Step(NodeId node, int number, Kind kind, long time, String detail) {

  /**
   * What a step does.
   *
   * @since 0.1.0
   */
  public enum Kind {
    /** Forces the records persisted since the last force to the log. */
    FORCE,
    /** Sends one frame. */
    SEND
  }

  /**
   * Checks a step's parts.
   *
   * @param node the node
   * @param number the step's number at that node, from 1
   * @param kind what it was
   * @param time the run's clock when it was carried out
   * @param detail what it carried, for people: the records forced ({@code DECIDED COMMIT txn 1}), the
   *     message sent ({@code VOTE-REQ txn 1 to 2})
   * @throws NullPointerException if {@code node}, {@code kind} or {@code detail} is null
   * @throws IllegalArgumentException if {@code number} is less than 1
   */
  public Step {
    Objects.requireNonNull(node, "node");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(detail, "detail");
    if (number < 1) {
      throw new IllegalArgumentException("steps are numbered from 1, got " + number);
    }
  }

  @Override
  public String toString() {
    return "node " + node + " step " + number + " (" + kind.name().toLowerCase(java.util.Locale.ROOT) + ", t=" + time
        + "): " + detail;
  }
}
