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

  public Transaction {
    if (id < 0) {
      throw new IllegalArgumentException("a transaction id is non-negative, got " + id);
    }
    payload = Objects.requireNonNull(payload, "payload").clone();
    Objects.requireNonNull(cluster, "cluster");
    Objects.requireNonNull(instance, "instance");
  }

  /** A transaction outside any cluster (a simulation, a test). */
  public Transaction(long id, byte[] payload) {
    this(id, payload, "", NO_INSTANCE);
  }

  /** This transaction, named as one of {@code cluster}'s instance {@code instance}. */
  public Transaction in(String cluster, InstanceId instance) {
    return new Transaction(id, payload, cluster, instance);
  }

  @Override
  public byte[] payload() {
    return payload.clone();
  }

  /**
   * The transaction's name across the cluster: {@code cluster/instance/id}, as UTF-8 bytes at
   * most 64 + 1 + 16 + 1 + 16 long when the cluster name is at most 64 bytes (XA's global
   * transaction id holds 64).
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
