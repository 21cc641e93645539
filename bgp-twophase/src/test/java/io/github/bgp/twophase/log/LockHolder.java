package io.github.bgp.twophase.log;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * A second process for {@link LockTest}, run as {@code LockHolder MODE FILE}.
 *
 * <ul>
 *   <li>{@code hold}: opens the log, appends and forces one record, prints {@code locked}, and
 *       holds the log open until its standard input ends;
 *   <li>{@code try}: tries to open the log and prints {@code opened} or {@code refused: MESSAGE}.
 * </ul>
 */
public final class LockHolder {

  /** The record the holder appends. */
  static final String RECORD = "written by the other process";

  private LockHolder() {}

  public static void main(String[] args) throws IOException {
    Path file = Path.of(args[1]);
    if (args[0].equals("hold")) {
      try (FileLog log = LogFiles.open(file)) {
        log.append(RECORD.getBytes(StandardCharsets.UTF_8));
        log.force();
        System.out.println("locked");
        System.out.flush();
        System.in.transferTo(OutputStream.nullOutputStream()); // until the parent closes our stdin
      }
    } else {
      try (FileLog log = LogFiles.open(file)) {
        System.out.println("opened " + log.recovered().size());
      } catch (IllegalStateException e) {
        System.out.println("refused: " + e.getMessage());
      }
    }
    System.out.flush();
  }
}
