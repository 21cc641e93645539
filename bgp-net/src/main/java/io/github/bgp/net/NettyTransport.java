package io.github.bgp.net;

import io.github.bgp.api.DropReason;
import io.github.bgp.api.NodeId;
import io.github.bgp.runtime.Frame;
import io.github.bgp.runtime.Transport;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.flush.FlushConsolidationHandler;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.handler.ssl.SslProvider;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLPeerUnverifiedException;

/**
 * A {@link Transport} over TCP with Netty: every node listens on its configured port and dials
 * every other node, one connection each way. Frames are {@link Wire length-prefixed}, no longer
 * than the cluster's {@code maxFrameBytes}; many protocol instances share the connections, each
 * frame naming its own.
 *
 * <p><b>Authentication (A2).</b> With {@link ClusterConfig.Security#TLS} (the default) both
 * directions run mutual TLS 1.3, and a peer is the node whose configured certificate it proved it
 * holds: a certificate outside the cluster is refused in the handshake, a dialed peer that turns
 * out to be another node is hung up on, and a frame that claims a sender other than the proved
 * one is dropped ({@link DropReason#IMPERSONATION}). With
 * {@link ClusterConfig.Security#PLAINTEXT_INSECURE} a peer is whoever its HELLO says it is.
 *
 * <p><b>Delivery (A1).</b> A connection that fails is dialed again with exponential backoff
 * (50 ms doubling to 2 s, with jitter); frames sent meanwhile wait in a queue (up to 64 MiB per
 * peer; beyond that they are counted as unsent). A peer that restarts is reconnected to.
 *
 * <p><b>Hostile input.</b> A frame over the size limit is skipped and counted
 * ({@link DropReason#OVERSIZE}); a frame that does not parse (a first frame that is not a HELLO
 * included) is counted ({@link DropReason#MALFORMED}) and the connection closed, nothing after it
 * read; so are TLS records that fail after the handshake; a connection that sends no HELLO in
 * time, or a HELLO from another version, cluster or node, is refused and counted by reason
 * ({@code refused.*}); a connection closed
 * in the middle of a frame is counted ({@link DropReason#TRUNCATED}). None of it reaches the
 * protocols, and none of it stops the node. Every such event is counted in {@link NodeMetrics},
 * and logged once per reason and source: the node a peer proved to be, else its host (not its
 * port, which changes with every connection).
 *
 * <p><b>Start.</b> Nodes agree on when their run starts with START frames: {@link #advertise}
 * sends an epoch to every peer (now and whenever a connection is made), and the first epoch a
 * node hears or advertises is the one it keeps ({@link #epoch()}).
 */
public final class NettyTransport implements Transport {

  private static final long QUEUE_LIMIT = 64L << 20;
  private static final long BACKOFF_MIN_MILLIS = 50;
  private static final long BACKOFF_MAX_MILLIS = 2_000;
  private static final long HELLO_TIMEOUT_MILLIS = 10_000;

  private final ClusterConfig cluster;
  private final NodeId self;
  private final NodeMetrics metrics;
  private final EventLoopGroup group;
  private final ChannelGroup channels = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
  private final SslContext serverSsl;
  private final SslContext clientSsl;
  private final ClusterTrust trust;
  private final Channel server;
  private final Peer[] peers;
  /** How many authenticated connections each peer has dialed to this node, right now. */
  private final Map<NodeId, Integer> inbound = new ConcurrentHashMap<>();
  private final CompletableFuture<Void> mesh = new CompletableFuture<>();
  /** The peers that said they are connected both ways to everyone. */
  private final Set<NodeId> readyPeers = ConcurrentHashMap.newKeySet();
  private final CompletableFuture<Void> clusterReady = new CompletableFuture<>();
  private final AtomicLong epoch = new AtomicLong();
  private final CompletableFuture<Long> epochKnown = new CompletableFuture<>();
  private volatile Receiver receiver = frame -> {};
  private volatile boolean closed;

