package io.github.bgp.twophase.internal;

import io.github.bgp.api.Transaction;
import io.github.bgp.twophase.ResourceSide;
import io.github.bgp.twophase.Timers;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * The layout every commit protocol of bgp gives its messages, written and read in one place, as
 * {@link io.github.bgp.twophase.CommitRecords} does for log records (the same layout): big-endian
 * {@code u8 type, i64 txn} (a transaction id below {@link Timers#MAX_TXN}), then what the type
 * carries: nothing, a transaction's payload ({@code i32 length, bytes}, the rest of the message,
 * at most {@link ResourceSide#maxPayload()}), one byte (a constant's ordinal) or the fields a
 * protocol adds. A message that does not read is refused with an {@link IllegalArgumentException}
 * that names the protocol and what is wrong, and nothing may follow its last field. Each
 * protocol's codec keeps its own type codes and fields. Not API: the package is not exported.
 *
 * @since 0.1.0
 */
public final class Wire {

  /** A message's type and transaction: the bytes every message starts with. */
  public static final int HEADER = 9;

  private Wire() {}

  /**
   * A message that is only its type and transaction.
   *
   * @param type the protocol's code for the message
   * @param txn the transaction
   * @return {@value #HEADER} bytes
   */
  public static byte[] of(byte type, long txn) {
    return header(type, txn, 0).array();
  }

  /**
   * A message carrying one byte after its transaction.
   *
   * @param type the protocol's code for the message
   * @param txn the transaction
   * @param constant what it carries: the constant's ordinal
   * @return {@value #HEADER} + 1 bytes
   */
  public static byte[] of(byte type, long txn, Enum<?> constant) {
    return header(type, txn, 1).put((byte) constant.ordinal()).array();
  }

  /**
   * A message carrying a transaction, its payload included.
   *
   * @param type the protocol's code for the message
   * @param transaction the transaction
   * @return {@value #HEADER} + 4 bytes and the payload
   */
  public static byte[] of(byte type, Transaction transaction) {
    byte[] payload = transaction.payload();
    return header(type, transaction.id(), 4 + payload.length).putInt(payload.length).put(payload).array();
  }

  /**
   * A buffer of {@value #HEADER} + {@code fields} bytes with the type and transaction written: the
   * caller puts a protocol's own fields after them.
   *
   * @param type the protocol's code for the message
   * @param txn the transaction
   * @param fields how many bytes follow the transaction
   * @return the buffer, positioned after the transaction
   */
  public static ByteBuffer header(byte type, long txn, int fields) {
    return ByteBuffer.allocate(HEADER + fields).put(type).putLong(txn);
  }

  /**
   * Starts reading a message: its type and transaction.
   *
   * @param protocol the protocol's name as its errors say it ({@code 2PC}, {@code 3PC}, ...)
   * @param in the message
   * @return a reader positioned after the transaction
   * @throws IllegalArgumentException if the message is shorter than {@value #HEADER} bytes or
   *     names a transaction outside 0 to 2^60 - 1
   */
  public static Reader read(String protocol, ByteBuffer in) {
    return new Reader(protocol, Objects.requireNonNull(in, "in"));
  }

  /**
   * The fields of one message, read in order; every failure names the protocol.
   *
   * @since 0.1.0
   */
  public static final class Reader {
    private final String protocol;
    private final ByteBuffer in;
    private final byte type;
    private final long txn;

    private Reader(String protocol, ByteBuffer in) {
      this.protocol = Objects.requireNonNull(protocol, "protocol");
      this.in = in;
      if (in.remaining() < HEADER) {
        throw new IllegalArgumentException(protocol + " message of " + in.remaining()
            + " bytes is shorter than its 9-byte header");
      }
      type = in.get();
      txn = in.getLong();
      if (txn < 0 || txn >= Timers.MAX_TXN) {
        throw new IllegalArgumentException(protocol + " message names transaction " + txn + "; ids are 0 to 2^60 - 1");
      }
    }

    /**
     * The message's type code.
     *
     * @return the first byte
     */
    public byte type() {
      return type;
    }

    /**
     * The message's transaction id.
     *
     * @return a transaction id in 0 to 2^60 - 1
     */
    public long txn() {
      return txn;
    }

    /**
     * Reads the transaction's payload, which must be the rest of the message.
     *
     * @param what the message, for the error ({@code vote request})
     * @return the transaction, with the message's id and payload
     * @throws IllegalArgumentException if the length is missing, too large or not what is left
     */
    public Transaction transaction(String what) {
      if (in.remaining() < 4) {
        throw new IllegalArgumentException(protocol + " " + what + " has no payload length");
      }
      int length = in.getInt();
      if (length < 0 || length > ResourceSide.maxPayload() || length != in.remaining()) {
        throw new IllegalArgumentException(protocol + " " + what + " claims a payload of " + length
            + " bytes and carries " + in.remaining());
      }
      byte[] payload = new byte[length];
      in.get(payload);
      return new Transaction(txn, payload);
    }

    /**
     * Reads one byte as the ordinal of one of {@code values}.
     *
     * @param <E> the constants' type
     * @param values every constant, in ordinal order
     * @param what what the constant is, for the error
     * @return the constant
     * @throws IllegalArgumentException if the byte is missing or out of range
     */
    public <E extends Enum<E>> E constant(E[] values, String what) {
      need(1, "its " + what);
      int v = in.get();
      if (v < 0 || v >= values.length) {
        throw new IllegalArgumentException("unknown " + protocol + " " + what + " " + v);
      }
      return values[v];
    }

    /**
     * Checks that at least {@code bytes} are left.
     *
     * @param bytes how many the next fields take
     * @param what the fields, for the error
     * @throws IllegalArgumentException if fewer are left
     */
    public void need(long bytes, String what) {
      if (in.remaining() < bytes) {
        throw new IllegalArgumentException(protocol + " message ends before " + what);
      }
    }

    /**
     * Reads a big-endian u16; the caller checked it is there ({@link #need}).
     *
     * @return 0 to 65535
     */
    public int uint16() {
      return Short.toUnsignedInt(in.getShort());
    }

    /**
     * Reads a big-endian i64; the caller checked it is there ({@link #need}).
     *
     * @return the field
     */
    public long int64() {
      return in.getLong();
    }

    /**
     * Ends the message: nothing may follow its last field.
     *
     * @param <M> the message's type
     * @param message what was read
     * @return {@code message}
     * @throws IllegalArgumentException if bytes are left
     */
    public <M> M end(M message) {
      if (in.hasRemaining()) {
        throw new IllegalArgumentException(protocol + " message has " + in.remaining() + " bytes after its end");
      }
      return message;
    }

    /**
     * The error for a type code the protocol does not have.
     *
     * @return an exception to throw, naming the code
     */
    public IllegalArgumentException unknownType() {
      return new IllegalArgumentException("unknown " + protocol + " message type " + type);
    }
  }
}
