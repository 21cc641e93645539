package io.github.bgp.net;

import io.github.bgp.api.InstanceId;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Objects;

/**
 * When an agreement instance runs and what it is called, as the application's schedule says: the
 * same at every node, set by no peer. The id comes from {@link Schedule#instance} (the cluster's
 * name, the run's id and the instance's line), the start is given (an agreed time, or
 * {@link Schedule#gridStart} for a script that gives none). An {@link AgreementNode} runs one
 * instance (or, for interactive consistency, one per node, with ids derived from this one) in it.
 *
 * @param id the instance's id
 * @param startMillis when it starts, milliseconds since 1970, after 1970
 * @since 0.1.0
 */
public record Slot(InstanceId id, long startMillis) {

  /**
   * Checks its components.
   *
   * @param id the instance's id
   * @param startMillis when it starts, milliseconds since 1970, positive
   * @throws IllegalArgumentException if the start is not after 1970
   */
  public Slot {
    Objects.requireNonNull(id, "id");
    if (startMillis <= 0) {
      throw new IllegalArgumentException("a start is a time after 1970, got " + startMillis);
    }
  }

  /**
   * Line {@code line} of run {@code run} in the cluster called {@code cluster}, starting at {@code startMillis}:
   * its id is {@link Schedule#instance}'s hash of the three, the same at every node and fresh for every run.
   *
   * @param cluster the cluster's name ({@link ClusterConfig#name})
   * @param run the run's id, not empty, chosen by the application (a fresh one for every run)
   * @param line the instance's line in the run, from 0
   * @param startMillis when it starts, milliseconds since 1970: an agreed time, the same at every node
   * @return the slot
   * @throws IllegalArgumentException if the run id is empty, the line negative, or the start not after 1970
   */
  public static Slot of(String cluster, String run, int line, long startMillis) {
    return new Slot(Schedule.instance(cluster, run, line), startMillis);
  }

  /**
   * Line {@code line} of run {@code run} in {@code cluster}, starting on the cluster's grid: the next
   * multiple of its {@code startGridMillis} at least {@code startLeadMillis} after {@code nowMillis}
   * ({@link Schedule#gridStart}). Nodes whose clocks are within the lead of each other mostly pick the
   * same start, but not always (two that straddle a grid line do not): an application that can agree
   * on a start should give it to {@link #of} instead.
   *
   * @param cluster the cluster, whose name, start grid and lead apply
   * @param run the run's id, not empty
   * @param line the instance's line in the run, from 0
   * @param nowMillis the time now, milliseconds since 1970 (say, {@link System#currentTimeMillis()})
   * @return the slot
   * @throws IllegalArgumentException if the run id is empty or the line negative
   */
  public static Slot onGrid(ClusterConfig cluster, String run, int line, long nowMillis) {
    return of(cluster.name(), run, line, Schedule.gridStart(cluster, nowMillis));
  }

  /**
   * The slot of the agreement in which node {@code commander} is the commander, one of the
   * instances of an interactive consistency run in this slot: the same start, an id hashed from
   * this one and the commander (the first 8 bytes of a SHA-256).
   */
  Slot commandedBy(int commander) {
    MessageDigest sha;
    try {
      sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("this JDK has no SHA-256", e);
    }
    sha.update("bgp interactive 1".getBytes(StandardCharsets.US_ASCII));
    sha.update(ByteBuffer.allocate(12).putLong(id.value()).putInt(commander).array());
    return new Slot(InstanceId.of(ByteBuffer.wrap(sha.digest()).getLong()), startMillis);
  }
}
