package io.github.bgp.twophase.log;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * {@link FileLog#open} refused a log that is not provably the expected owner's: its header names
 * another cluster, node, role or protocol, or it is a version-1 log, whose header names no owner
 * (see {@link FileLog#upgrade}). The message is one line naming the file and the mismatch.
 */
public final class ForeignLogException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  private final transient Path file;
  private final transient LogOwner expected;
  private final transient LogOwner found;

  ForeignLogException(Path file, LogOwner expected, LogOwner found, String message) {
    super(message);
    this.file = Objects.requireNonNull(file, "file");
    this.expected = Objects.requireNonNull(expected, "expected");
    this.found = found;
  }

  /** The refusal of a log of another owner: {@code ... belongs to node 1 of cluster "b" (...), not node 2 ...}. */
  static ForeignLogException of(Path file, LogOwner expected, LogOwner found) {
    return new ForeignLogException(file, expected, found, "cannot open log " + file + ": it belongs to "
        + found.describe() + ", not " + expected.describe());
  }

  /** The refusal of a version-1 log, which names no owner. */
  static ForeignLogException unowned(Path file, LogOwner expected) {
    return new ForeignLogException(file, expected, null, "cannot open log " + file + ": it is a format-version-1 log,"
        + " whose header names no owner, so nothing shows it is " + expected.describe() + "'s; once you know it is,"
        + " upgrade it to version 2 in place (bgp 2pc log --upgrade, or FileLog.upgrade)");
  }

  /** The file refused. */
  public Path file() {
    return file;
  }

  /** The owner the caller expected. */
  public LogOwner expected() {
    return expected;
  }

  /** The owner the header names; empty for a version-1 log. */
  public Optional<LogOwner> found() {
    return Optional.ofNullable(found);
  }
}
