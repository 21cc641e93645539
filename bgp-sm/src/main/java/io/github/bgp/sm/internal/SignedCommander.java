package io.github.bgp.sm.internal;

import io.github.bgp.api.AgreementSpec;
import io.github.bgp.api.NodeId;
import io.github.bgp.api.Value;
import io.github.bgp.sm.SignedValue;
import io.github.bgp.sm.Signatures;
import io.github.bgp.spi.Adversary;
import io.github.bgp.spi.Input;
import io.github.bgp.spi.Node;
import io.github.bgp.spi.RoundNode;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The commander of a protocol that signs chains (SM(m), Dolev-Strong): given its order by its
 * application ({@link Input.Propose}), it signs it once and sends it to every lieutenant in round 1
 * ({@link SignedOrders}), and takes part in no later round. A traitor commander may sign a different
 * order for each lieutenant (each value once), or send nothing; what it cannot do is make one
 * signed order read as another.
 *
 * @param <F> the protocol's frame
 * @since 0.1.0
 */
public final class SignedCommander<F> implements RoundNode<F> {

  private final AgreementSpec spec;
  private final Adversary adversary;
  private final Signatures signatures;
  private final Function<SignedValue, F> frame;
  private boolean proposed;

  /**
   * The commander of one instance.
   *
   * @param spec the instance's generals and kind of value
   * @param adversary who is a traitor, and their strategies
   * @param signatures the instance's keys, the commander's among them
   * @param frame the protocol's round-1 frame holding one signed order
   */
  public SignedCommander(AgreementSpec spec, Adversary adversary, Signatures signatures,
      Function<SignedValue, F> frame) {
    this.spec = spec;
    this.adversary = adversary;
    this.signatures = signatures;
    this.frame = frame;
  }

  @Override
  public int rounds() {
    return 0;
  }

  @Override
  public Set<NodeId> senders(int round) {
    return Set.of();
  }

  @Override
  public void start(Node.Context<F> context) {
    // The commander waits for its order.
  }

  @Override
  public boolean finished() {
    return proposed;
  }

  @Override
  public void input(Input input, Node.Context<F> context) {
    if (proposed) {
      throw new IllegalStateException("the commander has proposed its order already");
    }
    Value order = spec.check(Input.Propose.of(input));
    proposed = true;
    SignedOrders.send(order, spec, adversary, signatures, context, (to, m) -> context.send(to, 1, frame.apply(m)));
  }

  @Override
  public void endRound(int round, Map<NodeId, F> frames, Node.Context<F> context) {
    throw new IllegalStateException("the commander takes part in no round after the first");
  }
}
