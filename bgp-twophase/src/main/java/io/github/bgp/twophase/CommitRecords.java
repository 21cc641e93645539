package io.github.bgp.twophase;

import io.github.bgp.api.Transaction;
import io.github.bgp.api.Verdict;
import io.github.bgp.api.Vote;
import io.github.bgp.twophase.internal.Wire;
import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.LongFunction;

/**
 * The layout every commit protocol of bgp (2pc, 3pc, paxos-commit) gives its log records, written
 * and read in one place. Big-endian: {@code u8 type, i64 txn} (a transaction id below
 * {@link Timers#MAX_TXN}), then what the type carries: nothing, a transaction's payload
 * ({@code i32 length, bytes}, the rest of the record), one byte (a verdict's or a vote's ordinal)
 * or the fields a protocol adds. A record that does not read is refused with an
 * {@link IllegalArgumentException} that names the protocol and what is wrong, and nothing may
 * follow a record's last field.
 *
 * <p>Every protocol logs two-phase commit's seven records under the same type codes, 1 to 7
 * ({@link #BEGIN} to {@link #ENDED}), and numbers its own records from 8 on; {@link Reader#shared}
 * reads any of the seven into the protocol's own record types ({@link Shared}), so that a
 * protocol's decoder names only the records it adds. The protocols' messages are laid out the
 * same way, and written by the same code.
 *
 * @since 0.1.0
 */
public final class CommitRecords {

  /** A record's type and transaction: the bytes every record starts with. */
  public static final int HEADER = 9;

  /** The coordinator began the transaction; carries it, payload included. */
  public static final byte BEGIN = 1;
  /** Whoever coordinates decided; carries the verdict. */
  public static final byte DECIDED = 2;
  /** Every participant acknowledged the decision. */
  public static final byte END = 3;
  /** The participant voted COMMIT; carries the transaction, payload included. */
  public static final byte READY = 4;
  /** The participant's outcome; carries the verdict. */
  public static final byte OUTCOME = 5;
  /** The participant voted ABORT or READ_ONLY; carries the vote. */
  public static final byte VOTED = 6;
  /** The participant was told the transaction ended. */
  public static final byte ENDED = 7;

  private CommitRecords() {}

  /**
   * A record that is only its type and transaction.
   *
   * @param type the protocol's code for the record
   * @param txn the transaction
   * @return {@value #HEADER} bytes
   */
  public static byte[] of(byte type, long txn) {
    return Wire.of(type, txn);
  }

  /**
   * A record carrying one byte after its transaction.
   *
   * @param type the protocol's code for the record
   * @param txn the transaction
   * @param constant what it carries, usually a {@link Verdict}'s or a {@link Vote}'s ordinal
   * @return {@value #HEADER} + 1 bytes
   */
  public static byte[] of(byte type, long txn, Enum<?> constant) {
    return Wire.of(type, txn, constant);
  }

  /**
   * A record carrying a transaction, its payload included.
   *
   * @param type the protocol's code for the record
   * @param transaction the transaction
   * @return {@value #HEADER} + 4 bytes and the payload
   */
  public static byte[] of(byte type, Transaction transaction) {
    return Wire.of(type, transaction);
  }

  /**
   * A buffer of {@value #HEADER} + {@code fields} bytes with the type and transaction written: the
   * caller puts a protocol's own fields after them.
   *
   * @param type the protocol's code for the record
   * @param txn the transaction
   * @param fields how many bytes follow the transaction
   * @return the buffer, positioned after the transaction
   */
  public static ByteBuffer header(byte type, long txn, int fields) {
    return Wire.header(type, txn, fields);
  }

  /**
   * Starts reading a record: its type and transaction.
   *
   * @param protocol the protocol's name as its messages say it ({@code 2PC}, {@code 3PC}, ...)
   * @param bytes the record
   * @return a reader positioned after the transaction
   * @throws IllegalArgumentException if the record is shorter than {@value #HEADER} bytes or names
   *     a transaction outside 0 to 2^60 - 1
   */
  public static Reader read(String protocol, byte[] bytes) {
    return new Reader(protocol, Objects.requireNonNull(bytes, "bytes"));
  }

  /**
   * How one protocol makes its own records of the seven every commit protocol logs (types
   * {@link #BEGIN} to {@link #ENDED}): one constructor each, usually the protocol's record
   * types' own.
   *
   * @param <R> the protocol's record type
   * @param begin a BEGIN of the transaction
   * @param decided a DECIDED of the transaction and verdict
   * @param end an END of the transaction
   * @param ready a READY of the transaction
   * @param outcome an OUTCOME of the transaction and verdict
   * @param voted a VOTED of the transaction and vote (ABORT or READ_ONLY)
   * @param ended an ENDED of the transaction
   * @since 0.1.0
   */
  public record Shared<R>(Function<Transaction, R> begin, BiFunction<Long, Verdict, R> decided, LongFunction<R> end,
      Function<Transaction, R> ready, BiFunction<Long, Verdict, R> outcome, BiFunction<Long, Vote, R> voted,
      LongFunction<R> ended) {

    /**
     * Checks every constructor is there.
     *
     * @param begin a BEGIN of the transaction
     * @param decided a DECIDED of the transaction and verdict
     * @param end an END of the transaction
     * @param ready a READY of the transaction
     * @param outcome an OUTCOME of the transaction and verdict
     * @param voted a VOTED of the transaction and vote (ABORT or READ_ONLY)
     * @param ended an ENDED of the transaction
     * @throws NullPointerException if one is null, naming it
     */
    public Shared {
      Objects.requireNonNull(begin, "begin");
      Objects.requireNonNull(decided, "decided");
      Objects.requireNonNull(end, "end");
      Objects.requireNonNull(ready, "ready");
      Objects.requireNonNull(outcome, "outcome");
      Objects.requireNonNull(voted, "voted");
      Objects.requireNonNull(ended, "ended");
    }
  }

