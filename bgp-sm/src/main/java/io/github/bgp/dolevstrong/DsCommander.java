package io.github.bgp.dolevstrong;

import io.github.bgp.api.NodeId;
import io.github.bgp.api.Strategy;
import io.github.bgp.api.Value;
import io.github.bgp.sm.Signature;
import io.github.bgp.sm.SignedValue;
import io.github.bgp.spi.Entropy;
import io.github.bgp.spi.Input;
import io.github.bgp.spi.Node;
import io.github.bgp.spi.RoundNode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The commander of Dolev-Strong: given its order ({@link Input.Propose}), signs it once and sends
 * it to every lieutenant. A traitor may send each lieutenant another value (each signed once) or
 * nothing; it cannot make one signed value read as another.
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
    boolean traitor = run.adversary().isTraitor(NodeId.COMMANDER);
    Map<Value, SignedValue> signed = new HashMap<>();
    for (NodeId to : run.spec().lieutenants()) {
      Optional<Value> value = Optional.of(order);
      if (traitor) {
        Strategy strategy = run.adversary().strategy(NodeId.COMMANDER);
        List<NodeId> path = List.of(NodeId.COMMANDER);
        long entropy = Entropy.message(run.adversary().seed(), 1, NodeId.COMMANDER, to, path);
        value = strategy.send(new Strategy.Message(NodeId.COMMANDER, to, 1, path, order, entropy));
        if (value.isPresent() && value.get().kind() != order.kind()) {
          throw new IllegalStateException("strategy '" + strategy.name() + "' answered " + value.get()
              + " in a run of " + order.kind().name().toLowerCase(java.util.Locale.ROOT) + "s");
        }
      }
      if (value.isPresent()) {
        SignedValue m = signed.computeIfAbsent(value.get(), v -> {
          context.count("signatures.made", 1);
          Signature sig = run.signatures().sign(NodeId.COMMANDER, v, List.of());
          return new SignedValue(v, List.of(sig));
        });
        context.send(to, 1, new DsFrame(List.of(m)));
      }
    }
  }

  @Override
  public void endRound(int round, Map<NodeId, DsFrame> frames, Node.Context<DsFrame> context) {
    throw new IllegalStateException("the commander takes part in no round after the first");
  }
}
