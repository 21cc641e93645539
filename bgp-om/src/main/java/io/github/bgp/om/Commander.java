package io.github.bgp.om;

import io.github.bgp.api.Node;
import io.github.bgp.api.NodeId;
import io.github.bgp.api.RoundNode;
import io.github.bgp.api.Value;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The commander of OM(m): sends its order to every lieutenant at the start, and is done. */
final class Commander implements RoundNode<OmFrame> {

  private final OmAgreement run;
  private final Lies lies;

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
    Value order = run.scenario().order();
    for (int to = 1; to < run.layout().generals; to++) {
      Optional<Value> value = lies == null ? Optional.of(order) : lies.commander(order, to);
      if (value.isPresent()) {
        context.send(NodeId.of(to), 1, run.frameOf(value.get()));
      }
    }
  }

  @Override
  public void endRound(int round, Map<NodeId, OmFrame> frames, Node.Context<OmFrame> context) {
    throw new IllegalStateException("the commander takes part in no round after the first");
  }
}
