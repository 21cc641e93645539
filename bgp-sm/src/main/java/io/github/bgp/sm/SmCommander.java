package io.github.bgp.sm;

import io.github.bgp.api.Entropy;
import io.github.bgp.api.Node;
import io.github.bgp.api.NodeId;
import io.github.bgp.api.RoundNode;
import io.github.bgp.api.Strategy;
import io.github.bgp.api.Value;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The commander of SM(m): signs its order and sends it to every lieutenant. A traitor
 * commander may sign a different order for each lieutenant, or send nothing; what it cannot do
 * is make one signed order read as another.
 */
final class SmCommander implements RoundNode<SmFrame> {

  private final SmAgreement run;

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
    Value order = run.scenario().order();
    boolean traitor = !run.scenario().commanderIsLoyal();
    for (NodeId to : run.scenario().lieutenants()) {
      Optional<Value> value = Optional.of(order);
      if (traitor) {
        List<NodeId> path = List.of(NodeId.COMMANDER);
        long entropy = Entropy.message(run.scenario().seed(), 1, NodeId.COMMANDER, to, path);
        value = run.scenario().strategy().send(new Strategy.Message(NodeId.COMMANDER, to, 1, path, order, entropy));
      }
      if (value.isPresent()) {
        if (value.get().kind() != order.kind()) {
          throw new IllegalStateException("strategy '" + run.scenario().strategy().name() + "' answered "
              + value.get() + " in a run of " + order.kind().name().toLowerCase() + "s");
        }
        SmFrame.Signature sig = run.signatures().sign(NodeId.COMMANDER, value.get(), List.of());
        context.count("signatures.made", 1);
        context.send(to, 1, new SmFrame(List.of(new SmFrame.Signed(value.get(), List.of(sig)))));
      }
    }
  }

  @Override
  public void endRound(int round, Map<NodeId, SmFrame> frames, Node.Context<SmFrame> context) {
    throw new IllegalStateException("the commander takes part in no round after the first");
  }
}
