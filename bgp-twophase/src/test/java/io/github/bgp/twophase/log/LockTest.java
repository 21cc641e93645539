package io.github.bgp.twophase.log;

import static io.github.bgp.twophase.log.LogFiles.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A log is open in one place at a time: another process, or this one, cannot open it too. */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class LockTest {

  @TempDir
  Path dir;

  /** Starts {@code LockHolder mode file} in a child JVM on this test's class path. */
  private static Process child(String mode, Path file) throws IOException {
    String java = ProcessHandle.current().info().command()
        .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    return new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), LockHolder.class.getName(), mode,
        file.toString()).redirectErrorStream(true).start();
  }

  private static String firstLine(Process p) throws IOException {
    BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    String line = out.readLine();
    if (line == null) {
      return "(no output)";
    }
    return line;
  }

  private static String rest(Process p) throws IOException {
    return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
  }

  @Test
  void aLogAnotherProcessHoldsCannotBeOpenedUntilItLetsGo() throws Exception {
    Path file = dir.resolve("shared.log");
    Process holder = child("hold", file);
    try {
      String line = firstLine(holder);
      assertEquals("locked", line, () -> line + "\n" + restQuietly(holder));
      IllegalStateException e = assertThrows(IllegalStateException.class, () -> LogFiles.open(file));
      assertTrue(e.getMessage().contains(file.toAbsolutePath().toString()), e.getMessage());
      assertTrue(e.getMessage().contains("another process has it open"), e.getMessage());

      // Inspecting needs no lock: it sees the other process's forced record.
      assertEquals(1, FileLog.inspect(file).records().size());

      holder.getOutputStream().close(); // the holder closes its log and exits
      assertTrue(holder.waitFor(30, TimeUnit.SECONDS), "the holder exits");
      assertEquals(0, holder.exitValue());
    } finally {
      holder.destroyForcibly();
    }
    try (FileLog log = LogFiles.open(file)) {
      LogFiles.assertRecords(List.of(text(LockHolder.RECORD)), log.recovered());
    }
  }

  private static String restQuietly(Process p) {
    p.destroyForcibly();
    try {
      return rest(p);
    } catch (IOException e) {
      return "(output unreadable: " + e + ")";
    }
  }

  @Test
  void aSecondOpenInThisProcessFailsAndLeavesTheFirstHoldingTheLock() throws Exception {
    Path file = dir.resolve("mine.log");
    try (FileLog log = LogFiles.open(file)) {
      log.append(text("first"));
      log.force();
      IllegalStateException e = assertThrows(IllegalStateException.class, () -> LogFiles.open(file));
      assertTrue(e.getMessage().contains(file.toAbsolutePath().toString()), e.getMessage());
      assertTrue(e.getMessage().contains("this process already has it open"), e.getMessage());

      // The same file under other names is the same log.
      assertThrows(IllegalStateException.class, () -> LogFiles.open(dir.resolve(".").resolve("mine.log")));
      Path link = dir.resolve("link.log");
      Files.createSymbolicLink(link, file);
      assertThrows(IllegalStateException.class, () -> LogFiles.open(link));
      Path hardLink = dir.resolve("hard.log");
      Files.createLink(hardLink, file);
      assertThrows(IllegalStateException.class, () -> LogFiles.open(hardLink));

      // Inspect reads through the log's own channel.
      assertEquals(1, FileLog.inspect(file).records().size());

      // None of that closed a descriptor of the file, which on POSIX would have dropped our lock.
      Process other = child("try", file);
      String line = firstLine(other);
      assertTrue(line.startsWith("refused: ") && line.contains("another process has it open"), line);
      assertTrue(other.waitFor(30, TimeUnit.SECONDS));

      log.append(text("second"));
    }
    try (FileLog log = LogFiles.open(file)) {
      LogFiles.assertRecords(List.of(text("first"), text("second")), log.recovered());
    }
  }
}
