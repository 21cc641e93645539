package io.github.bgp.cli;

import io.github.bgp.api.CommitSpec;
import io.github.bgp.api.NodeId;
import io.github.bgp.api.Verdict;
import io.github.bgp.api.Vote;
import io.github.bgp.twophase.log.FileLog;
import io.github.bgp.twophase.log.LogOwner;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Two-phase commit's log records as its documentation gives them ({@code u8 type, i64 txn}, then
 * a payload, a verdict or a vote), and logs of them, for tests that write the logs of a story.
 */
final class TpcRecords {

  private TpcRecords() {}

  static byte[] begin(long txn) {
    return ByteBuffer.allocate(13).put((byte) 1).putLong(txn).putInt(0).array();
  }

  static byte[] decided(long txn, Verdict v) {
    return ByteBuffer.allocate(10).put((byte) 2).putLong(txn).put((byte) v.ordinal()).array();
  }

  static byte[] end(long txn) {
    return ByteBuffer.allocate(9).put((byte) 3).putLong(txn).array();
  }

  static byte[] ready(long txn) {
    return ByteBuffer.allocate(13).put((byte) 4).putLong(txn).putInt(0).array();
  }

  static byte[] outcome(long txn, Verdict v) {
    return ByteBuffer.allocate(10).put((byte) 5).putLong(txn).put((byte) v.ordinal()).array();
  }

  static byte[] voted(long txn, Vote v) {
    return ByteBuffer.allocate(10).put((byte) 6).putLong(txn).put((byte) v.ordinal()).array();
  }

  static byte[] ended(long txn) {
    return ByteBuffer.allocate(9).put((byte) 7).putLong(txn).array();
  }

  /** The owner of node {@code node}'s log in a 2PC instance of {@code participants} participants on {@code cluster}. */
  static LogOwner owner(String cluster, int participants, int node) {
    return LogOwner.of(cluster, CommitSpec.of(participants), NodeId.of(node), "2pc");
  }

  /** Writes {@code dir/node-<file>.log}, owned by {@code owner}, holding {@code records}, forced. */
  static Path write(Path dir, int file, LogOwner owner, List<byte[]> records) throws IOException {
    Files.createDirectories(dir);
    Path p = dir.resolve("node-" + file + ".log");
    try (FileLog log = FileLog.open(p, owner)) {
      records.forEach(log::append);
    }
    return p;
  }
}
