package io.github.bgp.examples.relay;

import io.github.bgp.api.AgreementSpec;
import io.github.bgp.api.Decision;
import io.github.bgp.api.NodeId;
import io.github.bgp.api.Strategy;
import io.github.bgp.api.Value;
import io.github.bgp.spi.Adversary;
import io.github.bgp.spi.Codec;
import io.github.bgp.spi.Entropy;
import io.github.bgp.spi.Environment;
import io.github.bgp.spi.Input;
import io.github.bgp.spi.Node;
import io.github.bgp.spi.RoundNode;
import io.github.bgp.spi.Rounds;
import io.github.bgp.spi.Setup;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Relay set up for one instance: the codec and, for each node, its state machine. Only
 * {@link #codec()} and {@link #node} are written here; the bookkeeping methods of {@link Setup}
 * keep their defaults (one logical message per frame).
 */
final class RelaySetup implements Setup<RelayMessage> {

  private final AgreementSpec spec;
  private final Environment environment;
  private final Adversary adversary;

  RelaySetup(AgreementSpec spec, Environment environment, Adversary adversary) {
    this.spec = spec;
    this.environment = environment;
    this.adversary = adversary;
  }

  @Override
  public Codec<RelayMessage> codec() {
    return RelayMessage.CODEC;
  }

  @Override
  public Node<RelayMessage> node(NodeId id) {
    if (id.index() >= spec.generals()) {
      throw new IllegalArgumentException(id + " is not one of the " + spec.generals() + " generals");
    }
    RoundNode<RelayMessage> node = id.equals(NodeId.COMMANDER) ? new Commander() : new Lieutenant(id);
    return Rounds.synchronous(node, environment.roundTimeout());
  }

  /** What {@code from} sends {@code to} in {@code round} in place of {@code honest}: the truth, or a traitor's lie. */
  private Optional<Value> say(NodeId from, NodeId to, int round, List<NodeId> path, Value honest) {
    if (!adversary.isTraitor(from)) {
      return Optional.of(honest);
    }
    long entropy = Entropy.message(adversary.seed(), round, from, to, path);
    return adversary.strategy(from).send(new Strategy.Message(from, to, round, path, honest, entropy));
  }

  /** Sends its order to every lieutenant when its application proposes it. */
  private final class Commander implements RoundNode<RelayMessage> {
    private boolean proposed;

    @Override
    public int rounds() {
      return 0;
    }

    @Override
    public Set<NodeId> senders(int round) {
      return Set.of();
    }

    @Override
    public void start(Node.Context<RelayMessage> ctx) {}

    @Override
    public void input(Input input, Node.Context<RelayMessage> ctx) {
      Value order = spec.check(Input.Propose.of(input));
      proposed = true;
      for (NodeId to : spec.lieutenants()) {
        say(NodeId.COMMANDER, to, 1, List.of(NodeId.COMMANDER), order)
            .ifPresent(v -> ctx.send(to, 1, new RelayMessage(v)));
      }
    }

    @Override
    public boolean finished() {
      return proposed;
    }

    @Override
    public void endRound(int round, Map<NodeId, RelayMessage> frames, Node.Context<RelayMessage> ctx) {}
  }

  /** Round 1: hears the commander and relays; round 2: hears the relays and decides by majority. */
  private final class Lieutenant implements RoundNode<RelayMessage> {
    private final NodeId self;
    private final Set<NodeId> others = new TreeSet<>();
    private Value fromCommander;

    Lieutenant(NodeId self) {
      this.self = self;
      for (NodeId l : spec.lieutenants()) {
        if (!l.equals(self)) {
          others.add(l);
        }
      }
    }

    @Override
    public int rounds() {
      return 2;
    }

    @Override
    public Set<NodeId> senders(int round) {
      return round == 1 ? Set.of(NodeId.COMMANDER) : others;
    }

    @Override
    public void start(Node.Context<RelayMessage> ctx) {}

    @Override
    public void endRound(int round, Map<NodeId, RelayMessage> frames, Node.Context<RelayMessage> ctx) {
      if (round == 1) {
        RelayMessage order = frames.get(NodeId.COMMANDER);
        fromCommander = order == null || order.value().kind() != spec.kind() ? spec.fallback() : order.value();
        for (NodeId to : others) {
          say(self, to, 2, List.of(NodeId.COMMANDER, self), fromCommander)
              .ifPresent(v -> ctx.send(to, 2, new RelayMessage(v)));
        }
        return;
      }
      TreeMap<NodeId, Value> heard = new TreeMap<>();
      heard.put(NodeId.COMMANDER, fromCommander);
      for (NodeId l : others) {
        RelayMessage m = frames.get(l);
        heard.put(l, m == null || m.value().kind() != spec.kind() ? spec.fallback() : m.value()); // absent: A3
      }
      ctx.decide(Decision.of(spec.majority().choose(new ArrayList<>(heard.values())), heard));
    }
  }
}
