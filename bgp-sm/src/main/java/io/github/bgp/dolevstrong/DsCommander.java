package io.github.bgp.dolevstrong;

import io.github.bgp.api.NodeId;
import io.github.bgp.api.Value;
import io.github.bgp.sm.internal.SignedOrders;
import io.github.bgp.spi.Input;
import io.github.bgp.spi.Node;
import io.github.bgp.spi.RoundNode;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The commander of Dolev-Strong: given its order ({@link Input.Propose}), signs it once and sends
 * it to every lieutenant ({@link SignedOrders}). A traitor may send each lieutenant another value
 * (each signed once) or nothing; it cannot make one signed value read as another.
 */
final class DsCommander implements RoundNode<DsFrame> {

  private final DsSetup run;
  private boolean proposed;

  DsCommander(DsSetup run) {
    this.run = run;
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
  public void start(Node.Context<DsFrame> context) {
    // The commander waits for its order.
  }

  @Override
  public boolean finished() {
    return proposed;
  }

  @Override
  public void input(Input input, Node.Context<DsFrame> context) {
    if (proposed) {
      throw new IllegalStateException("the commander has proposed its order already");
    }
    Value order = run.spec().check(Input.Propose.of(input));
    proposed = true;
    SignedOrders.send(order, run.spec(), run.adversary(), run.signatures(), context,
        (to, m) -> context.send(to, 1, new DsFrame(List.of(m))));
  }

  @Override
  public void endRound(int round, Map<NodeId, DsFrame> frames, Node.Context<DsFrame> context) {
    throw new IllegalStateException("the commander takes part in no round after the first");
  }
}