  private NettyTransport(ClusterConfig cluster, NodeId self, Certificates.NodeKeys keys, NodeMetrics metrics,
      int threads) throws InterruptedException {
    this.cluster = cluster;
    this.self = self;
    this.metrics = metrics;
    cluster.member(self);
    if (cluster.security() == ClusterConfig.Security.TLS) {
      if (keys == null || !keys.id().equals(self)) {
        throw new IllegalArgumentException("a tls cluster needs " + self + "'s private key and certificate");
      }
      this.trust = new ClusterTrust(cluster);
      if (!trust.node(keys.certificate()).equals(Optional.of(self))) {
        throw new IllegalArgumentException("the certificate given for " + self + " is not the one "
            + cluster.certificate(self) + " the cluster configuration names for it");
      }
      try {
        serverSsl = SslContextBuilder.forServer(keys.privateKey(), keys.certificate()).sslProvider(SslProvider.JDK)
            .protocols("TLSv1.3").clientAuth(ClientAuth.REQUIRE).trustManager(trust).build();
        clientSsl = SslContextBuilder.forClient().sslProvider(SslProvider.JDK).protocols("TLSv1.3")
            .keyManager(keys.privateKey(), keys.certificate()).trustManager(trust)
            .endpointIdentificationAlgorithm(null).build();
      } catch (SSLException e) {
        throw new IllegalArgumentException("cannot set up TLS for " + self + ": " + e.getMessage(), e);
      }
    } else {
      this.trust = null;
      this.serverSsl = null;
      this.clientSsl = null;
    }
    this.group = new MultiThreadIoEventLoopGroup(threads, NioIoHandler.newFactory());
    this.peers = new Peer[cluster.size()];
    ClusterConfig.Member me = cluster.member(self);
    try {
      this.server = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
          .childOption(ChannelOption.TCP_NODELAY, true)
          .childHandler(new ChannelInitializer<SocketChannel>() {
            @Override
            protected void initChannel(SocketChannel ch) {
              channels.add(ch);
              ChannelPipeline p = ch.pipeline();
              if (serverSsl != null) {
                p.addLast(serverSsl.newHandler(ch.alloc()));
              }
              Inbound inbound = new Inbound();
              p.addLast(new Framing(cluster.maxFrameBytes(), inbound), inbound);
            }
          })
          .bind(me.host(), me.port()).sync().channel();
    } catch (RuntimeException e) {
      group.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
      throw new IllegalArgumentException("node " + self + " cannot listen on " + me.host() + ":" + me.port() + ": "
          + e.getMessage(), e);
    }
    channels.add(server);
  }

  /**
   * Starts listening as node {@code self} of {@code cluster}, on its configured host and port (a
   * port of 0 picks a free one: see {@link #port()}). Peers are dialed by {@link #connect}.
   *
   * @param keys the node's private key and certificate; may be null in a plaintext cluster
   * @throws IllegalArgumentException if the keys do not fit the configuration or the port is taken
   * @throws IllegalStateException if the Netty on the class path is older than 4.2
   */
  public static NettyTransport listen(ClusterConfig cluster, NodeId self, Certificates.NodeKeys keys,
      NodeMetrics metrics) throws InterruptedException {
    NettyVersion.require();
    return new NettyTransport(cluster, self, keys, metrics, Math.min(4, Runtime.getRuntime().availableProcessors()));
  }

  /** {@link #listen} and then {@link #connect} to the configured addresses. */
  public static NettyTransport start(ClusterConfig cluster, NodeId self, Certificates.NodeKeys keys,
      NodeMetrics metrics) throws InterruptedException {
    NettyTransport t = listen(cluster, self, keys, metrics);
    t.connect(cluster);
    return t;
  }

  /** The port this node listens on. */
  public int port() {
    return ((InetSocketAddress) server.localAddress()).getPort();
  }

