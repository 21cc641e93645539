package io.github.bgp.sm;

import io.github.bgp.api.NodeId;
import io.github.bgp.api.Strategy;
import io.github.bgp.api.Value;
import io.github.bgp.spi.Entropy;
import io.github.bgp.spi.Input;
import io.github.bgp.spi.Node;
import io.github.bgp.spi.RoundNode;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The commander of SM(m): given its order by its application ({@link Input.Propose}), signs it
 * and sends it to every lieutenant. A traitor
 * commander may sign a different order for each lieutenant, or send nothing; what it cannot do
 * is make one signed order read as another.
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
    boolean traitor = run.adversary().isTraitor(NodeId.COMMANDER);
    Strategy strategy = traitor ? run.adversary().strategy(NodeId.COMMANDER) : Strategy.HONEST;
    for (NodeId to : run.spec().lieutenants()) {
      Optional<Value> value = Optional.of(order);
      if (traitor) {
        List<NodeId> path = List.of(NodeId.COMMANDER);
        long entropy = Entropy.message(run.adversary().seed(), 1, NodeId.COMMANDER, to, path);
        value = strategy.send(new Strategy.Message(NodeId.COMMANDER, to, 1, path, order, entropy));
      }
      if (value.isPresent()) {
        if (value.get().kind() != order.kind()) {
          throw new IllegalStateException("strategy '" + strategy.name() + "' answered "
              + value.get() + " in a run of " + order.kind().name().toLowerCase() + "s");
        }
        Signature sig = run.signatures().sign(NodeId.COMMANDER, value.get(), List.of());
        context.count("signatures.made", 1);
        context.send(to, 1, new SmFrame(List.of(new SignedValue(value.get(), List.of(sig)))));
      }
    }
  }

  @Override
  public void endRound(int round, Map<NodeId, SmFrame> frames, Node.Context<SmFrame> context) {
    throw new IllegalStateException("the commander takes part in no round after the first");
  }
}
