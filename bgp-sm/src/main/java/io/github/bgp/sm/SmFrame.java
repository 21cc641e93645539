package io.github.bgp.sm;

import io.github.bgp.api.NodeId;
import io.github.bgp.api.Value;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * What one general sends another in one round of SM(m): the signed values it relays (possibly
 * none: a loyal lieutenant sends an empty frame rather than nothing, so that only silence has
 * to wait for the round's deadline).
 */
record SmFrame(List<Signed> messages) {

  SmFrame {
    messages = List.copyOf(messages);
  }

  static final SmFrame EMPTY = new SmFrame(List.of());

  /** A value and the chain of signatures it carries, the commander's first. */
  record Signed(Value value, List<Signature> chain) {
    Signed {
      Objects.requireNonNull(value, "value");
      chain = List.copyOf(chain);
    }

    /** The generals who signed, in order. */
    List<NodeId> signers() {
      return chain.stream().map(Signature::signer).toList();
    }

    /** This value with one more signature. */
    Signed with(Signature s) {
      Signature[] longer = chain.toArray(new Signature[chain.size() + 1]);
      longer[chain.size()] = s;
      return new Signed(value, List.of(longer));
    }

    @Override
    public String toString() {
      return value + ":" + signers();
    }
  }

  /** One Ed25519 signature and who made it. */
  record Signature(NodeId signer, byte[] bytes) {
    static final int LENGTH = 64;

    Signature {
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

    /** The bytes, not copied: for signing and verifying only. */
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
}
