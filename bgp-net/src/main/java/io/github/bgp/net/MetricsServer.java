package io.github.bgp.net;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpVersion;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * Serves a node's {@link NodeMetrics} over HTTP while it runs: {@code GET /metrics} in the
 * Prometheus text format, from Micrometer's {@link PrometheusMeterRegistry} (the node's metrics
 * are bound to it as a {@link io.micrometer.core.instrument.binder.MeterBinder}), and
 * {@code GET /metrics.txt} as plain name-value lines (for people with curl). Read-only.
 *
 * <p><b>Nothing on it can affect the cluster.</b> It runs on an event-loop thread of its own,
 * apart from the cluster port's; {@link #start(int, NodeMetrics)} binds it to 127.0.0.1 (another
 * address only when given); it holds at most {@link Limits#maxConnections} connections (a further
 * one is closed at once: its descriptor is back at once), and every connection is closed
 * {@link Limits#requestMillis} after it was accepted, whether or not it sent a request, so
 * half-open and slow clients hold a bounded number of descriptors for a bounded time.
 *
 * @since 0.1.0
 */
public final class MetricsServer implements AutoCloseable {

  /** Where a metrics server listens unless told: loopback only. */
  public static final String DEFAULT_HOST = "127.0.0.1";

  /**
   * How much a metrics server takes at most.
   *
   * @param maxConnections connections open at once
   * @param requestMillis how long a connection may live from its accept
   * @since 0.1.0
   */
  public record Limits(int maxConnections, long requestMillis) {
    /** 64 connections, 5 s each. */
    public static final Limits DEFAULT = new Limits(64, 5_000);

    /**
     * Checks its components.
     *
     * @param maxConnections connections open at once, at least 1
     * @param requestMillis how long a connection may live from its accept, positive
     * @throws IllegalArgumentException if either is less than 1
     */
    public Limits {
      if (maxConnections < 1) {
        throw new IllegalArgumentException("a metrics server takes at least 1 connection, got " + maxConnections);
      }
      if (requestMillis < 1) {
        throw new IllegalArgumentException("a request's time is positive, got " + requestMillis);
      }
    }
  }

  private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final AtomicInteger open = new AtomicInteger();
  private final AtomicInteger peak = new AtomicInteger();
  private final LongAdder turnedAway = new LongAdder();
  private final Channel channel;

  private MetricsServer(String host, int port, NodeMetrics metrics, Limits limits) throws InterruptedException {
    metrics.bindTo(registry);
    try {
      channel = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
          .option(ChannelOption.SO_BACKLOG, limits.maxConnections())
          .childHandler(new ChannelInitializer<SocketChannel>() {
            @Override
            protected void initChannel(SocketChannel ch) {
              if (open.incrementAndGet() > limits.maxConnections()) {
                open.decrementAndGet();
                turnedAway.increment();
                ch.close();
                return;
              }
              peak.accumulateAndGet(open.get(), Math::max);
              ch.closeFuture().addListener(f -> open.decrementAndGet());
              ch.eventLoop().schedule(() -> {
                ch.close();
              }, limits.requestMillis(), TimeUnit.MILLISECONDS);
              ch.pipeline().addLast(new HttpServerCodec(4096, 8192, 8192), new HttpObjectAggregator(8192),
                  new Handler(metrics, registry), new Quiet());
            }
          }).bind(host, port).sync().channel();
    } catch (InterruptedException e) {
      group.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
      throw e;
    } catch (Exception e) { // Netty rethrows the socket's BindException, checked or not
      group.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
      throw new IllegalArgumentException("cannot serve metrics on " + host + ":" + port + ": "
          + (e instanceof java.net.BindException ? "the port " + port + " is in use (" + e.getMessage() + ")"
          : e.getMessage()), e);
    }
  }

  /**
   * Serves {@code metrics} on 127.0.0.1 at {@code port} (0 picks a free one: see {@link #port()}),
   * within {@link Limits#DEFAULT}.
   *
   * @param port the port, 0 for any free one
   * @param metrics the node's metrics
   * @return the running server
   * @throws InterruptedException if interrupted while binding
   * @throws IllegalArgumentException if the port cannot be bound (naming it)
   * @throws IllegalStateException if the Netty on the class path is older than 4.2
   */
  public static MetricsServer start(int port, NodeMetrics metrics) throws InterruptedException {
    return start(DEFAULT_HOST, port, metrics, Limits.DEFAULT);
  }

  /**
   * Serves {@code metrics} on {@code host:port}, within {@link Limits#DEFAULT}.
   *
   * @param host the address to bind
   * @param port the port, 0 for any free one
   * @param metrics the node's metrics
   * @return the running server
   * @throws InterruptedException if interrupted while binding
   */
  public static MetricsServer start(String host, int port, NodeMetrics metrics) throws InterruptedException {
    return start(host, port, metrics, Limits.DEFAULT);
  }

  /**
   * Serves {@code metrics} on {@code host:port}, within {@code limits}.
   *
   * @param host the address to bind
   * @param port the port, 0 for any free one
   * @param metrics the node's metrics
   * @param limits the connection cap and time limit
   * @return the running server
   * @throws InterruptedException if interrupted while binding
   */
  public static MetricsServer start(String host, int port, NodeMetrics metrics, Limits limits)
      throws InterruptedException {
    NettyVersion.require();
    return new MetricsServer(host, port, metrics, limits);
  }

  /**
   * The port it listens on.
   *
   * @return the port
   */
  public int port() {
    return ((InetSocketAddress) channel.localAddress()).getPort();
  }

  /**
   * The address it listens on.
   *
   * @return the address
   */
  public InetSocketAddress address() {
    return (InetSocketAddress) channel.localAddress();
  }

  /**
   * The connections open right now.
   *
   * @return the open connections
   */
  public int connections() {
    return open.get();
  }

  /**
   * The most connections it has held at once.
   *
   * @return the peak
   */
  public int peakConnections() {
    return peak.get();
  }

  /**
   * The connections closed at once since it started, the server holding as many as it may.
   *
   * @return the connections turned away
   */
  public long turnedAway() {
    return turnedAway.sum();
  }

  @Override
  public void close() {
    channel.close().awaitUninterruptibly(1, TimeUnit.SECONDS);
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(2, TimeUnit.SECONDS);
    registry.close();
  }

  private static final class Handler extends SimpleChannelInboundHandler<FullHttpRequest> {
    private final NodeMetrics metrics;
    private final PrometheusMeterRegistry registry;

    Handler(NodeMetrics metrics, PrometheusMeterRegistry registry) {
      this.metrics = metrics;
      this.registry = registry;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
      String path = request.uri().replaceFirst("\\?.*", "");
      FullHttpResponse response;
      if (!request.decoderResult().isSuccess()) {
        response = text(HttpResponseStatus.BAD_REQUEST, "not an HTTP request bgp serves\n");
      } else if (!request.method().equals(HttpMethod.GET)) {
        response = text(HttpResponseStatus.METHOD_NOT_ALLOWED, "only GET\n");
      } else if (path.equals("/metrics")) {
        response = text(HttpResponseStatus.OK, registry.scrape());
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8");
      } else if (path.equals("/metrics.txt")) {
        response = text(HttpResponseStatus.OK, metrics.toText());
      } else {
        response = text(HttpResponseStatus.NOT_FOUND, "try /metrics or /metrics.txt\n");
      }
      ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
    }

    private static FullHttpResponse text(HttpResponseStatus status, String body) {
      FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
          Unpooled.copiedBuffer(body, StandardCharsets.UTF_8));
      r.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8");
      r.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, r.content().readableBytes());
      return r;
    }
  }

  /** A connection that breaks (reset, too large a request) is closed without a word. */
  private static final class Quiet extends ChannelInboundHandlerAdapter {
    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      ctx.close();
    }
  }
}
