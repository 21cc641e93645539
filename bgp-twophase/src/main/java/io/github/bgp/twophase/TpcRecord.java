package io.github.bgp.twophase;

import io.github.bgp.twophase.internal.CommitRecord;

/**
 * What two-phase commit writes in a node's durable log. Big-endian: {@code u8 type, i64 txn},
 * then a payload for BEGIN and READY ({@code i32 length, bytes}), a verdict for DECIDED and
 * OUTCOME, a vote for VOTED. The coordinator logs BEGIN before it asks for votes, DECIDED before
 * it announces the decision, END once every participant acknowledged; a participant logs READY
 * before it votes COMMIT, VOTED before it votes ABORT or READ_ONLY (so its log says what it cast),
 * OUTCOME when it learns the outcome (or aborts on its own without having voted), and ENDED when
 * the coordinator says it has logged END.
 *
 * <p>These seven are every commit protocol's ({@link CommitRecords}' types 1 to 7), declared once in
 * {@link CommitRecord} and inherited here: {@code TpcRecord.Begin}, {@code TpcRecord.Decided},
 * {@code TpcRecord.End}, {@code TpcRecord.Ready}, {@code TpcRecord.Outcome}, {@code TpcRecord.Voted},
 * {@code TpcRecord.Ended}. 2PC adds none.
 */
interface TpcRecord extends CommitRecord {

  static byte[] encode(CommitRecord r) {
    return CommitRecord.encode(r);
  }

  /**
   * Reads a record.
   *
   * @throws IllegalArgumentException if the bytes are not a 2PC record, saying why
   */
  static CommitRecord decode(byte[] bytes) {
    CommitRecords.Reader in = CommitRecords.read("2PC", bytes);
    return in.end(in.shared(SHARED));
  }

  /** {@code READY}, {@code DECIDED COMMIT}, ...: for log inspection. */
  static String describe(CommitRecord r) {
    return CommitRecord.describe(r);
  }
}
