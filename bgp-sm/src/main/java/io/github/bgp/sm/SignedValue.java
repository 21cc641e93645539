package io.github.bgp.sm;

import io.github.bgp.api.NodeId;
import io.github.bgp.api.Value;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A value and the chain of signatures it carries, the commander's first: one relayed message of
 * SM(m) or Dolev-Strong. Its wire form, shared by both protocols' codecs, is big-endian
 * {@code u8 kind (0 order, 1 number), i64 code, u8 chain length, length x (u16 signer, 64 bytes)}.
 *
 * @param value the value signed
 * @param chain the signatures, in the order they were made
 * @since 0.1.0
 */
public record SignedValue(Value value, List<Signature> chain) {

  /** The longest chain the wire form carries. */
  public static final int MAX_CHAIN = 0xFF;

  public SignedValue {
    Objects.requireNonNull(value, "value");
    chain = List.copyOf(chain);
  }

  /** The generals who signed, in order. */
  public List<NodeId> signers() {
    return chain.stream().map(Signature::signer).toList();
  }

  /** This value with one more signature. */
  public SignedValue with(Signature s) {
    Signature[] longer = chain.toArray(new Signature[chain.size() + 1]);
    longer[chain.size()] = s;
    return new SignedValue(value, List.of(longer));
  }

  /** How many bytes {@link #write} writes. */
  public int size() {
    return 10 + chain.size() * (2 + Signature.LENGTH);
  }

  /**
   * Writes this message's wire form.
   *
   * @throws IllegalArgumentException if its chain is longer than {@link #MAX_CHAIN}
   */
  public void write(ByteBuffer b) {
    if (chain.size() > MAX_CHAIN) {
      throw new IllegalArgumentException("a chain holds at most " + MAX_CHAIN + " signatures");
    }
    b.put((byte) value.kind().ordinal()).putLong(value.code()).put((byte) chain.size());
    for (Signature s : chain) {
      b.putShort((short) s.signer().index()).put(s.raw());
    }
  }

  /**
   * Reads the wire form of message {@code index} of a frame of {@code protocol} ({@code "SM"}),
   * which errors name.
   *
   * @throws IllegalArgumentException if the bytes are not a well-formed message, saying why
   */
  public static SignedValue read(ByteBuffer in, String protocol, int index) {
    String what = protocol + " message " + index;
    need(in, 10, protocol, "message " + index);
    byte kind = in.get();
    long code = in.getLong();
    int length = Byte.toUnsignedInt(in.get());
    Value value;
    if (kind == 0) {
      if (code != 0 && code != 1) {
        throw new IllegalArgumentException(what + " carries order code " + code + " (expected 0 or 1)");
      }
      value = Value.of(Value.Kind.ORDER, code);
    } else if (kind == 1) {
      value = Value.number(code);
    } else {
      throw new IllegalArgumentException(what + " has unknown kind " + kind);
    }
    need(in, length * (2 + Signature.LENGTH), protocol, "the " + length + " signatures of message " + index);
    List<Signature> chain = new ArrayList<>(length);
    for (int s = 0; s < length; s++) {
      int signer = Short.toUnsignedInt(in.getShort());
      byte[] bytes = new byte[Signature.LENGTH];
      in.get(bytes);
      chain.add(new Signature(NodeId.of(signer), bytes));
    }
    return new SignedValue(value, chain);
  }

  private static void need(ByteBuffer in, int bytes, String protocol, String what) {
    if (in.remaining() < bytes) {
      throw new IllegalArgumentException(protocol + " frame ends " + (bytes - in.remaining()) + " bytes short of "
          + what);
    }
  }

  @Override
  public String toString() {
    return value + ":" + signers();
  }
}
