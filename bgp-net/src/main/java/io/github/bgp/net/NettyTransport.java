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
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.netty.handler.codec.TooLongFrameException;
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
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
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
 * (50 ms doubling to 2 s, with jitter); frames sent meanwhile wait in a queue of at most the
 * cluster's {@code peerBufferBytes}; beyond that they are lost and counted as unsent. A peer that
 * restarts is reconnected to. A peer that is down is simply absent: nothing waits for it.
 *
 * <p><b>Bounds.</b> Every channel has a {@link WriteBufferWaterMark} at {@code peerBufferBytes}:
 * a frame for a peer whose connection already holds that much unwritten (a peer that does not
 * read) is dropped and counted ({@code frames.unsent}, reason {@code backlog}), not queued. Frames
 * received from a peer and not yet {@link #consumed handled} by the node are counted against the
 * same budget: past it, the node stops reading from that peer (autoread off) until it has caught
 * up to half of it, so a member that floods holds at most about the budget, plus a frame, of this
 * node's memory, and TCP pushes back on it. A peer may keep {@value #CONNECTIONS_PER_PEER}
 * connections to this node at once (a further one closes its oldest), and at most
 * {@value #MAX_UNPROVEN} connections may be waiting for their handshake and HELLO at any time
 * (further ones are refused as {@code busy}).
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
 * <p><b>Start.</b> No peer sets or shifts a start: the application gives every node its schedule
 * ({@link Schedule}). A node may {@link #announce} its schedule to its peers, purely for
 * information, and learn when more peers than can be traitors announce another one: an operator
 * who started the nodes out of step is told, and no member can make a loyal node refuse. A START
 * frame of wire version 1 is malformed.
 *
 * @since 0.1.0
 */
public final class NettyTransport implements Transport {

  private static final long BACKOFF_MIN_MILLIS = 50;
  private static final long BACKOFF_MAX_MILLIS = 2_000;
  private static final long HELLO_TIMEOUT_MILLIS = 10_000;
  /** How many connections a peer may have dialed to this node at once. */
  static final int CONNECTIONS_PER_PEER = 2;
  /** How many connections may be waiting for their handshake and HELLO at once. */
  static final int MAX_UNPROVEN = 128;
  /** The size of one buffer of frames written to a peer at once (TLS cuts it into records of 16 KiB). */
  static final int BATCH_BYTES = 64 * 1024;

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
  /** What each peer has in flight to this node, and its connections: indexed by node. */
  private final Budget[] budgets;
  /** Connections accepted and not yet proven (handshake and HELLO). */
  private final AtomicInteger unproven = new AtomicInteger();
  private final long peerBuffer;
  private final WriteBufferWaterMark waterMark;
  private final CompletableFuture<Void> mesh = new CompletableFuture<>();
  /** What each peer announced of its schedule, the latest. */
  private final Map<NodeId, Announcement> announced = new ConcurrentHashMap<>();
  private volatile Announcement announcement;
  private volatile int tolerated;
  private final CompletableFuture<Disagreement> disagreement = new CompletableFuture<>();
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
    this.budgets = new Budget[cluster.size()];
    for (int i = 0; i < budgets.length; i++) {
      budgets[i] = new Budget();
    }
    this.peerBuffer = cluster.peerBufferBytes();
    int high = (int) Math.min(Integer.MAX_VALUE, peerBuffer);
    this.waterMark = new WriteBufferWaterMark(high / 2, high);
    ClusterConfig.Member me = cluster.member(self);
    try {
      this.server = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
          .childOption(ChannelOption.TCP_NODELAY, true)
          .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, waterMark)
          .childHandler(new ChannelInitializer<SocketChannel>() {
            @Override
            protected void initChannel(SocketChannel ch) {
              if (unproven.incrementAndGet() > MAX_UNPROVEN) {
                unproven.decrementAndGet();
                metrics.refused("busy", host(ch.remoteAddress()), MAX_UNPROVEN
                    + " connections are already waiting for their handshake");
                ch.close();
                return;
              }
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
    } catch (InterruptedException e) {
      group.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
      throw e;
    } catch (Exception e) { // Netty rethrows the socket's BindException, checked or not
      group.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
      throw new IllegalArgumentException("node " + self + " cannot listen on " + me.host() + ":" + me.port() + ": "
          + (e instanceof java.net.BindException ? "the port " + me.port() + " is in use (" + e.getMessage() + ")"
          : e.getMessage()), e);
    }
    channels.add(server);
  }

  /**
   * Starts listening as node {@code self} of {@code cluster}, on its configured host and port (a
   * port of 0 picks a free one: see {@link #port()}). Peers are dialed by {@link #connect}.
   *
   * @param cluster the cluster
   * @param self this node
   * @param keys the node's private key and certificate; may be null in a plaintext cluster
   * @param metrics where the transport counts
   * @return the listening transport
   * @throws InterruptedException if interrupted while binding
   * @throws IllegalArgumentException if the keys do not fit the configuration or the port is taken
   *     (the message names the port)
   * @throws IllegalStateException if the Netty on the class path is older than 4.2
   */
  public static NettyTransport listen(ClusterConfig cluster, NodeId self, Certificates.NodeKeys keys,
      NodeMetrics metrics) throws InterruptedException {
    NettyVersion.require();
    return new NettyTransport(cluster, self, keys, metrics, Math.min(4, Runtime.getRuntime().availableProcessors()));
  }

  /**
   * {@link #listen} and then {@link #connect} to the configured addresses.
   *
   * @param cluster the cluster
   * @param self this node
   * @param keys this node's key and certificate (unused in a plaintext cluster)
   * @param metrics where the transport counts
   * @return the transport, dialing its peers
   * @throws InterruptedException if interrupted while binding
   */
  public static NettyTransport start(ClusterConfig cluster, NodeId self, Certificates.NodeKeys keys,
      NodeMetrics metrics) throws InterruptedException {
    NettyTransport t = listen(cluster, self, keys, metrics);
    t.connect(cluster);
    return t;
  }

  /**
   * The port this node listens on.
   *
   * @return the port
   */
  public int port() {
    return ((InetSocketAddress) server.localAddress()).getPort();
  }

  /**
   * Starts dialing every other node at the addresses {@code addresses} gives (the cluster's own,
   * or the same cluster with the ports its nodes actually bound); keeps redialing whenever a
   * connection is lost, until {@link #close}.
   *
   * @param addresses the cluster with the peers' addresses
   * @throws IllegalArgumentException if {@code addresses} has another number of nodes than the cluster
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

  /**
   * This node's metrics, which the transport adds to.
   *
   * @return the metrics
   */
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
    p.send(frame);
  }

  @Override
  public void onReceive(Receiver receiver) {
    this.receiver = receiver;
  }

  /**
   * Counts a delivered frame off its sender's budget; once the sender is back under half of it,
   * this node reads from it again.
   */
  @Override
  public void consumed(Frame frame) {
    if (frame.from().index() < budgets.length) {
      budgets[frame.from().index()].consumed(frame.size());
    }
  }

  /**
   * The bytes of frames from {@code peer} that the node has been handed and not yet handled.
   *
   * @param peer the peer
   * @return the bytes in flight
   */
  public long inFlight(NodeId peer) {
    return budgets[cluster.member(peer).id().index()].pending.get();
  }

  /**
   * The most {@link #inFlight} from {@code peer} has been since this transport started.
   *
   * @param peer the peer
   * @return the peak bytes in flight
   */
  public long inFlightPeak(NodeId peer) {
    return budgets[cluster.member(peer).id().index()].peak.get();
  }

  /**
   * Tells every peer, now and whenever a connection is made, the schedule this node was given,
   * purely for information, and returns what completes if at least {@code tolerated + 1} distinct
   * peers announce another one. No start is ever taken from a peer: up to {@code tolerated}
   * traitors announcing anything cannot make this node refuse (fewer than {@code tolerated + 1}),
   * and absent nodes announce nothing; an operator who started more than that many nodes with
   * another schedule than this one (nodes started too far apart for the start grid, another
   * {@code --start} or scenarios file) is told.
   *
   * @param tolerated how many members may be traitors (the run's m), at least 0
   * @param mine this node's schedule
   * @return completes with the disagreeing peers' announcements, if ever
   * @throws IllegalStateException if this node announced already
   * @throws IllegalArgumentException if {@code tolerated} is negative
   */
  public synchronized CompletableFuture<Disagreement> announce(Announcement mine, int tolerated) {
    if (announcement != null) {
      throw new IllegalStateException("node " + self + " announced its schedule already");
    }
    if (tolerated < 0) {
      throw new IllegalArgumentException("the number of traitors tolerated is non-negative, got " + tolerated);
    }
    this.tolerated = tolerated;
    this.announcement = java.util.Objects.requireNonNull(mine, "mine");
    for (Peer p : peers) {
      if (p != null) {
        p.loop.execute(p::sendSchedule);
      }
    }
    checkSchedules();
    return disagreement;
  }

  /**
   * What each peer has announced of its schedule so far (the latest of each).
   *
   * @return the announcements, by peer
   */
  public Map<NodeId, Announcement> announced() {
    return new TreeMap<>(announced);
  }

  /**
   * More peers than can be traitors announced another schedule than this node's.
   *
   * @param mine what this node announced
   * @param others every peer that announced another, and what
   * @since 0.1.0
   */
  public record Disagreement(Announcement mine, Map<NodeId, Announcement> others) {

    /**
     * Checks its components and copies its collections.
     *
     * @param mine what this node announced
     * @param others every peer that announced another, and what
     */
    public Disagreement {
      others = java.util.Collections.unmodifiableMap(new TreeMap<>(others));
    }

    /**
     * One line for the operator.
     *
     * @return the line
     */
    public String describe() {
      StringBuilder b = new StringBuilder();
      b.append(others.size() == 1 ? "node " : "nodes ").append(String.join(", ", others.keySet().stream()
          .map(String::valueOf).toList())).append(others.size() == 1 ? " announces" : " announce")
          .append(" another schedule than this node's ").append(mine).append(':');
      String sep = " ";
      for (Map.Entry<NodeId, Announcement> e : others.entrySet()) {
        b.append(sep).append("node ").append(e.getKey()).append(' ').append(e.getValue());
        sep = ", ";
      }
      return b.toString();
    }
  }

  private void received(NodeId peer, Announcement a) {
    announced.put(peer, a);
    checkSchedules();
  }

  private void checkSchedules() {
    Announcement mine = announcement;
    if (mine == null || disagreement.isDone()) {
      return;
    }
    Map<NodeId, Announcement> others = new TreeMap<>();
    announced.forEach((peer, a) -> {
      if (!a.equals(mine)) {
        others.put(peer, a);
      }
    });
    if (others.size() > tolerated) {
      disagreement.complete(new Disagreement(mine, others));
    }
  }

  /**
   * Completes once this node has dialed every peer and every peer has dialed it (and, over TLS,
   * proved who it is): the whole cluster is up.
   *
   * @return the future
   */
  public CompletableFuture<Void> mesh() {
    return mesh;
  }

  /**
   * The peers connected both ways right now.
   *
   * @return the peers
   */
  public Set<NodeId> connected() {
    Set<NodeId> both = new TreeSet<>();
    for (Peer p : peers) {
      if (p != null && p.ready && !budgets[p.member.id().index()].channels.isEmpty()) {
        both.add(p.member.id());
      }
    }
    return both;
  }

  private void checkMesh() {
    if (!mesh.isDone() && connected().size() == cluster.size() - 1) {
      mesh.complete(null);
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

  /**
   * What one peer has in flight to this node: the bytes of frames handed to the node and not yet
   * handled, and the connections the peer dialed (whose reading stops while it is over budget).
   */
  private final class Budget {
    private final CopyOnWriteArrayList<Channel> channels = new CopyOnWriteArrayList<>();
    /** Counted without a lock on every frame (the event loop adds, the node's thread takes away). */
    private final AtomicLong pending = new AtomicLong();
    private final AtomicLong peak = new AtomicLong();
    /** Changed only under this budget's lock, with autoread. */
    private volatile boolean paused;

    void delivered(int bytes) {
      long now = pending.addAndGet(bytes);
      if (now > peak.get()) {
        peak.accumulateAndGet(now, Math::max);
      }
      if (now > peerBuffer && !paused) {
        pause();
      }
    }

    void consumed(int bytes) {
      long now = pending.addAndGet(-bytes);
      if (now < 0) {
        pending.accumulateAndGet(0, Math::max); // a frame consumed twice must not lend a sender budget
        now = 0;
      }
      if (paused && now <= peerBuffer / 2) {
        resume();
      }
    }

    /*
     * pause and resume set the flag, then look at the count again: a count changed meanwhile by a
     * thread that saw the flag's old value (and so did not call them) is seen here, so reading is
     * never left off with nothing in flight to turn it back on.
     */
    private synchronized void pause() {
      if (!paused && pending.get() > peerBuffer) {
        paused = true;
        metrics.count("transport.pauses", 1);
        channels.forEach(c -> c.config().setAutoRead(false));
        if (pending.get() <= peerBuffer / 2) {
          resume();
        }
      }
    }

    private synchronized void resume() {
      if (paused && pending.get() <= peerBuffer / 2) {
        paused = false;
        channels.forEach(c -> c.config().setAutoRead(true));
        if (pending.get() > peerBuffer) {
          pause();
        }
      }
    }

    /** Adds a proven connection of this peer; the oldest goes if it has too many. */
    synchronized void add(Channel ch) {
      channels.add(ch);
      if (paused) {
        ch.config().setAutoRead(false);
      }
      while (channels.size() > CONNECTIONS_PER_PEER) {
        Channel oldest = channels.remove(0);
        metrics.count("transport.connections.replaced", 1);
        oldest.close();
      }
    }

    void remove(Channel ch) {
      channels.remove(ch);
    }
  }

  /** Splits the byte stream into frames, and notices a frame cut off by the connection closing. */
  private final class Framing extends LengthFieldBasedFrameDecoder {
    private final Inbound inbound;

    /** Frames of up to {@code maxFrameBytes} after their length, as {@link #send} allows them (as {@link Wire#splitter}). */
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
    /** Still counted among the connections waiting to be proven. */
    private boolean counted = true;
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

    private void proven() {
      if (counted) {
        counted = false;
        unproven.decrementAndGet();
      }
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
            budgets[peer.index()].delivered(f.size());
            receiver.receive(f);
          }
        } else if (kind == Wire.SCHEDULE) {
          received(peer, Wire.readSchedule(body));
        } else if (kind == Wire.RETIRED_START) {
          throw new IllegalArgumentException("a START frame: no peer sets this node's start (wire version "
              + Wire.VERSION + " has no START)");
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
        proven();
        budgets[peer.index()].add(ctx.channel());
        checkMesh();
      }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
      proven();
      if (peer != null) {
        budgets[peer.index()].remove(ctx.channel());
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
    /** Frames for this peer not yet taken by the event loop, from any thread, and their bytes on the wire. */
    private final Queue<Frame> outbox = new ConcurrentLinkedQueue<>();
    private final AtomicLong outboxBytes = new AtomicLong();
    /** Set while a {@link #drain} is asked for and has not yet begun. */
    private final AtomicBoolean draining = new AtomicBoolean();
    private final Runnable drain = this::drain;
    /** Frames waiting for the connection to come up, encoded, and their bytes. */
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
          .option(ChannelOption.WRITE_BUFFER_WATER_MARK, waterMark)
          .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 2_000)
          .handler(new ChannelInitializer<SocketChannel>() {
            @Override
            protected void initChannel(SocketChannel ch) {
              channels.add(ch);
              ChannelPipeline p = ch.pipeline();
              if (clientSsl != null) {
                p.addLast(clientSsl.newHandler(ch.alloc(), member.host(), member.port()));
              }
              p.addLast(new Outbound()); // Peer.drain flushes once per batch
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

    /**
     * Takes {@code frame} for this peer, from any thread: it joins the peer's outbox, and the
     * first frame of a batch asks the event loop to {@link #drain} it. The outbox holds at most
     * {@code peerBufferBytes}; a frame past that is dropped as {@code backlog}.
     */
    void send(Frame frame) {
      int size = Wire.LENGTH + Wire.DATA_HEADER + frame.size();
      if (outboxBytes.addAndGet(size) > peerBuffer) {
        outboxBytes.addAndGet(-size);
        metrics.unsent("backlog", "node " + member.id(), "more than the " + peerBuffer
            + " bytes (peerBufferBytes) are already waiting to be written to it");
        return;
      }
      outbox.add(frame);
      if (draining.compareAndSet(false, true)) {
        loop.execute(drain);
      }
    }

    /**
     * Writes every frame in the outbox, on the event loop: the frames of many instances packed
     * back to back into a few buffers of up to {@value #BATCH_BYTES} bytes, then one flush, so
     * TLS wraps them in as few records as it can and the socket is written once.
     */
    private void drain() {
      draining.set(false);
      ByteBuf batch = null;
      int frames = 0;
      for (Frame f; (f = outbox.poll()) != null; ) {
        int size = Wire.LENGTH + Wire.DATA_HEADER + f.size();
        outboxBytes.addAndGet(-size);
        if (ready && !channel.isWritable()) {
          metrics.unsent("backlog", "node " + member.id(), "it has not read the " + peerBuffer
              + " bytes (peerBufferBytes) already written to it");
        } else if (ready) {
          if (batch != null && batch.writableBytes() < size) {
            write(batch, frames);
            batch = null;
          }
          if (batch == null) {
            long waiting = outboxBytes.get() + size; // what is left of this batch, sized to it
            batch = channel.alloc().buffer((int) Math.max(size, Math.min(BATCH_BYTES, waiting)));
            frames = 0;
          }
          Wire.writeData(batch, f);
          frames++;
        } else if (queued + size > peerBuffer) {
          metrics.unsent("queue-full", "node " + member.id(), "unreachable, and " + peerBuffer
              + " bytes (peerBufferBytes) already queued for it");
        } else {
          queued += size;
          queue.add(Wire.data(ByteBufAllocator.DEFAULT, f));
        }
      }
      if (batch != null) {
        write(batch, frames);
      }
      if (ready) {
        channel.flush();
      }
    }

    /** Writes {@code frames} frames in one buffer (not flushed: {@link #drain} flushes once). */
    private void write(ByteBuf frames, int count) {
      int size = frames.readableBytes();
      channel.write(frames).addListener(f -> {
        if (f.isSuccess()) {
          metrics.framesOut(count, size);
        } else {
          for (int i = 0; i < count; i++) {
            metrics.unsent("write-failed", "node " + member.id(), "the connection failed: " + rootMessage(f.cause()));
          }
        }
      });
    }

    void sendSchedule() {
      Announcement a = announcement;
      if (ready && a != null) {
        channel.writeAndFlush(Wire.schedule(channel.alloc(), a));
      }
    }

    void up(Channel ch) {
      channel = ch;
      ch.write(Wire.hello(ch.alloc(), self, cluster.name()));
      Announcement a = announcement;
      if (a != null) {
        ch.write(Wire.schedule(ch.alloc(), a));
      }
      ch.flush();
      ready = true;
      attempt = 0;
      if (everReady) {
        metrics.reconnect();
      }
      everReady = true;
      while (!queue.isEmpty()) {
        write(queue.poll(), 1);
      }
      queued = 0;
      ch.flush();
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