  /**
   * Starts dialing every other node at the addresses {@code addresses} gives (the cluster's own,
   * or the same cluster with the ports its nodes actually bound); keeps redialing whenever a
   * connection is lost, until {@link #close}.
   */
  public synchronized void connect(ClusterConfig addresses) {
    if (addresses.size() != cluster.size()) {
      throw new IllegalArgumentException("the addresses are for " + addresses.size() + " nodes, the cluster has "
          + cluster.size());
    }
    for (ClusterConfig.Member m : addresses.members()) {
      if (!m.id().equals(self) && peers[m.id().index()] == null) {
        Peer p = new Peer(m, group.next());
        peers[m.id().index()] = p;
        p.loop.execute(p::dial);
      }
    }
  }

  @Override
  public NodeId self() {
    return self;
  }

  /** This node's metrics, which the transport adds to. */
  public NodeMetrics metrics() {
    return metrics;
  }

  @Override
  public void send(Frame frame) {
    if (!frame.from().equals(self)) {
      throw new IllegalArgumentException(self + " cannot send a frame from " + frame.from());
    }
    if (frame.to().index() >= peers.length || frame.to().equals(self)) {
      throw new IllegalArgumentException(self + " cannot send a frame to " + frame.to() + " in a cluster of "
          + peers.length);
    }
    if (Wire.DATA_HEADER + frame.size() > cluster.maxFrameBytes()) {
      metrics.unsent("oversize", "node " + frame.to(), "a frame of " + (Wire.DATA_HEADER + frame.size())
          + " bytes is over the cluster's limit of " + cluster.maxFrameBytes());
      return;
    }
    Peer p = peers[frame.to().index()];
    if (p == null) {
      metrics.unsent("not-connected", "node " + frame.to(), "connect() was not called");
      return;
    }
    ByteBuf b = Wire.data(ByteBufAllocator.DEFAULT, frame);
    p.loop.execute(() -> p.send(b));
  }

  @Override
  public void onReceive(Receiver receiver) {
    this.receiver = receiver;
  }

  /**
   * Proposes {@code epochMillis} as the run's start; the first epoch this node hears or proposes
   * is the one it keeps and passes on to every peer.
   *
   * @return the epoch kept
   */
  public long advertise(long epochMillis) {
    if (epochMillis <= 0) {
      throw new IllegalArgumentException("an epoch is a positive time in milliseconds, got " + epochMillis);
    }
    adopt(epochMillis);
    return epoch.get();
  }

  private void adopt(long epochMillis) {
    if (epoch.compareAndSet(0, epochMillis)) {
      epochKnown.complete(epochMillis);
      for (Peer p : peers) {
        if (p != null) {
          p.loop.execute(p::sendStart);
        }
      }
    }
  }

  /** The run's start, once this node has heard or advertised one. */
  public CompletableFuture<Long> epoch() {
    return epochKnown;
  }

  /**
   * Completes once this node has dialed every peer and every peer has dialed it (and, over TLS,
   * proved who it is): the whole cluster is up.
   */
  public CompletableFuture<Void> mesh() {
    return mesh;
  }

  /**
   * Completes once every node of the cluster is connected both ways to every other: this node's
   * {@link #mesh} is complete, and every peer has said its own is (with a READY frame). A run that
   * starts after it loses no frame to a connection still being made.
   */
  public CompletableFuture<Void> ready() {
    return clusterReady;
  }

  /** The peers connected both ways right now. */
  public Set<NodeId> connected() {
    Set<NodeId> both = new java.util.TreeSet<>();
    for (Peer p : peers) {
      if (p != null && p.ready && inbound.containsKey(p.member.id())) {
        both.add(p.member.id());
      }
    }
    return both;
  }

  private void checkMesh() {
    if (!mesh.isDone() && connected().size() == cluster.size() - 1 && mesh.complete(null)) {
      for (Peer p : peers) {
        if (p != null) {
          p.loop.execute(p::sendReady);
        }
      }
    }
    if (mesh.isDone() && readyPeers.size() == cluster.size() - 1) {
      clusterReady.complete(null);
    }
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    channels.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(3, TimeUnit.SECONDS);
  }

  private static String address(SocketAddress a) {
    return a instanceof InetSocketAddress i ? i.getHostString() + ":" + i.getPort() : String.valueOf(a);
  }

