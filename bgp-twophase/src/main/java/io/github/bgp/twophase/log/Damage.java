package io.github.bgp.twophase.log;

/**
 * What is wrong with a log file after its last valid record: a {@link TornTail} (the trace of
 * an interrupted append, which {@link FileLog#open} drops), a {@link Corruption} of what was
 * forced, or a {@link BadHeader} (the file is not a bgp log, or its header is damaged). Offsets
 * are byte offsets from the start of the file.
 */
public sealed interface Damage permits Damage.TornTail, Damage.Corruption, Damage.BadHeader {

  /** Where the damage starts. */
  long offset();

  /** One line a person can read, naming the offset. */
  String describe();

  /**
   * Invalid bytes that nothing forced follows (in a version-2 log, no commit marker; in a
   * version-1 log, no valid record): a record cut short by a crash, a zero-filled tail, a record
   * whose CRC does not check, records of a batch whose force never completed. Opening the log
   * truncates the file to {@code offset}.
   *
   * @param offset where the first invalid record starts (the end of the last valid one, or 0
   *     when the file header itself is incomplete)
   * @param length how many bytes there are from {@code offset} to the end of the file
   * @param reason what is wrong with the record at {@code offset}
   */
  record TornTail(long offset, long length, String reason) implements Damage {
    @Override
    public String describe() {
      return "a torn tail of " + length + " bytes at byte offset " + offset + ": " + reason;
    }
  }

  /**
   * An invalid record that something written after it shows to be damage, not the trace of an
   * interrupted append: in a version-2 log, a commit marker follows it, so the record was forced
   * (and the node may have acted on it); in a version-1 log, which has no markers, a valid record
   * follows it. Opening the log fails rather than skip records.
   *
   * @param offset where the invalid record starts
   * @param reason what is wrong with it
   * @param nextValidOffset where the frame that shows the damage starts: the commit marker
   *     ({@code forced}), or the first valid record after the invalid one
   * @param forced whether a commit marker shows that the invalid record was forced
   */
  record Corruption(long offset, String reason, long nextValidOffset, boolean forced) implements Damage {
    @Override
    public String describe() {
      return forced
          ? "the record at byte offset " + offset + " is corrupt (" + reason + "), and the commit marker at byte"
              + " offset " + nextValidOffset + " shows it was forced, so it may have been acted on: the log is damaged, not torn by"
              + " a crash"
          : "the record at byte offset " + offset + " is corrupt (" + reason + "), and a valid record follows at byte"
              + " offset " + nextValidOffset + ": the log is damaged before its tail, not torn by a crash";
    }
  }

  /**
   * The file does not start with the header of a bgp log of a version this library reads, or
   * its header is damaged.
   *
   * @param reason what the file starts with instead, or what is wrong with its header
   */
  record BadHeader(String reason) implements Damage {
    @Override
    public long offset() {
      return 0;
    }

    @Override
    public String describe() {
      return reason;
    }
  }
}
