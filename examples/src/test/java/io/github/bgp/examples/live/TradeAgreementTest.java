package io.github.bgp.examples.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.bgp.api.NodeId;
import io.github.bgp.net.Certificates;
import io.github.bgp.net.ClusterConfig;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link TradeAgreement} as an application runs it: four JVMs, one per node, over mutual TLS, the
 * commander proposing a {@code Trade} of the application's own type, every node printing the
 * same decision. Rounds are 30 s long, so every round closes on its last frame and none is waited
 * for; the start is given once every node listens.
 */
class TradeAgreementTest {

  private static final long WAIT_SECONDS = 60;

  @TempDir Path dir;

  private final List<Process> processes = new ArrayList<>();

  @AfterEach
  void stop() {
    processes.forEach(Process::destroyForcibly);
  }

  @Tag("processes")
  @Test
  void fourProcessesOverTlsDecideTheCommandersTrade() throws Exception {
    ClusterConfig cluster = Certificates.makeCluster(dir, "desks", 4, "127.0.0.1", 0, 30_000);
    for (int i = 0; i < 4; i++) {
      try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
        cluster = cluster.withPort(NodeId.of(i), s.getLocalPort());
      }
    }
    Path config = dir.resolve("cluster.json");
    cluster.write(config);
    List<BufferedReader> outputs = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-Xmx128m", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
          TradeAgreement.class.getName(), config.toString(), Integer.toString(i))
          .redirectError(dir.resolve("node-" + i + ".err").toFile()).start();
      processes.add(p);
      outputs.add(new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8)));
    }
    for (BufferedReader out : outputs) {
      assertEquals("ready", line(out));
    }
    String start = Long.toString(System.currentTimeMillis() + 2_000); // once every node listens
    for (Process p : processes) {
      OutputStream in = p.getOutputStream();
      in.write((start + "\n").getBytes(StandardCharsets.UTF_8));
      in.flush();
    }
    for (int i = 0; i < 4; i++) {
      assertEquals("node " + i + " decided " + TradeAgreement.PROPOSED, line(outputs.get(i)));
    }
    for (Process p : processes) {
      assertEquals(true, p.waitFor(WAIT_SECONDS, TimeUnit.SECONDS), "the node exits");
      assertEquals(0, p.exitValue());
    }
  }

  @Test
  void theCodecIsCanonicalAndChecksWhatItDecodes() {
    byte[] bytes = TradeAgreement.CODEC.encode(TradeAgreement.PROPOSED);
    assertEquals(TradeAgreement.PROPOSED, TradeAgreement.CODEC.decode(bytes));
    byte[] longer = java.util.Arrays.copyOf(bytes, bytes.length + 1);
    assertThrows(IllegalArgumentException.class, () -> TradeAgreement.CODEC.decode(longer));
    assertThrows(IllegalArgumentException.class, () -> TradeAgreement.CODEC.decode(new byte[3]));
  }

  /** The next line of a node's output, within {@link #WAIT_SECONDS}. */
  private static String line(BufferedReader out) throws Exception {
    return CompletableFuture.supplyAsync(() -> {
      try {
        return out.readLine();
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }).get(WAIT_SECONDS, TimeUnit.SECONDS);
  }
}
