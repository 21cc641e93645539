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

  public Slot {
    Objects.requireNonNull(id, "id");
    if (startMillis <= 0) {
      throw new IllegalArgumentException("a start is a time after 1970, got " + startMillis);
    }
  }

  /** Line {@code line} of run {@code run} in the cluster called {@code cluster}, starting at {@code startMillis}. */
  public static Slot of(String cluster, String run, int line, long startMillis) {
    return new Slot(Schedule.instance(cluster, run, line), startMillis);
  }

  /**
   * Line {@code line} of run {@code run} in {@code cluster}, starting on the cluster's grid: the next
   * multiple of its {@code startGridMillis} at least {@code startLeadMillis} after {@code nowMillis}.
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
