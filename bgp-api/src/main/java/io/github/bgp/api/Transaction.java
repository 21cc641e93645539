package io.github.bgp.api;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A transaction to commit atomically across participants: its id, unique in its commit
 * instance, what it asks of them (opaque to the protocol; a {@link Resource} reads it), and the
 * cluster and instance it belongs to, which together with the id name it across the cluster and
 * across restarts ({@link #globalId()}): a store that records the global id (an XA branch, a
 * column) can tell whose transaction it prepared.
 *
 * @param id the transaction's id within its instance, non-negative
 * @param payload what it asks of the participants (copied; at most what the protocol's frames carry)
 * @param cluster the name of the cluster that runs it ({@code ""} outside a cluster)
 * @param instance the commit instance it belongs to
 * @since 0.1.0
 */
public record Transaction(long id, byte[] payload, String cluster, InstanceId instance) {

  /** The instance a transaction made without one belongs to. */
  private static final InstanceId NO_INSTANCE = InstanceId.of(0);

  /**
   * Checks the parts and copies the payload, so the transaction is immutable.
   *
   * @param id the transaction's id within its instance, non-negative
   * @param payload what it asks of the participants (copied; at most what the protocol's frames carry)
   * @param cluster the name of the cluster that runs it ({@code ""} outside a cluster)
   * @param instance the commit instance it belongs to
   * @throws IllegalArgumentException if {@code id} is negative
   * @throws NullPointerException if {@code payload}, {@code cluster} or {@code instance} is null
   */
  public Transaction {
    if (id < 0) {
      throw new IllegalArgumentException("a transaction id is non-negative, got " + id);
    }
    payload = Objects.requireNonNull(payload, "payload").clone();
    Objects.requireNonNull(cluster, "cluster");
    Objects.requireNonNull(instance, "instance");
  }

  /**
   * A transaction outside any cluster (a simulation, a test): cluster {@code ""}, instance 0.
   *
   * @param id the transaction's id, non-negative
   * @param payload what it asks of the participants (copied)
   */
  public Transaction(long id, byte[] payload) {
    this(id, payload, "", NO_INSTANCE);
  }

  /**
   * This transaction, named as one of {@code cluster}'s instance {@code instance}.
   *
   * @param cluster the name of the cluster that runs it
   * @param instance the commit instance it belongs to
   * @return a transaction with the same id and payload
   */
  public Transaction in(String cluster, InstanceId instance) {
    return new Transaction(id, payload, cluster, instance);
  }

  /**
   * What the transaction asks of the participants.
   *
   * @return a fresh copy of the payload
   */
  @Override
  public byte[] payload() {
    return payload.clone();
  }

  /**
   * The transaction's name across the cluster: the cluster's name in UTF-8, a {@code /}, then the
   * instance id and the transaction id as two 8-byte big-endian numbers: the name's length plus 17
   * bytes, which fits XA's 64-byte global transaction id when the name is at most 47 bytes.
   *
   * @return a fresh array, the same for the same cluster, instance and id
   */
  public byte[] globalId() {
    byte[] name = cluster.getBytes(StandardCharsets.UTF_8);
    return ByteBuffer.allocate(name.length + 17)
        .put(name).put((byte) '/').putLong(instance.value()).putLong(id).array();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Transaction t && t.id == id && Arrays.equals(t.payload, payload) && t.cluster.equals(cluster)
        && t.instance.equals(instance);
  }

  @Override
  public int hashCode() {
    return (Long.hashCode(id) * 31 + Arrays.hashCode(payload)) * 31 + cluster.hashCode();
  }

  @Override
  public String toString() {
    return "txn " + id + (payload.length == 0 ? "" : " [" + HexFormat.of().formatHex(payload, 0, Math.min(8, payload.length))
        + (payload.length > 8 ? "..." : "") + "]");
  }
}
