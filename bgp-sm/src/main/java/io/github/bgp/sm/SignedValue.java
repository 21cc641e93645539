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
 * {@code u8 kind, value, u8 chain length, length x (u16 signer, 64 bytes)}, where the value is an
 * {@code i64 code} for kinds 0 (order) and 1 (number), and {@code u32 length, length bytes} for
 * kind 2 (an application's bytes, at most the instance's {@code maxValueBytes}).
 *
 * @param value the value signed
 * @param chain the signatures, in the order they were made
 * @since 0.1.0
 */
public record SignedValue(Value value, List<Signature> chain) {

  /** The longest chain the wire form carries. */
  public static final int MAX_CHAIN = 0xFF;

  /**
   * Checks and copies the chain.
   *
   * @param value the value signed
   * @param chain the signatures, in the order they were made (copied)
   */
  public SignedValue {
    Objects.requireNonNull(value, "value");
    chain = List.copyOf(chain);
  }

  /**
   * The generals who signed, in order.
   *
   * @return the signers, the commander first
   */
  public List<NodeId> signers() {
    return chain.stream().map(Signature::signer).toList();
  }

  /**
   * This value with one more signature.
   *
   * @param s the signature to add at the end of the chain
   * @return a new signed value
   */
  public SignedValue with(Signature s) {
    Signature[] longer = chain.toArray(new Signature[chain.size() + 1]);
    longer[chain.size()] = s;
    return new SignedValue(value, List.of(longer));
  }

  /**
   * How many bytes {@link #write} writes.
   *
   * @return the wire form's length in bytes
   */
  public int size() {
    return 2 + valueSize(value) + chain.size() * (2 + Signature.LENGTH);
  }

  /** How many bytes a value takes in the wire form: 8 for a code, 4 and its bytes for an application value. */
  static int valueSize(Value value) {
    return value.kind() == Value.Kind.BYTES ? 4 + value.size() : 8;
  }

  /** Writes a value as the wire form (and the signed payload) carry it: its kind, then its code or its bytes. */
  static void writeValue(ByteBuffer b, Value value) {
    b.put((byte) value.kind().ordinal());
    if (value.kind() == Value.Kind.BYTES) {
      b.putInt(value.size()).put(value.bytes());
    } else {
      b.putLong(value.code());
    }
  }

  /**
   * Writes this message's wire form.
   *
   * @param b where to write, with room for {@link #size()} bytes
   * @throws IllegalArgumentException if its chain is longer than {@link #MAX_CHAIN}
   */
  public void write(ByteBuffer b) {
    if (chain.size() > MAX_CHAIN) {
      throw new IllegalArgumentException("a chain holds at most " + MAX_CHAIN + " signatures");
    }
    writeValue(b, value);
    b.put((byte) chain.size());
    for (Signature s : chain) {
      b.putShort((short) s.signer().index()).put(s.raw());
    }
  }

  /**
   * Reads the wire form of message {@code index} of a frame of {@code protocol} ({@code "SM"}),
   * which errors name, for an instance that carries no application values.
   *
   * @param in the bytes, read from its position
   * @param protocol the protocol's name, for errors
   * @param index the message's index in its frame, for errors
   * @return the message
   * @throws IllegalArgumentException if the bytes are not a well-formed message, saying why
   */
  public static SignedValue read(ByteBuffer in, String protocol, int index) {
    return read(in, protocol, index, 0);
  }

  /**
   * Reads the wire form of message {@code index} of a frame of {@code protocol} ({@code "SM"}),
   * which errors name, in an instance whose application values hold at most {@code maxValueBytes}.
   * The bytes of a value larger than that are refused before any is copied, so a frame cannot make a
   * node allocate more than its instance carries. The signatures are read, not verified.
   *
   * @param in the bytes, read from its position; on success the position is just past the message
   * @param protocol the protocol's name, for errors
   * @param index the message's index in its frame, for errors
   * @param maxValueBytes the largest application value (kind 2) accepted, in bytes: the instance's
   *     {@code maxValueBytes}, 0 for an instance of orders or numbers
   * @return the message
   * @throws IllegalArgumentException if the bytes are not a well-formed message, or carry a value
   *     larger than {@code maxValueBytes}, saying why
   */
  public static SignedValue read(ByteBuffer in, String protocol, int index, int maxValueBytes) {
    // Every error's words are built only when it is thrown: a message that reads well builds no string.
    if (in.remaining() < 1) {
      throw shortOf(in, 1, protocol, "message " + index);
    }
    byte kind = in.get();
    Value value;
    if (kind == 0 || kind == 1) {
      if (in.remaining() < 9) {
        throw shortOf(in, 9, protocol, "message " + index);
      }
      long code = in.getLong();
      if (kind == 0 && code != 0 && code != 1) {
        throw new IllegalArgumentException(protocol + " message " + index + " carries order code " + code
            + " (expected 0 or 1)");
      }
      value = kind == 0 ? Value.of(Value.Kind.ORDER, code) : Value.number(code);
    } else if (kind == 2) {
      if (in.remaining() < 4) {
        throw shortOf(in, 4, protocol, "the value length of message " + index);
      }
      long size = Integer.toUnsignedLong(in.getInt());
      if (size > maxValueBytes) {
        throw new IllegalArgumentException(protocol + " message " + index + " carries a value of " + size
            + " bytes, more than the " + maxValueBytes + " this instance carries");
      }
      if (in.remaining() < (int) size + 1) {
        throw shortOf(in, (int) size + 1, protocol, "the " + size + "-byte value of message " + index);
      }
      byte[] bytes = new byte[(int) size];
      in.get(bytes);
      value = Value.bytes(bytes);
    } else {
      throw new IllegalArgumentException(protocol + " message " + index + " has unknown kind " + kind);
    }
    int length = Byte.toUnsignedInt(in.get());
    if (in.remaining() < length * (2 + Signature.LENGTH)) {
      throw shortOf(in, length * (2 + Signature.LENGTH), protocol, "the " + length + " signatures of message " + index);
    }
    List<Signature> chain = new ArrayList<>(length);
    for (int s = 0; s < length; s++) {
      int signer = Short.toUnsignedInt(in.getShort());
      byte[] bytes = new byte[Signature.LENGTH];
      in.get(bytes);
      chain.add(new Signature(NodeId.of(signer), bytes));
    }
    return new SignedValue(value, chain);
  }

  /** The error of a frame that ends {@code bytes - in.remaining()} bytes short of {@code what}. */
  private static IllegalArgumentException shortOf(ByteBuffer in, int bytes, String protocol, String what) {
    return new IllegalArgumentException(protocol + " frame ends " + (bytes - in.remaining()) + " bytes short of "
        + what);
  }

  @Override
  public String toString() {
    return value + ":" + signers();
  }
}
