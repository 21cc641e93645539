package io.github.bgp.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** A {@code bgp node} in a JVM of its own, for tests: its output lines as they come, and SIGKILL. */
final class NodeProcess {

  private final Process process;
  private final Path err;
  private final List<String> lines = Collections.synchronizedList(new ArrayList<>());

  private NodeProcess(Process process, Path err) {
    this.process = process;
    this.err = err;
    Thread reader = new Thread(() -> {
      try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line = r.readLine(); line != null; line = r.readLine()) {
          lines.add(line);
        }
      } catch (IOException closed) {
        // the process died
      }
    });
    reader.setDaemon(true);
    reader.start();
  }

  /** Starts {@code bgp node args...}; its standard error goes to {@code err}. */
  static NodeProcess start(Path err, String... args) throws IOException {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    command.addAll(LocalProcesses.jvmOptions());
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName(), "node"));
    command.addAll(List.of(args));
    return new NodeProcess(new ProcessBuilder(command).redirectError(err.toFile()).start(), err);
  }

  /** Waits until an output line matches, and returns it. */
  String await(Predicate<String> line, long seconds) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (System.nanoTime() < deadline) {
      synchronized (lines) {
        for (String l : lines) {
          if (line.test(l)) {
            return l;
          }
        }
      }
      if (!process.isAlive() && lines.stream().noneMatch(line)) {
        throw new AssertionError("the node exited (" + process.exitValue() + ") without printing the line awaited: "
            + lines + errors());
      }
      Thread.sleep(10);
    }
    throw new AssertionError("no such line within " + seconds + " s: " + lines + errors());
  }

  /** Writes {@code line} to the node's standard input (what {@code --start -} reads). */
  void tell(String line) throws IOException {
    process.getOutputStream().write((line + "\n").getBytes(StandardCharsets.UTF_8));
    process.getOutputStream().flush();
  }

  /**
   * Starts every node of {@code nodes}, each run with {@code --start -}, at one start: once all
   * are listening, {@code leadMillis} from then.
   */
  static long startTogether(List<NodeProcess> nodes, long leadMillis) throws Exception {
    for (NodeProcess n : nodes) {
      n.await(l -> l.equals("{\"event\":\"ready\"}"), 120);
    }
    long start = System.currentTimeMillis() + leadMillis;
    for (NodeProcess n : nodes) {
      n.tell(Long.toString(start));
    }
    return start;
  }

  /** The process, for signals. */
  Process process() {
    return process;
  }

  /** Kills the process with SIGKILL: no shutdown hook, no flush, nothing. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(10, TimeUnit.SECONDS);
  }

  /** Waits for the process to exit by itself, and returns its exit code. */
  int exit(long seconds) throws InterruptedException {
    if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("the node did not exit within " + seconds + " s" + errors());
    }
    return process.exitValue();
  }

  /** The output lines so far. */
  List<String> lines() {
    synchronized (lines) {
      return List.copyOf(lines);
    }
  }

  /** The standard error so far, for failure messages. */
  String errors() {
    try {
      return Files.exists(err) ? "\n--- stderr:\n" + Files.readString(err) : "";
    } catch (IOException e) {
      return "";
    }
  }

  void destroy() {
    process.destroyForcibly();
  }
}
