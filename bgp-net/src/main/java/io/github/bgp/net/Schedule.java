package io.github.bgp.net;

import io.github.bgp.api.InstanceId;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Objects;

/**
 * When a cluster's instances run, and what they are called: an instance's start and id are part
 * of its definition, which the application gives every node alike. No peer can set or shift
 * either (A3 needs clocks no member controls: a start a traitor could move would let it split the
 * loyal nodes' rounds).
 *
 * <ul>
 *   <li>A start is given ({@link #parseStart}: an ISO-8601 instant or milliseconds since 1970), or,
 *       for scripts that give none, taken from the cluster's grid ({@link #gridStart}): the next
 *       multiple of {@code startGridMillis} at least {@code startLeadMillis} ahead. The grid takes
 *       no input from any peer, so no member can steer it; nodes started within the lead of each
 *       other mostly pick the same start (those that straddle a grid line do not, which the
 *       cross-check of {@link NettyTransport#announce} catches).
 *   <li>A node refuses a start more than the cluster's {@code maxSkewMillis} in the past
 *       ({@link #checkStart}): a node never runs an instance whose start has passed, so nothing of
 *       an old run can be run again.
 *   <li>An instance's id is a hash of the cluster's name, the run's id and the instance's line
 *       ({@link #instance}): the same at every node, and fresh for every run. The run id is
 *       chosen by the application (a random one for each run it makes); without one it is the
 *       run's start ({@link #defaultRun}), which a node never reuses since it refuses past starts.
 *       Signatures (SM) bind the cluster and the instance, so none from one run verifies in another.
 * </ul>
 *
 * @since 0.1.0
 */
public final class Schedule {

  private Schedule() {}

  /**
   * The start at the next multiple of {@code cluster.startGridMillis()} (since 1970) at least
   * {@code cluster.startLeadMillis()} after {@code nowMillis}.
   *
   * @param cluster the cluster, whose start grid and lead apply
   * @param nowMillis the time now, in milliseconds since 1970
   * @return the start, in milliseconds since 1970
   */
  public static long gridStart(ClusterConfig cluster, long nowMillis) {
    long earliest = Math.addExact(nowMillis, cluster.startLeadMillis());
    long grid = cluster.startGridMillis();
    return Math.multiplyExact(Math.floorDiv(earliest + grid - 1, grid), grid);
  }

  /**
   * Parses a start: an ISO-8601 instant ({@code 2030-01-01T12:00:00Z}) or milliseconds since 1970.
   *
   * @param text the start
   * @return it in milliseconds since 1970
   * @throws IllegalArgumentException naming the text if it is neither, or not after 1970
   */
  public static long parseStart(String text) {
    Objects.requireNonNull(text, "text");
    long millis;
    if (text.matches("[0-9]{1,18}")) {
      millis = Long.parseLong(text);
    } else {
      try {
        millis = Instant.parse(text).toEpochMilli();
      } catch (DateTimeParseException | ArithmeticException e) {
        throw new IllegalArgumentException("a start is an ISO-8601 instant such as 2030-01-01T12:00:00Z or"
            + " milliseconds since 1970, got '" + text + "'");
      }
    }
    if (millis <= 0) {
      throw new IllegalArgumentException("a start is a time after 1970, got '" + text + "'");
    }
    return millis;
  }

  /**
   * Checks that a node can keep a start: it may be in the past by at most the clock skew the
   * cluster allows (another node's clock may be that far ahead), never more.
   *
   * @param cluster the cluster, whose timing applies
   * @param startMillis the start
   * @param nowMillis the time now
   * @throws IllegalArgumentException naming the start and how far it has passed
   */
  public static void checkStart(ClusterConfig cluster, long startMillis, long nowMillis) {
    long late = nowMillis - startMillis;
    if (late > cluster.maxSkewMillis()) {
      throw new IllegalArgumentException("the start " + Instant.ofEpochMilli(startMillis) + " passed " + late
          + " ms ago, more than the cluster's maxSkewMillis (" + cluster.maxSkewMillis() + "): a node never runs an"
          + " instance whose start has passed; give every node the same start in the future");
    }
  }

  /**
   * The run id of a run given no other: its start.
   *
   * @param startMillis the run's start
   * @return the run id
   */
  public static String defaultRun(long startMillis) {
    return "start:" + startMillis;
  }

  /**
   * The id of the instance on line {@code line} (0 for a run of one instance) of run {@code run}
   * in cluster {@code cluster}: the first 8 bytes of a SHA-256 over the three, each length-prefixed.
   *
   * @param cluster the cluster's name
   * @param run the run's id, not empty
   * @param line the instance's line, from 0
   * @return the instance's id
   * @throws IllegalArgumentException if the run id is empty or the line negative
   */
  public static InstanceId instance(String cluster, String run, int line) {
    Objects.requireNonNull(cluster, "cluster");
    Objects.requireNonNull(run, "run");
    if (run.isEmpty()) {
      throw new IllegalArgumentException("a run id is not empty");
    }
    if (line < 0) {
      throw new IllegalArgumentException("a line is non-negative, got " + line);
    }
    MessageDigest sha = sha256();
    sha.update("bgp instance 1".getBytes(StandardCharsets.US_ASCII));
    field(sha, cluster.getBytes(StandardCharsets.UTF_8));
    field(sha, run.getBytes(StandardCharsets.UTF_8));
    sha.update(ByteBuffer.allocate(4).putInt(line).array());
    return InstanceId.of(ByteBuffer.wrap(sha.digest()).getLong());
  }

  /**
   * A digest of a schedule, every instance's id and start, for {@link Announcement}: two nodes
   * with the same schedule have the same digest.
   *
   * @param starts each instance's start
   * @return the digest
   */
  public static long digest(Map<InstanceId, Long> starts) {
    MessageDigest sha = sha256();
    sha.update("bgp schedule 1".getBytes(StandardCharsets.US_ASCII));
    starts.entrySet().stream().sorted(Map.Entry.comparingByKey((a, b) -> Long.compare(a.value(), b.value())))
        .forEach(e -> sha.update(ByteBuffer.allocate(16).putLong(e.getKey().value()).putLong(e.getValue()).array()));
    return ByteBuffer.wrap(sha.digest()).getLong();
  }

  private static void field(MessageDigest sha, byte[] bytes) {
    sha.update(ByteBuffer.allocate(4).putInt(bytes.length).array());
    sha.update(bytes);
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("this JDK has no SHA-256", e);
    }
  }
}
