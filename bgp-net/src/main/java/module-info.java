/**
 * The network runtime: any protocol's nodes over TCP with mutual TLS 1.3 (Netty), their cluster
 * configuration and certificates, and their metrics through Micrometer with a Prometheus endpoint.
 *
 * <p>Micrometer's jars are automatic modules ({@code micrometer.core} is required transitively:
 * {@link io.github.bgp.net.NodeMetrics} is a {@code MeterBinder}); javac's warning about that is
 * suppressed here.
 *
 * @since 0.1.0
 */
@SuppressWarnings({"requires-automatic", "requires-transitive-automatic"})
module io.github.bgp.net {
  requires transitive io.github.bgp.api;
  requires transitive micrometer.core;
  requires micrometer.registry.prometheus;
  requires io.netty.common;
  requires io.netty.buffer;
  requires io.netty.transport;
  requires io.netty.codec;
  requires io.netty.handler;
  requires io.netty.codec.http;
  requires org.bouncycastle.provider;
  requires org.bouncycastle.pkix;
  requires com.fasterxml.jackson.databind;

  exports io.github.bgp.net;
}