  /**
   * The host a connection comes from, without its port: a peer that dials again comes from
   * another port, and must not get a fresh log line for the same problem each time.
   */
  private static String host(SocketAddress a) {
    return a instanceof InetSocketAddress i ? i.getHostString() : String.valueOf(a);
  }

  /** The proven node of a TLS channel, from the certificate its handshake verified. */
  private Optional<NodeId> provenPeer(ChannelHandlerContext ctx) {
    SslHandler ssl = ctx.pipeline().get(SslHandler.class);
    try {
      Certificate[] chain = ssl.engine().getSession().getPeerCertificates();
      return trust.node((X509Certificate) chain[0]);
    } catch (SSLPeerUnverifiedException e) {
      return Optional.empty();
    }
  }

  private static String handshakeFailure(Throwable cause) {
    for (Throwable t = cause; t != null; t = t.getCause()) {
      if (t instanceof ClusterTrust.UnknownCertificate) {
        return "unknown-certificate";
      }
    }
    return "handshake";
  }

  private static String rootMessage(Throwable cause) {
    Throwable t = cause;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
  }

  /** Splits the byte stream into frames, and notices a frame cut off by the connection closing. */
  private final class Framing extends LengthFieldBasedFrameDecoder {
    private final Inbound inbound;

    /** Frames of up to {@code maxFrameBytes} after their length, as {@link #send} allows them. */
    Framing(int maxFrameBytes, Inbound inbound) {
      super(maxFrameBytes + Wire.LENGTH, 0, Wire.LENGTH, 0, Wire.LENGTH, true);
      this.inbound = inbound;
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
      if (inbound.hungUp) {
        // this node closed it over a frame already counted: what follows that frame is not news
        internalBuffer().skipBytes(internalBuffer().readableBytes());
      } else if (internalBuffer().isReadable()) {
        metrics.dropped(DropReason.TRUNCATED, inbound.source(ctx),
            internalBuffer().readableBytes() + " bytes of an unfinished frame");
      }
      super.channelInactive(ctx);
    }
  }

  /** The receiving end of a connection a peer dialed. */
  private final class Inbound extends ChannelInboundHandlerAdapter {
    private NodeId proven;
    private NodeId peer;
    private boolean handshaken;
    /** Set once this node closes the connection over a problem it counted; nothing after it counts. */
    private boolean hungUp;

    /** Who sent what arrives: the node its HELLO or its certificate proved, else its host. */
    String source(ChannelHandlerContext ctx) {
      NodeId known = peer != null ? peer : proven;
      return known != null ? "node " + known : host(ctx.channel().remoteAddress());
    }

