package io.github.bgp.api;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * A transaction to commit atomically across participants: its id, unique in its run, and what
 * it asks of them (opaque to the protocol; a {@link Resource} reads it).
 */
public record Transaction(long id, byte[] payload) {

  public Transaction {
    if (id < 0) {
      throw new IllegalArgumentException("a transaction id is non-negative, got " + id);
    }
    payload = java.util.Objects.requireNonNull(payload, "payload").clone();
  }

  @Override
  public byte[] payload() {
    return payload.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Transaction t && t.id == id && Arrays.equals(t.payload, payload);
  }

  @Override
  public int hashCode() {
    return Long.hashCode(id) * 31 + Arrays.hashCode(payload);
  }

  @Override
  public String toString() {
    return "txn " + id + (payload.length == 0 ? "" : " [" + HexFormat.of().formatHex(payload, 0, Math.min(8, payload.length))
        + (payload.length > 8 ? "..." : "") + "]");
  }
}
