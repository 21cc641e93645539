package io.github.bgp.sm;

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
 * The commander of SM(m): given its order by its application ({@link Input.Propose}), signs it
 * once and sends it to every lieutenant ({@link SignedOrders}). A traitor commander may sign a
 * different order for each lieutenant, or send nothing; what it cannot do is make one signed
 * order read as another.
 */
final class SmCommander implements RoundNode<SmFrame> {

  private final SmAgreement run;
  private boolean proposed;

  SmCommander(SmAgreement run) {
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
  public void start(Node.Context<SmFrame> context) {
    // The commander waits for its order.
  }

  @Override
  public boolean finished() {
    return proposed;
  }

  @Override
  public void input(Input input, Node.Context<SmFrame> context) {
    if (proposed) {
      throw new IllegalStateException("the commander has proposed its order already");
    }
    Value order = run.spec().check(Input.Propose.of(input));
    proposed = true;
    SignedOrders.send(order, run.spec(), run.adversary(), run.signatures(), context,
        (to, m) -> context.send(to, 1, new SmFrame(List.of(m))));
  }

  @Override
  public void endRound(int round, Map<NodeId, SmFrame> frames, Node.Context<SmFrame> context) {
    throw new IllegalStateException("the commander takes part in no round after the first");
  }
}