    private void hangUp(ChannelHandlerContext ctx) {
      hungUp = true;
      ctx.close();
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
      ctx.executor().schedule(() -> {
        if (peer == null && ctx.channel().isActive() && !hungUp) {
          metrics.refused("no-hello", source(ctx), "no HELLO from " + address(ctx.channel().remoteAddress())
              + " within " + HELLO_TIMEOUT_MILLIS + " ms");
          hangUp(ctx);
        }
      }, HELLO_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
      ctx.fireChannelActive();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
      if (event instanceof SslHandshakeCompletionEvent done) {
        if (done.isSuccess()) {
          handshaken = true;
          proven = provenPeer(ctx).orElse(null);
        } else if (!hungUp) {
          metrics.refused(handshakeFailure(done.cause()), source(ctx), rootMessage(done.cause()));
          hangUp(ctx);
        }
      }
      ctx.fireUserEventTriggered(event);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      ByteBuf body = (ByteBuf) msg;
      if (hungUp) {
        body.release(); // the rest of a batch that arrived with the frame this node hung up over
        return;
      }
      try {
        int size = body.readableBytes() + Wire.LENGTH;
        if (!body.isReadable()) {
          throw new IllegalArgumentException("an empty frame");
        }
        byte kind = body.readByte();
        if (peer == null) {
          if (kind != Wire.HELLO) {
            throw new IllegalArgumentException("the connection did not begin with a HELLO (frame kind " + kind + ")");
          }
          hello(ctx, Wire.readHello(body));
          return;
        }
        metrics.frameIn(size);
        if (kind == Wire.DATA) {
          Frame f = Wire.readData(body);
          if (!f.from().equals(peer)) {
            metrics.dropped(DropReason.IMPERSONATION, source(ctx), "it claims to be " + f.from());
          } else if (!f.to().equals(self)) {
            metrics.dropped(DropReason.MISDIRECTED, source(ctx), "it is for " + f.to());
          } else {
            receiver.receive(f);
          }
        } else if (kind == Wire.START) {
          adopt(Wire.readStart(body));
        } else if (kind == Wire.READY) {
          if (body.isReadable()) {
            throw new IllegalArgumentException("a READY frame with " + body.readableBytes() + " stray bytes");
          }
          readyPeers.add(peer);
          checkMesh();
        } else {
          throw new IllegalArgumentException("unknown frame kind " + kind);
        }
      } catch (IllegalArgumentException malformed) {
        metrics.dropped(DropReason.MALFORMED, source(ctx), malformed.getMessage() + "; connection closed");
        hangUp(ctx);
      } finally {
        ReferenceCountUtil.release(body);
      }
    }

    private void hello(ChannelHandlerContext ctx, Wire.Hello hello) {
      String remote = source(ctx);
      if (hello.version() != Wire.VERSION) {
        metrics.refused("version", remote, "it speaks wire version " + hello.version() + ", this node " + Wire.VERSION);
        hangUp(ctx);
      } else if (!hello.cluster().equals(cluster.name())) {
        metrics.refused("other-cluster", remote, "it belongs to cluster '" + hello.cluster() + "', not '"
            + cluster.name() + "'");
        hangUp(ctx);
      } else if (hello.node().index() >= cluster.size() || hello.node().equals(self)) {
        metrics.refused("unknown-node", remote, "it says it is " + hello.node() + ", not a peer in this cluster");
        hangUp(ctx);
      } else if (trust != null && !hello.node().equals(proven)) {
        metrics.dropped(DropReason.IMPERSONATION, remote, "its HELLO says " + hello.node()
            + " but its certificate is " + proven + "'s; connection closed");
        hangUp(ctx);
      } else {
        peer = hello.node();
        inbound.merge(peer, 1, Integer::sum);
        checkMesh();
      }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
      if (peer != null) {
        inbound.computeIfPresent(peer, (id, n) -> n == 1 ? null : n - 1);
      }
      ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      if (hungUp) {
        return;
      }
      String from = source(ctx);
      if (cause instanceof TooLongFrameException) {
        metrics.dropped(DropReason.OVERSIZE, from, rootMessage(cause));
      } else if (cause.getCause() instanceof SSLException && !handshaken) {
        ctx.close(); // the handshake event reports it
      } else if (cause instanceof java.io.IOException) {
        ctx.close(); // the connection broke (reset, timed out): no fault of the bytes; the peer redials
      } else {
        // after the handshake, TLS records that do not decrypt are bytes no peer's TLS would send
        metrics.dropped(DropReason.MALFORMED, from, rootMessage(cause) + "; connection closed");
        hangUp(ctx);
      }
    }
  }

  /** The dialing end of the connection to one peer; all of its state lives on its event loop. */
  private final class Peer {
    private final ClusterConfig.Member member;
    private final EventLoop loop;
    private final ArrayDeque<ByteBuf> queue = new ArrayDeque<>();
    private long queued;
    private Channel channel;
    private volatile boolean ready;
    private int attempt;
    private boolean everReady;

    Peer(ClusterConfig.Member member, EventLoop loop) {
      this.member = member;
      this.loop = loop;
    }

