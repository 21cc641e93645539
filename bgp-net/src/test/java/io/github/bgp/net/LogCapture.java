package io.github.bgp.net;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Collects what the network runtime logs ({@code System.Logger} "io.github.bgp.net", which the
 * JDK routes to {@code java.util.logging}) while open, so a test can count the lines a problem
 * produced.
 */
final class LogCapture extends Handler implements AutoCloseable {

  private final Logger logger = Logger.getLogger("io.github.bgp.net"); // held: a logger is weakly referenced
  private final List<String> lines = new CopyOnWriteArrayList<>();

  LogCapture() {
    setLevel(Level.ALL);
    logger.addHandler(this);
  }

  @Override
  public void publish(LogRecord record) {
    lines.add(record.getMessage());
  }

  /** The lines logged so far that contain every one of {@code parts}. */
  List<String> lines(String... parts) {
    return lines.stream().filter(l -> {
      for (String p : parts) {
        if (!l.contains(p)) {
          return false;
        }
      }
      return true;
    }).toList();
  }

  /** Everything logged so far, for failure messages. */
  List<String> all() {
    return List.copyOf(lines);
  }

  @Override
  public void flush() {}

  @Override
  public void close() {
    logger.removeHandler(this);
  }
}
