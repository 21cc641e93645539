package io.github.bgp.threephase;

import io.github.bgp.twophase.CommitRecords;
import io.github.bgp.twophase.internal.CommitRecord;

/**
 * What three-phase commit writes in a node's durable log: 2PC's records (types 1 to 7, the same
 * meaning) and two of its own. The coordinator logs BEGIN, PRECOMMIT before it sends any
 * PRE-COMMIT, DECIDED, END; a participant logs READY (voted COMMIT), VOTED ABORT|READ_ONLY,
 * PRECOMMITTED (before it acknowledges a PRE-COMMIT), OUTCOME, ENDED; a participant that decides
 * as the backup coordinator of the termination protocol logs DECIDED too, before it announces it.
 * Big-endian: {@code u8 type, i64 txn}, then a payload ({@code i32 length, bytes}) for BEGIN and
 * READY, a verdict for DECIDED and OUTCOME, a vote for VOTED. The seven of 2PC are declared once, in
 * {@link CommitRecord}, and inherited: {@code TpRecord.Ready} is {@link CommitRecord.Ready}.
 */
interface TpRecord extends CommitRecord {

  /** The coordinator is about to send PRE-COMMIT: every vote was to commit. */
  record PreCommit(long txn) implements TpRecord {}

  /** The participant took a PRE-COMMIT: every vote was to commit, and it will commit unless told otherwise. */
  record PreCommitted(long txn) implements TpRecord {}

  byte PRECOMMIT = 8;
  byte PRECOMMITTED = 9;

  static byte[] encode(CommitRecord r) {
    if (r instanceof PreCommit) {
      return CommitRecords.of(PRECOMMIT, r.txn());
    }
    if (r instanceof PreCommitted) {
      return CommitRecords.of(PRECOMMITTED, r.txn());
    }
    return CommitRecord.encode(r);
  }

  /**
   * Reads a record.
   *
   * @throws IllegalArgumentException if the bytes are not a 3PC record, saying why
   */
  static CommitRecord decode(byte[] bytes) {
    CommitRecords.Reader in = CommitRecords.read("3PC", bytes);
    return in.end(switch (in.type()) {
      case PRECOMMIT -> new PreCommit(in.txn());
      case PRECOMMITTED -> new PreCommitted(in.txn());
      default -> in.shared(SHARED);
    });
  }

  /** {@code READY}, {@code PRECOMMITTED}, ...: for log inspection. */
  static String describe(CommitRecord r) {
    if (r instanceof PreCommit) {
      return "PRECOMMIT";
    }
    if (r instanceof PreCommitted) {
      return "PRECOMMITTED";
    }
    return CommitRecord.describe(r);
  }
}
