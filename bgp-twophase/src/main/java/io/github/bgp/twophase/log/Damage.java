package io.github.bgp.twophase.log;

/**
 * What is wrong with a log file after its last valid record: a {@link TornTail} (the trace of
 * an interrupted append, which {@link FileLog#open} drops), a {@link Corruption} before the
 * tail, or a {@link BadHeader} (the file is not a bgp log of this version). Offsets are byte
 * offsets from the start of the file.
 *
 * @since 0.1.0
 */
public sealed interface Damage permits Damage.TornTail, Damage.Corruption, Damage.BadHeader {

  /**
   * Where the damage starts.
   *
   * @return the byte offset in the file
   */
  long offset();

  /**
   * One line a person can read, naming the offset.
   *
   * @return the description
   */
  String describe();

  /**
   * Invalid bytes at the end of the file with no valid record after them: a record cut short
   * by a crash, a zero-filled tail, a record whose CRC does not check. Opening the log
   * truncates the file to {@code offset}.
   *
   * @param offset where the first invalid record starts (the end of the last valid one, or 0
   *     when the file header itself is incomplete)
   * @param length how many bytes there are from {@code offset} to the end of the file
   * @param reason what is wrong with the record at {@code offset}
   * @since 0.1.0
   */
  record TornTail(long offset, long length, String reason) implements Damage {
    @Override
    public String describe() {
      return "a torn tail of " + length + " bytes at byte offset " + offset + ": " + reason;
    }
  }

  /**
   * An invalid record followed later by a valid one: the log is damaged before its tail, which
   * a crash during an append cannot cause. Opening the log fails rather than skip records.
   *
   * @param offset where the invalid record starts
   * @param reason what is wrong with it
   * @param nextValidOffset where the first valid record after it starts
   * @since 0.1.0
   */
  record Corruption(long offset, String reason, long nextValidOffset) implements Damage {
    @Override
    public String describe() {
      return "the record at byte offset " + offset + " is corrupt (" + reason + "), and a valid record follows at byte"
          + " offset " + nextValidOffset + ": the log is damaged before its tail, not torn by a crash";
    }
  }

  /**
   * The file does not start with the header of a bgp log of the version this library reads.
   *
   * @param reason what the file starts with instead
   * @since 0.1.0
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
