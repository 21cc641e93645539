package io.github.bgp.twophase.log;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashMap;
import java.util.Map;

/**
 * The log files this JVM has open or is inspecting, by file identity.
 *
 * <p>A {@link FileLog}'s lock is an OS file lock, and on POSIX systems the OS keeps one such
 * lock per process and file: closing <em>any</em> descriptor of the file in the process
 * releases it, even one opened for an unrelated read (checked on Linux with JDK 17). So this
 * JVM must never open and close a second descriptor of a file one of its logs holds. This
 * registry makes sure it does not: {@link FileLog#open} creates files under its monitor and
 * refuses a file already open here before it opens a descriptor, {@link FileLog#inspect} reads an open log through the log's own
 * channel, and a log's open waits for inspections that use their own descriptor to end.
 *
 * <p>Files are identified by their {@link BasicFileAttributes#fileKey() file key} (device and
 * inode on Unix, so hard links and symbolic links are the same file), or by their real path
 * where the file system has no file key.
 */
final class OpenFiles {

  private static final class Slot {
    /** Whether a log has (or is opening, or closing) the file. */
    boolean log;
    /** The log's channel, once it is open and until it starts closing; null otherwise. */
    FileChannel channel;
    /** Inspections under way, through the log's channel or their own. */
    int readers;
  }

  private static final Map<Object, Slot> SLOTS = new HashMap<>();

  private OpenFiles() {}

  /**
   * Creates {@code file}, empty, unless it exists. Creating a file opens and closes a descriptor
   * of it, so this holds the registry's monitor: no log of this JVM locks the file meanwhile.
   */
  static synchronized void createIfAbsent(Path file) throws IOException {
    try {
      Files.createFile(file);
    } catch (FileAlreadyExistsException e) {
      // Opening an existing log: the usual case. (No descriptor was opened.)
    }
  }

  /** The identity of an existing file. */
  static Object identity(Path file) throws IOException {
    Object key = Files.readAttributes(file, BasicFileAttributes.class).fileKey();
    return key != null ? key : file.toRealPath();
  }

  /**
   * Reserves {@code key} for a log about to open it, once no inspection of it with its own
   * descriptor is under way.
   *
   * @return false if a log of this JVM has the file
   */
  static synchronized boolean reserve(Object key) {
    boolean interrupted = false;
    try {
      while (true) {
        // Looked up again after every wait: the last reader removes a slot no log holds.
        Slot slot = SLOTS.computeIfAbsent(key, k -> new Slot());
        if (slot.log) {
          return false;
        }
        if (slot.readers == 0) {
          slot.log = true;
          return true;
        }
        interrupted |= await();
      }
    } finally {
      reinterrupt(interrupted);
    }
  }

  /** The log that reserved {@code key} is open on {@code channel}: inspections may read through it. */
  static synchronized void attach(Object key, FileChannel channel) {
    SLOTS.get(key).channel = channel;
    OpenFiles.class.notifyAll();
  }

  /**
   * The log that reserved {@code key} is about to close its channel: waits for the inspections
   * reading through it to end, and makes new ones wait until {@link #release}.
   */
  static synchronized void detach(Object key) {
    Slot slot = SLOTS.get(key);
    slot.channel = null;
    boolean interrupted = false;
    while (slot.readers > 0) {
      interrupted |= await();
    }
    reinterrupt(interrupted);
  }

  /** The log that reserved {@code key} closed its channel (or failed to open). */
  static synchronized void release(Object key) {
    Slot slot = SLOTS.get(key);
    slot.log = false;
    slot.channel = null;
    if (slot.readers == 0) {
      SLOTS.remove(key);
    }
    OpenFiles.class.notifyAll();
  }

  /**
   * Starts an inspection of {@code key}: the channel of the log of this JVM that has the file
   * open, or null if none has (then the caller reads with its own descriptor, and no log of
   * this JVM opens the file until {@link #endRead}).
   */
  static synchronized FileChannel beginRead(Object key) {
    boolean interrupted = false;
    Slot slot = SLOTS.computeIfAbsent(key, k -> new Slot());
    while (slot.log && slot.channel == null) {
      interrupted |= await();
      // Looked up again: the log may have failed to open, or closed, and released the slot.
      slot = SLOTS.computeIfAbsent(key, k -> new Slot());
    }
    slot.readers++;
    reinterrupt(interrupted);
    return slot.channel;
  }

  /** Ends an inspection started with {@link #beginRead}. */
  static synchronized void endRead(Object key) {
    Slot slot = SLOTS.get(key);
    slot.readers--;
    if (slot.readers == 0 && !slot.log) {
      SLOTS.remove(key);
    }
    OpenFiles.class.notifyAll();
  }

  /** Waits on the registry's monitor; true if interrupted (the caller restores the flag). */
  private static boolean await() {
    try {
      OpenFiles.class.wait();
      return false;
    } catch (InterruptedException e) {
      return true;
    }
  }

  private static void reinterrupt(boolean interrupted) {
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }
}
