package io.github.bgp.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.bgp.api.NodeId;
import io.github.bgp.api.Outcome;
import io.github.bgp.api.Scenario;
import io.github.bgp.api.Strategy;
import io.github.bgp.api.Value;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 10's metrics attack, on a live node: 400 connections to its metrics port that never send a
 * request (half-open, as far as HTTP goes), held open while the cluster runs. The metrics server
 * holds at most its cap of them (the rest are closed at once), on its own event loop: the node keeps
 * deciding, its cluster port keeps accepting a member's TLS connection, its heap stays within a
 * bound, and once the attacker leaves, the server's connections and this process's descriptors are
 * back to what they were; the server answers again.
 */
class MetricsFloodTest {

  private static final long ROUND_MILLIS = 60_000;
  private static final int ATTACKERS = 400;
  private static final MetricsServer.Limits LIMITS = new MetricsServer.Limits(32, 1_000);
  private static final long HEAP_BOUND = 32L << 20;
  private static final NodeId TARGET = NodeId.of(1);
  private static final NodeId TRAITOR = NodeId.of(3);

  @TempDir Path dir;

  @Test
  void halfOpenConnectionsOnTheMetricsPortNeverReachTheCluster() throws Exception {
    ClusterConfig made = Certificates.makeCluster(dir, "test", 4, "127.0.0.1", 0, ROUND_MILLIS);
    try (LocalCluster cluster = LocalCluster.start(made, dir);
        MetricsServer metrics = MetricsServer.start("127.0.0.1", 0, cluster.transports.get(TARGET.index()).metrics(),
            LIMITS)) {
      long fdsBefore = descriptors();
      long heapBefore = heapAfterGc();
      List<Socket> attack = new ArrayList<>();
      try {
        for (int i = 0; i < ATTACKERS; i++) {
          attack.add(new Socket("127.0.0.1", metrics.port()));
        }

        for (int k = 0; k < 3; k++) { // the node keeps deciding
          Scenario s = Scenario.builder(4).m(1).order(Value.ATTACK).traitors(TRAITOR.index())
              .strategy(Strategy.SPLIT).seed(k).build();
          Outcome o = AttackRuns.start(cluster, "om", s, Schedule.instance("test", "metrics-flood", k),
              System.currentTimeMillis(), ROUND_MILLIS).outcome();
          assertTrue(o.ic1() && o.ic2(), o.toString());
        }
        Certificates.NodeKeys node3 = Certificates.read(TRAITOR, dir.resolve(Certificates.keyFile(TRAITOR)),
            made.certificate(TRAITOR));
        try (SSLSocket member = Attacker.tls(cluster.config.member(TARGET).port(), node3.privateKey(),
            node3.certificate())) {
          Attacker.send(member, Attacker.hello(TRAITOR, "test")); // the cluster port accepts and proves a member
        }
        long heap = heapAfterGc() - heapBefore;
        System.out.printf("metrics flood: %d connections, at most %d held at once (cap %d), %d closed at once;"
            + " descriptors %d before, %d during; heap +%.1f MiB%n", ATTACKERS, metrics.peakConnections(),
            LIMITS.maxConnections(), metrics.turnedAway(), fdsBefore, descriptors(), heap / 1048576.0);
        assertTrue(metrics.peakConnections() <= LIMITS.maxConnections(), "held " + metrics.peakConnections());
        assertTrue(heap < HEAP_BOUND, "heap grew by " + heap);
      } finally {
        for (Socket s : attack) {
          closeQuietly(s);
        }
      }
      await(() -> metrics.connections() == 0, "the server's connections closed after the attacker left");
      await(() -> descriptors() <= fdsBefore + 8, "this process's descriptors released (before: " + fdsBefore + ")");
      HttpResponse<String> after = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
          URI.create("http://127.0.0.1:" + metrics.port() + "/metrics")).build(), HttpResponse.BodyHandlers.ofString());
      assertEquals(200, after.statusCode());
      assertTrue(after.body().contains("bgp_instances_decided_total{node=\"1\"} 3"), after.body());
    }
  }

  /** The descriptors this process holds, where /proc says; else 0, and the check is vacuous. */
  private static long descriptors() {
    Path fds = Path.of("/proc/self/fd");
    if (!Files.isDirectory(fds)) {
      return 0;
    }
    try (var all = Files.list(fds)) {
      return all.count();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static long heapAfterGc() {
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  private static void closeQuietly(Socket s) {
    try {
      s.close();
    } catch (IOException e) {
      // gone already
    }
  }

  private static void await(BooleanSupplier condition, String what) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!condition.getAsBoolean()) {
      assertTrue(System.nanoTime() < deadline, "timed out waiting for " + what);
      TimeUnit.MILLISECONDS.sleep(10);
    }
  }
}