  /**
   * The fields of one record, read in order; every failure names the protocol.
   *
   * @since 0.1.0
   */
  public static final class Reader {
    private final String protocol;
    private final ByteBuffer in;
    private final byte type;
    private final long txn;

    private Reader(String protocol, byte[] bytes) {
      this.protocol = Objects.requireNonNull(protocol, "protocol");
      this.in = ByteBuffer.wrap(bytes);
      if (bytes.length < HEADER) {
        throw refused("of " + bytes.length + " bytes is shorter than " + HEADER);
      }
      type = in.get();
      txn = in.getLong();
      if (txn < 0 || txn >= Timers.MAX_TXN) {
        throw refused("names transaction " + txn + "; ids are 0 to 2^60 - 1");
      }
    }

    /**
     * The record's type code.
     *
     * @return the first byte
     */
    public byte type() {
      return type;
    }

    /**
     * The record's transaction id.
     *
     * @return a transaction id in 0 to 2^60 - 1
     */
    public long txn() {
      return txn;
    }

    /**
     * Reads the rest of a record of one of the seven types every protocol logs ({@link #BEGIN} to
     * {@link #ENDED}) and makes it with the protocol's constructor; the caller still
     * {@link #end ends} it.
     *
     * @param <R> the protocol's record type
     * @param records the protocol's constructors
     * @return the record
     * @throws IllegalArgumentException if the type is none of the seven ({@link #unknownType}), or
     *     its fields do not read
     */
    public <R> R shared(Shared<R> records) {
      return switch (type) {
        case BEGIN -> records.begin().apply(transaction());
        case DECIDED -> records.decided().apply(txn, verdict());
        case END -> records.end().apply(txn);
        case READY -> records.ready().apply(transaction());
        case OUTCOME -> records.outcome().apply(txn, verdict());
        case VOTED -> records.voted().apply(txn, votedNotToCommit());
        case ENDED -> records.ended().apply(txn);
        default -> throw unknownType();
      };
    }

    /**
     * Reads the transaction's payload, which must be the rest of the record.
     *
     * @return the transaction, with the record's id and payload
     * @throws IllegalArgumentException if the length is missing or is not what is left
     */
    public Transaction transaction() {
      need(4, "its payload length");
      int length = in.getInt();
      if (length != in.remaining()) {
        throw refused("claims " + length + " payload bytes and has " + in.remaining());
      }
      byte[] payload = new byte[length];
      in.get(payload);
      return new Transaction(txn, payload);
    }

    /**
     * Reads a verdict.
     *
     * @return COMMIT or ABORT
     * @throws IllegalArgumentException if the byte is missing or no verdict's
     */
    public Verdict verdict() {
      return constant(Verdict.values(), "verdict");
    }

    /**
     * Reads the vote of a VOTED record: ABORT or READ_ONLY, since a vote to commit is logged as
     * READY, with its transaction.
     *
     * @return ABORT or READ_ONLY
     * @throws IllegalArgumentException if the byte is missing, no vote's, or COMMIT's
     */
    public Vote votedNotToCommit() {
      Vote vote = constant(Vote.values(), "vote");
      if (vote == Vote.COMMIT) {
        throw new IllegalArgumentException("a " + protocol + " VOTED record says COMMIT, which is logged as READY");
      }
      return vote;
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
        throw new IllegalArgumentException("unknown " + what + " " + v + " in a " + protocol + " log record");
      }
      return values[v];
    }

    /**
     * Reads a big-endian i64.
     *
     * @param what what the field is, for the error
     * @return the field
     * @throws IllegalArgumentException if fewer than 8 bytes are left
     */
    public long int64(String what) {
      need(8, what);
      return in.getLong();
    }

    /**
     * Reads a big-endian u16.
     *
     * @param what what the field is, for the error
     * @return the field, 0 to 65535
     * @throws IllegalArgumentException if fewer than 2 bytes are left
     */
    public int uint16(String what) {
      need(2, what);
      return Short.toUnsignedInt(in.getShort());
    }

    /**
     * Ends the record: nothing may follow its last field.
     *
     * @param <R> the record's type
     * @param record what was read
     * @return {@code record}
     * @throws IllegalArgumentException if bytes are left
     */
    public <R> R end(R record) {
      if (in.hasRemaining()) {
        throw refused("has " + in.remaining() + " bytes after its end");
      }
      return record;
    }

    /**
     * The error for a type code the protocol does not have.
     *
     * @return an exception to throw, naming the code
     */
    public IllegalArgumentException unknownType() {
      return new IllegalArgumentException("unknown " + protocol + " log record type " + type);
    }

    private void need(int bytes, String what) {
      if (in.remaining() < bytes) {
        throw refused("ends before " + what);
      }
    }

    private IllegalArgumentException refused(String why) {
      return new IllegalArgumentException("a " + protocol + " log record " + why);
    }
  }
}
