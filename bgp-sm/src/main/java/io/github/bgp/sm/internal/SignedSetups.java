package io.github.bgp.sm.internal;

import io.github.bgp.api.AgreementSpec;
import io.github.bgp.api.NodeId;
import io.github.bgp.sm.Signatures;
import io.github.bgp.sm.SignedValue;
import io.github.bgp.spi.Adversary;
import io.github.bgp.spi.Environment;
import io.github.bgp.spi.Node;
import io.github.bgp.spi.RoundNode;
import io.github.bgp.spi.Rounds;
import java.util.function.Function;

/**
 * What an instance of a protocol that signs chains (SM(m), Dolev-Strong) refuses when it is set up
 * and when a node is made, and how its nodes are made: the commander ({@link SignedCommander}) or
 * a lieutenant of the protocol's own, each run in synchronous rounds. The keys' domain, the round
 * limit and the codec stay with each protocol.
 *
 * @since 0.1.0
 */
public final class SignedSetups {

  /** The most generals a run may have: ids travel, and are signed, as unsigned 16-bit numbers. */
  public static final int MAX_GENERALS = 1 << 16;

  private SignedSetups() {}

  /**
   * Refuses an instance with more generals than ids can name.
   *
   * @param protocol the protocol's name in the message ("SM(m)", "Dolev-Strong")
   * @param spec the instance
   * @throws IllegalArgumentException if it has more than {@link #MAX_GENERALS} generals
   */
  public static void checkGenerals(String protocol, AgreementSpec spec) {
    if (spec.generals() > MAX_GENERALS) {
      throw new IllegalArgumentException(protocol + " signs general ids as 16-bit numbers: at most " + MAX_GENERALS
          + " generals, got " + spec.generals());
    }
  }

  /**
   * Node {@code id} of an instance: the commander, or the lieutenant {@code lieutenant} makes.
   *
   * @param <F> the protocol's frame
   * @param id the general
   * @param spec the instance's generals and kind of value
   * @param environment where the round timeout comes from
   * @param adversary who is a traitor, and their strategies
   * @param signatures the instance's keys
   * @param order the protocol's round-1 frame holding one signed order
   * @param lieutenant what makes the protocol's lieutenant {@code id}
   * @return the node, in synchronous rounds
   * @throws IllegalArgumentException if {@code id} is not one of the generals, or the key ring holds no private key
   *     for it
   */
  public static <F> Node<F> node(NodeId id, AgreementSpec spec, Environment environment, Adversary adversary,
      Signatures signatures, Function<SignedValue, F> order, Function<NodeId, RoundNode<F>> lieutenant) {
    if (id.index() >= spec.generals()) {
      throw new IllegalArgumentException(id + " is not one of the " + spec.generals() + " generals");
    }
    if (!signatures.canSignAs(id)) {
      throw new IllegalArgumentException("the key ring holds no private key for node " + id + ", which must sign");
    }
    RoundNode<F> node = id.equals(NodeId.COMMANDER) ? new SignedCommander<>(spec, adversary, signatures, order)
        : lieutenant.apply(id);
    return Rounds.synchronous(node, environment.roundTimeout());
  }
}
