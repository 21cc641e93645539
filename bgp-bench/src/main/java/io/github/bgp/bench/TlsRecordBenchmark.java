package io.github.bgp.bench;

import io.github.bgp.api.NodeId;
import io.github.bgp.net.Certificates;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLException;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The raw TLS floor under {@link LoopbackBenchmark}: how many records one core protects and opens
 * a second with the JDK's TLS 1.3, the provider and protocol {@code NettyTransport} uses, between
 * two engines in memory (no sockets, no threads): each operation wraps {@code bytes} bytes of
 * application data into one record at one end and unwraps it at the other. With {@code bytes} the
 * size of one small DATA frame, it is the most frames a second a core could carry if every frame
 * were its own record; with 16 KiB, TLS's largest record (the JDK puts a few bytes less than that
 * in one), the bulk rate.
 *
 * <pre>
 * java -jar bgp-bench/target/benchmarks.jar TlsRecordBenchmark -rf json
 * </pre>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class TlsRecordBenchmark {

  /** Two engines, handshaken, and buffers for one record. */
  @State(Scope.Thread)
  public static class Pair {
    /** Application bytes in one record: a small DATA frame (length, header, a few bytes of payload), or 16 KiB. */
    @Param({"48", "16384"})
    public int bytes;

    Path dir;
    SSLEngine client;
    SSLEngine server;
    ByteBuffer plain;
    ByteBuffer wire;
    ByteBuffer opened;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
      dir = Files.createTempDirectory("bgp-bench-tls-records-");
      var made = Certificates.makeCluster(dir, "records", 2, "127.0.0.1", 0, 1_000);
      var a = Certificates.read(NodeId.of(0), dir.resolve(Certificates.keyFile(NodeId.of(0))), made.certificate(NodeId.of(0)));
      var b = Certificates.read(NodeId.of(1), dir.resolve(Certificates.keyFile(NodeId.of(1))), made.certificate(NodeId.of(1)));
      SslContext serverContext = SslContextBuilder.forServer(a.privateKey(), a.certificate()).sslProvider(SslProvider.JDK)
          .protocols("TLSv1.3").clientAuth(ClientAuth.REQUIRE).trustManager(InsecureTrustManagerFactory.INSTANCE).build();
      SslContext clientContext = SslContextBuilder.forClient().sslProvider(SslProvider.JDK).protocols("TLSv1.3")
          .keyManager(b.privateKey(), b.certificate()).trustManager(InsecureTrustManagerFactory.INSTANCE).build();
      server = serverContext.newEngine(ByteBufAllocator.DEFAULT);
      client = clientContext.newEngine(ByteBufAllocator.DEFAULT, "127.0.0.1", 1);
      int packet = Math.max(client.getSession().getPacketBufferSize(), server.getSession().getPacketBufferSize());
      int app = Math.max(client.getSession().getApplicationBufferSize(), server.getSession().getApplicationBufferSize());
      plain = ByteBuffer.allocate(bytes);
      wire = ByteBuffer.allocate(packet);
      opened = ByteBuffer.allocate(Math.max(app, bytes));
      handshake();
    }

    /** Runs the handshake between the two engines, in memory, until both are done. */
    private void handshake() throws SSLException {
      ByteBuffer toServer = ByteBuffer.allocate(1 << 17);
      ByteBuffer toClient = ByteBuffer.allocate(1 << 17);
      ByteBuffer empty = ByteBuffer.allocate(0);
      ByteBuffer sink = ByteBuffer.allocate(1 << 17);
      client.beginHandshake();
      server.beginHandshake();
      for (int step = 0; step < 1_000; step++) {
        if (done(client) && done(server)) {
          return;
        }
        pump(client, empty, toServer, toClient, sink);
        pump(server, empty, toClient, toServer, sink);
      }
      throw new IllegalStateException("the TLS handshake between the two engines did not finish");
    }

    private static boolean done(SSLEngine e) {
      SSLEngineResult.HandshakeStatus s = e.getHandshakeStatus();
      return s == SSLEngineResult.HandshakeStatus.NOT_HANDSHAKING || s == SSLEngineResult.HandshakeStatus.FINISHED;
    }

    /** One step of {@code e}: wrap into {@code out}, unwrap from {@code in}, run its delegated tasks. */
    private static void pump(SSLEngine e, ByteBuffer empty, ByteBuffer out, ByteBuffer in, ByteBuffer sink)
        throws SSLException {
      e.wrap(empty, out);
      in.flip();
      while (in.hasRemaining()) {
        SSLEngineResult r = e.unwrap(in, sink);
        sink.clear();
        if (r.getStatus() != SSLEngineResult.Status.OK || r.bytesConsumed() == 0) {
          break;
        }
      }
      in.compact();
      for (Runnable task; (task = e.getDelegatedTask()) != null; ) {
        task.run();
      }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
      CommitCluster.delete(dir);
    }
  }

  /** One record: {@code bytes} bytes wrapped by one engine and unwrapped by the other. */
  @Benchmark
  public int record(Pair p) throws SSLException {
    p.plain.clear();
    p.wire.clear();
    SSLEngineResult wrapped = p.client.wrap(p.plain, p.wire);
    if (wrapped.getStatus() != SSLEngineResult.Status.OK) {
      throw new IllegalStateException("wrap: " + wrapped);
    }
    p.wire.flip();
    p.opened.clear();
    while (p.wire.hasRemaining()) {
      SSLEngineResult unwrapped = p.server.unwrap(p.wire, p.opened);
      if (unwrapped.getStatus() != SSLEngineResult.Status.OK) {
        throw new IllegalStateException("unwrap: " + unwrapped);
      }
    }
    if (p.opened.position() != wrapped.bytesConsumed()) {
      throw new IllegalStateException("unwrap gave " + p.opened.position() + " bytes of " + wrapped.bytesConsumed());
    }
    return p.opened.position();
  }
}
