/**
 * The API every bgp module builds on: values, scenarios, outcomes and the protocol registry
 * ({@code io.github.bgp.api}), what a protocol author implements ({@code io.github.bgp.spi}) and
 * what a runtime author hosts a protocol with ({@code io.github.bgp.runtime}).
 *
 * <p>Protocols are found through {@link java.util.ServiceLoader}: {@link io.github.bgp.api.Protocols}
 * uses {@link io.github.bgp.api.Protocol}, which each protocol module provides.
 *
 * @since 0.1.0
 */
module io.github.bgp.api {
  exports io.github.bgp.api;
  exports io.github.bgp.spi;
  exports io.github.bgp.runtime;

  uses io.github.bgp.api.Protocol;
}
