package io.github.bgp.om;

import io.github.bgp.api.NodeId;
import io.github.bgp.api.Value;
import io.github.bgp.spi.Input;
import io.github.bgp.spi.Node;
import io.github.bgp.spi.RoundNode;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The commander of OM(m): given its order by its application ({@link Input.Propose}), it sends
 * it to every lieutenant (a traitor, what its strategy says), and is done.
 */
final class Commander implements RoundNode<OmFrame> {

  private final OmAgreement run;
  private final Lies lies;
  private boolean proposed;

  Commander(OmAgreement run, Lies lies) {
    this.run = run;
    this.lies = lies;
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
  public void start(Node.Context<OmFrame> context) {
    // The commander waits for its order.
  }

  @Override
  public void input(Input input, Node.Context<OmFrame> context) {
    if (proposed) {
      throw new IllegalStateException("the commander has proposed its order already");
    }
    Value order = run.spec().check(Input.Propose.of(input));
    proposed = true;
    for (int to = 1; to < run.layout().generals; to++) {
      Optional<Value> value = lies == null ? Optional.of(order) : lies.commander(order, to);
      if (value.isPresent()) {
        context.send(NodeId.of(to), 1, run.frameOf(value.get()));
      }
    }
  }

  @Override
  public boolean finished() {
    return proposed;
  }

  @Override
  public void endRound(int round, Map<NodeId, OmFrame> frames, Node.Context<OmFrame> context) {
    throw new IllegalStateException("the commander takes part in no round after the first");
  }
}
