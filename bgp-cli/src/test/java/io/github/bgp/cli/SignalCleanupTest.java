package io.github.bgp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGINT and SIGTERM on {@code bgp om --transport tcp} while its nodes run (issue 10): the node
 * processes are stopped and the temporary cluster directory, private keys included, is removed.
 * The run is one that lasts (a silent traitor and 60 s rounds), so the signal comes while it is
 * under way; the command runs in a JVM of its own whose temporary directory is the test's.
 */
@Tag("processes") // clusters of JVMs: mvn -Pprocesses
class SignalCleanupTest {

  @TempDir Path dir;

  @Test
  void sigtermStopsTheNodesAndRemovesTheKeys() throws Exception {
    interruptedRunLeavesNothing(false);
  }

  @Test
  void sigintStopsTheNodesAndRemovesTheKeys() throws Exception {
    interruptedRunLeavesNothing(true);
  }

  private void interruptedRunLeavesNothing(boolean sigint) throws Exception {
    Path tmp = Files.createDirectories(dir.resolve(sigint ? "int" : "term"));
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    command.addAll(LocalProcesses.jvmOptions());
    command.addAll(List.of("-Djava.io.tmpdir=" + tmp, "-cp", System.getProperty("java.class.path"),
        Main.class.getName(), "om", "--generals", "4", "--traitors", "3", "--strategy", "silent", "--transport", "tcp",
        "--round-timeout", "60000"));
    Process bgp = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(dir.resolve("out").toFile())
        .start();
    try {
      Path cluster = awaitRunning(tmp, bgp);
      List<ProcessHandle> nodes = bgp.descendants().toList();
      assertTrue(nodes.size() >= 4, "the node processes: " + nodes);
      assertTrue(Files.exists(cluster.resolve("node-0.key.pem")), "the keys are there while the nodes run");
      if (sigint) {
        new ProcessBuilder("kill", "-INT", Long.toString(bgp.pid())).start().waitFor(10, TimeUnit.SECONDS);
      } else {
        bgp.destroy(); // SIGTERM
      }
      assertTrue(bgp.waitFor(60, TimeUnit.SECONDS), "bgp did not exit after the signal");
      for (ProcessHandle node : nodes) {
        assertTrue(node.onExit().get(30, TimeUnit.SECONDS) != null && !node.isAlive(), "node " + node.pid() + " lives");
      }
      try (Stream<Path> left = Files.list(tmp)) {
        assertEquals(List.of(), left.toList(), "left behind in the temporary directory");
      }
    } finally {
      bgp.descendants().forEach(ProcessHandle::destroyForcibly);
      bgp.destroyForcibly();
    }
  }

  /** Waits until the run's four nodes have started (each has said it is listening), and returns its directory. */
  private static Path awaitRunning(Path tmp, Process bgp) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (System.nanoTime() < deadline) {
      assertTrue(bgp.isAlive(), "bgp exited before its nodes ran");
      try (Stream<Path> dirs = Files.list(tmp)) {
        for (Path d : dirs.filter(p -> p.getFileName().toString().startsWith("bgp-cluster-")).toList()) {
          boolean all = true;
          for (int i = 0; i < 4 && all; i++) {
            Path out = d.resolve("node-" + i + ".out");
            all = Files.exists(out) && Files.readString(out).contains("{\"event\":\"start\"");
          }
          if (all) {
            return d;
          }
        }
      }
      TimeUnit.MILLISECONDS.sleep(50);
    }
    throw new AssertionError("the nodes never started");
  }
}
