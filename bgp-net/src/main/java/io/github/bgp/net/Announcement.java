package io.github.bgp.net;

import java.time.Instant;

/**
 * What a node tells its peers about the run it was given, purely for information: the start its
 * run uses and a digest of its whole schedule (every instance's id and start, see
 * {@link Schedule#digest}). No node ever takes a start from a peer; a node that hears more
 * members announce another schedule than can be traitors refuses to run out of step
 * ({@link NettyTransport#announce}).
 *
 * @param startMillis the run's start, milliseconds since 1970
 * @param digest a digest of the run's schedule
 * @since 0.1.0
 */
public record Announcement(long startMillis, long digest) {


  /**
   * Checks its components.
   *
   * @param startMillis the run's start, milliseconds since 1970
   * @param digest a digest of the run's schedule
   * @throws IllegalArgumentException if the start is not after 1970
   */
  public Announcement {
    if (startMillis <= 0) {
      throw new IllegalArgumentException("a start is a time after 1970, got " + startMillis);
    }
  }

  @Override
  public String toString() {
    return "start " + Instant.ofEpochMilli(startMillis) + String.format(" (schedule %016x)", digest);
  }
}
