package io.github.bgp.net;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
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

/**
 * Serves a node's {@link NodeMetrics} over HTTP while it runs: {@code GET /metrics} in the
 * Prometheus text format (for a scraper), {@code GET /metrics.txt} as plain name-value lines (for
 * people with curl). Read-only, and on its own address so it can stay on a private interface.
 */
public final class MetricsServer implements AutoCloseable {

  private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
  private final Channel channel;

  private MetricsServer(String host, int port, NodeMetrics metrics) throws InterruptedException {
    try {
      channel = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
          .childHandler(new ChannelInitializer<SocketChannel>() {
            @Override
            protected void initChannel(SocketChannel ch) {
              ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(8192), new Handler(metrics));
            }
          }).bind(host, port).sync().channel();
    } catch (RuntimeException e) {
      group.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
      throw new IllegalArgumentException("cannot serve metrics on " + host + ":" + port + ": " + e.getMessage(), e);
    }
  }

  /**
   * Serves {@code metrics} on {@code host:port} (port 0 picks a free one: see {@link #port()}).
   *
   * @throws IllegalStateException if the Netty on the class path is older than 4.2
   */
  public static MetricsServer start(String host, int port, NodeMetrics metrics) throws InterruptedException {
    NettyVersion.require();
    return new MetricsServer(host, port, metrics);
  }

  /** The port it listens on. */
  public int port() {
    return ((InetSocketAddress) channel.localAddress()).getPort();
  }

  @Override
  public void close() {
    channel.close().awaitUninterruptibly(1, TimeUnit.SECONDS);
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(2, TimeUnit.SECONDS);
  }

  private static final class Handler extends SimpleChannelInboundHandler<FullHttpRequest> {
    private final NodeMetrics metrics;

    Handler(NodeMetrics metrics) {
      this.metrics = metrics;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
      String path = request.uri().replaceFirst("\\?.*", "");
      FullHttpResponse response;
      if (!request.method().equals(HttpMethod.GET)) {
        response = text(HttpResponseStatus.METHOD_NOT_ALLOWED, "only GET\n");
      } else if (path.equals("/metrics")) {
        response = text(HttpResponseStatus.OK, metrics.toPrometheus());
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
}
