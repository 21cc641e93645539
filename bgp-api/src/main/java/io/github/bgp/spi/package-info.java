/**
 * The protocol SPI: what a protocol implements and what it may use.
 *
 * <ul>
 *   <li>A protocol is a state machine per node, a {@link io.github.bgp.spi.Node}, made by its
 *       {@link io.github.bgp.spi.Setup} for one instance; it takes events and asks for effects
 *       through its {@link io.github.bgp.spi.Node.Context}, never touching a thread, clock or socket.
 *   <li>Synchronous protocols write a {@link io.github.bgp.spi.RoundNode};
 *       {@link io.github.bgp.spi.Rounds} runs it with round deadlines.
 *   <li>What a node takes from its application: {@link io.github.bgp.spi.Input}; what it asks of
 *       its resource: {@link io.github.bgp.spi.Call}; how its messages travel: a
 *       {@link io.github.bgp.spi.Codec}; what it knows of its surroundings:
 *       {@link io.github.bgp.spi.Environment}.
 *   <li>Traitors, for simulations: {@link io.github.bgp.spi.Adversary}, the built-in strategies
 *       ({@link io.github.bgp.spi.Builtin}) and their seeded randomness ({@link io.github.bgp.spi.Entropy}).
 * </ul>
 */
package io.github.bgp.spi;