    void dial() {
      if (closed) {
        return;
      }
      new Bootstrap().group(loop).channel(NioSocketChannel.class)
          .option(ChannelOption.TCP_NODELAY, true)
          .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 2_000)
          .handler(new ChannelInitializer<SocketChannel>() {
            @Override
            protected void initChannel(SocketChannel ch) {
              channels.add(ch);
              ChannelPipeline p = ch.pipeline();
              if (clientSsl != null) {
                p.addLast(clientSsl.newHandler(ch.alloc(), member.host(), member.port()));
              }
              p.addLast(new FlushConsolidationHandler(256, true), new Outbound());
            }
          })
          .connect(member.host(), member.port())
          .addListener(f -> {
            if (!f.isSuccess()) {
              redial();
            }
          });
    }

    private void redial() {
      if (closed) {
        return;
      }
      long delay = Math.min(BACKOFF_MAX_MILLIS, BACKOFF_MIN_MILLIS << Math.min(attempt, 10));
      attempt++;
      delay = delay * 3 / 4 + ThreadLocalRandom.current().nextLong(delay / 2 + 1);
      loop.schedule(this::dial, delay, TimeUnit.MILLISECONDS);
    }

    void send(ByteBuf frame) {
      if (ready) {
        write(frame);
      } else if (queued + frame.readableBytes() > QUEUE_LIMIT) {
        frame.release();
        metrics.unsent("queue-full", "node " + member.id(), "unreachable, and " + (QUEUE_LIMIT >> 20)
            + " MiB already queued");
      } else {
        queued += frame.readableBytes();
        queue.add(frame);
      }
    }

    private void write(ByteBuf frame) {
      int size = frame.readableBytes();
      channel.writeAndFlush(frame).addListener(f -> {
        if (f.isSuccess()) {
          metrics.frameOut(size);
        } else {
          metrics.unsent("write-failed", "node " + member.id(), "the connection failed: " + rootMessage(f.cause()));
        }
      });
    }

    void sendReady() {
      if (ready) {
        channel.writeAndFlush(Wire.ready(channel.alloc()));
      }
    }

    void sendStart() {
      long e = epoch.get();
      if (ready && e != 0) {
        channel.writeAndFlush(Wire.start(channel.alloc(), e));
      }
    }

    void up(Channel ch) {
      channel = ch;
      ch.write(Wire.hello(ch.alloc(), self, cluster.name()));
      long e = epoch.get();
      if (e != 0) {
        ch.write(Wire.start(ch.alloc(), e));
      }
      if (mesh.isDone()) {
        ch.write(Wire.ready(ch.alloc()));
      }
      ch.flush();
      ready = true;
      attempt = 0;
      if (everReady) {
        metrics.reconnect();
      }
      everReady = true;
      while (!queue.isEmpty()) {
        write(queue.poll());
      }
      queued = 0;
      checkMesh();
    }

    void down() {
      ready = false;
      channel = null;
      redial();
    }

    /** Handles the dialed connection's events. */
    private final class Outbound extends ChannelInboundHandlerAdapter {
      @Override
      public void channelActive(ChannelHandlerContext ctx) {
        if (clientSsl == null) {
          up(ctx.channel());
        }
        ctx.fireChannelActive();
      }

      @Override
      public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof SslHandshakeCompletionEvent done) {
          String remote = "node " + member.id() + " at " + address(ctx.channel().remoteAddress());
          if (!done.isSuccess()) {
            metrics.refused(handshakeFailure(done.cause()), remote, rootMessage(done.cause()));
            ctx.close();
          } else {
            Optional<NodeId> proven = provenPeer(ctx);
            if (!proven.equals(Optional.of(member.id()))) {
              metrics.refused("wrong-node", remote, "it proved to be " + proven.map(String::valueOf).orElse("nobody"));
              ctx.close();
            } else {
              up(ctx.channel());
            }
          }
        }
        ctx.fireUserEventTriggered(event);
      }

      @Override
      public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ReferenceCountUtil.release(msg); // peers never write on a connection they accepted
      }

      @Override
      public void channelInactive(ChannelHandlerContext ctx) {
        if (channel == ctx.channel() || channel == null) {
          down();
        }
        ctx.fireChannelInactive();
      }

      @Override
      public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
      }
    }
  }
}
