package io.github.bgp.sm;

import io.github.bgp.api.NodeId;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * One Ed25519 signature of a chain and the general who made it: what SM(m) and Dolev-Strong
 * relays carry ({@link SignedValue}).
 *
 * @param signer who signed
 * @param bytes the 64 bytes of the signature
 * @since 0.1.0
 */
public record Signature(NodeId signer, byte[] bytes) {

  /** The length of an Ed25519 signature. */
  public static final int LENGTH = 64;

  public Signature {
    Objects.requireNonNull(signer, "signer");
    if (bytes.length != LENGTH) {
      throw new IllegalArgumentException("an Ed25519 signature is " + LENGTH + " bytes, got " + bytes.length);
    }
    bytes = bytes.clone();
  }

  @Override
  public byte[] bytes() {
    return bytes.clone();
  }

  /** The bytes, not copied: for signing, verifying and encoding only. */
  byte[] raw() {
    return bytes;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Signature s && s.signer.equals(signer) && Arrays.equals(s.bytes, bytes);
  }

  @Override
  public int hashCode() {
    return signer.hashCode() * 31 + Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return signer + ":" + HexFormat.of().formatHex(bytes, 0, 4) + "...";
  }
}
