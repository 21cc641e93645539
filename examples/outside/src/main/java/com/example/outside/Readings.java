package com.example.outside;

import io.github.bgp.api.AgreementSpec;
import io.github.bgp.api.NodeId;
import io.github.bgp.api.Protocols;
import io.github.bgp.api.ValueCodec;
import io.github.bgp.net.AgreementNode;
import io.github.bgp.net.Certificates;
import io.github.bgp.net.ClusterConfig;
import io.github.bgp.net.LiveNode;
import io.github.bgp.net.NettyTransport;
import io.github.bgp.net.NodeMetrics;
import io.github.bgp.net.Slot;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * An application of its own, outside bgp's build: four stations agree on the calibration the first
 * one proposes, a {@link Calibration} of this application's type through its own codec, one
 * process per station over mutual TLS, under SM(1).
 *
 * <p>Without arguments it makes a cluster in a temporary directory, starts the four stations as
 * processes of their own ({@code Readings CONFIG ID}), gives them one start once all listen, and
 * exits 0 only if every station printed the calibration proposed.
 */
public final class Readings {

  /** This application's value. */
  record Calibration(String station, int offsetMilliKelvin) {}

  /** Its canonical encoding: a 4-byte offset, then the station's name in UTF-8. */
  static final ValueCodec<Calibration> CODEC = new ValueCodec<>() {
    @Override
    public byte[] encode(Calibration c) {
      byte[] name = c.station().getBytes(StandardCharsets.UTF_8);
      return ByteBuffer.allocate(4 + name.length).putInt(c.offsetMilliKelvin()).put(name).array();
    }

    @Override
    public Calibration decode(byte[] bytes) {
      if (bytes.length < 4) {
        throw new IllegalArgumentException("a calibration has at least 4 bytes, got " + bytes.length);
      }
      ByteBuffer b = ByteBuffer.wrap(bytes);
      int offset = b.getInt();
      return new Calibration(ValueCodec.utf8().decode(java.util.Arrays.copyOfRange(bytes, 4, bytes.length)), offset);
    }
  };

  static final Calibration PROPOSED = new Calibration("north-ridge", -125);

  private Readings() {}

  public static void main(String[] args) throws Exception {
    if (args.length == 2) {
      station(Path.of(args[0]), NodeId.of(Integer.parseInt(args[1])));
      return;
    }
    Thread watchdog = new Thread(() -> {
      try {
        Thread.sleep(180_000);
        System.err.println("the stations did not finish within 180 s");
        System.exit(1);
      } catch (InterruptedException finished) {
        // they did
      }
    });
    watchdog.setDaemon(true);
    watchdog.start();
    Path dir = Files.createTempDirectory("bgp-outside-");
    ClusterConfig cluster = Certificates.makeCluster(dir, "stations", 4, "127.0.0.1", 0, 30_000);
    for (int i = 0; i < 4; i++) {
      try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
        cluster = cluster.withPort(NodeId.of(i), s.getLocalPort());
      }
    }
    Path config = dir.resolve("cluster.json");
    cluster.write(config);
    List<Process> stations = new ArrayList<>();
    List<BufferedReader> outputs = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
          System.getProperty("java.class.path"), Readings.class.getName(), config.toString(), Integer.toString(i))
          .redirectError(ProcessBuilder.Redirect.INHERIT).start();
      stations.add(p);
      outputs.add(new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8)));
    }
    int failures = 0;
    try {
      for (BufferedReader out : outputs) {
        String ready = out.readLine();
        if (!"ready".equals(ready)) {
          throw new IllegalStateException("a station did not start: " + ready);
        }
      }
      String start = Long.toString(System.currentTimeMillis() + 2_000);
      for (Process p : stations) {
        p.getOutputStream().write((start + "\n").getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().flush();
      }
      String expected = "decided " + PROPOSED;
      for (int i = 0; i < 4; i++) {
        String line = outputs.get(i).readLine();
        System.out.println("station " + i + ": " + line);
        if (line == null || !line.endsWith(expected)) {
          failures++;
        }
      }
      for (Process p : stations) {
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
          failures++;
        }
      }
    } finally {
      stations.forEach(Process::destroyForcibly);
      delete(dir);
    }
    System.out.println(failures == 0 ? "every station decided " + PROPOSED : failures + " stations failed");
    System.exit(failures == 0 ? 0 : 1);
  }

  /** One station: listens, says it is ready, takes the start from standard input, agrees. */
  private static void station(Path config, NodeId self) throws Exception {
    ClusterConfig cluster = ClusterConfig.load(config);
    Certificates.NodeKeys keys = Certificates.read(self, cluster.directory().resolve(Certificates.keyFile(self)),
        cluster.certificate(self));
    NodeMetrics metrics = new NodeMetrics(self);
    NettyTransport transport = NettyTransport.listen(cluster, self, keys, metrics);
    System.out.println("ready");
    long start = Long.parseLong(new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))
        .readLine().strip());
    try (LiveNode live = new LiveNode(transport, metrics, cluster.name())) {
      AgreementNode.Typed<Calibration> node = AgreementNode.builder(live, Protocols.agreement("sm"),
              AgreementSpec.bytes(4, 1, 128))
          .cluster(cluster)
          .keys(Certificates.ring(cluster, Map.of(self, keys.privateKey())))
          .build()
          .typed(CODEC);
      Slot slot = Slot.of(cluster.name(), "calibration-" + start, 0, start);
      var decided = self.equals(NodeId.COMMANDER) ? node.propose(slot, PROPOSED) : node.join(slot);
      transport.connect(cluster);
      System.out.println("decided " + decided.get(60, TimeUnit.SECONDS));
      // what this station sent may still wait for a connection: stay until every station is connected
      transport.mesh().get(60, TimeUnit.SECONDS);
      Thread.sleep(1_000); // and the last frames have reached them
    }
  }

  private static void delete(Path dir) throws IOException {
    try (var files = Files.walk(dir)) {
      for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
