package io.github.bgp.twophase.log;

import java.nio.file.Path;
import java.util.Objects;

/**
 * {@link FileLog#open} refused a file: what was forced in it is corrupt, or it is not a bgp log
 * of a version this library reads, or its header is damaged. The message names the file and the
 * byte offset.
 */
public final class CorruptLogException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  private final transient Path file;
  private final transient Damage damage;

  CorruptLogException(Path file, Damage damage) {
    super("cannot open log " + file + ": " + damage.describe());
    this.file = Objects.requireNonNull(file, "file");
    this.damage = damage;
  }

  /** The file refused. */
  public Path file() {
    return file;
  }

  /** What is wrong with it: a {@link Damage.Corruption} or a {@link Damage.BadHeader}. */
  public Damage damage() {
    return damage;
  }

  /** The byte offset of the bad record (0 for a bad header). */
  public long offset() {
    return damage.offset();
  }
}
