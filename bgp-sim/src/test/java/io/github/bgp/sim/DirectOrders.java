package io.github.bgp.sim;

import io.github.bgp.api.AgreementProtocol;
import io.github.bgp.api.AgreementSpec;
import io.github.bgp.api.Decision;
import io.github.bgp.api.Guarantee;
import io.github.bgp.api.LogicalMessage;
import io.github.bgp.api.NodeId;
import io.github.bgp.api.Scenario;
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
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * A test protocol: OM(0). The commander sends its order, each lieutenant obeys what it hears
 * (RETREAT if nothing). Correct with a loyal commander, broken by a lying one: enough to test a
 * runtime and a search. Hooks let tests make it misbehave.
 */
public class DirectOrders implements AgreementProtocol {

  /** The one message: an order, 9 bytes on the wire (kind, code). */
  public record Order(Value value) {}

  public UnaryOperator<byte[]> corruptWire = b -> b;
  public long estimatedBytes = 1;
  public boolean lieutenantsEcho;

  @Override
  public String name() {
    return "direct";
  }

  @Override
  public String summary() {
    return "OM(0): lieutenants obey the order they hear";
  }

  @Override
  public Guarantee guarantee(AgreementSpec spec, int traitors) {
    return Guarantee.none("OM(0) guarantees nothing if the commander may be a traitor");
  }

  @Override
  public Guarantee guarantee(Scenario s) {
    return s.commanderIsLoyal() ? Guarantee.holds("the commander is loyal") : Guarantee.none("a traitor commander");
  }

  @Override
  public Setup<Order> create(AgreementSpec spec, Environment environment, Adversary adversary) {
    return new Setup<>() {
      @Override
      public Codec<Order> codec() {
        return new Codec<>() {
          @Override
          public byte[] encode(Order o) {
            ByteBuffer b = ByteBuffer.allocate(9);
            b.put((byte) o.value().kind().ordinal()).putLong(o.value().code());
            return corruptWire.apply(b.array());
          }

          @Override
          public Order decode(ByteBuffer in) {
            if (in.remaining() != 9) {
              throw new IllegalArgumentException("an order is 9 bytes, got " + in.remaining());
            }
            int kind = in.get();
            if (kind < 0 || kind > 1) {
              throw new IllegalArgumentException("unknown kind " + kind);
            }
            return new Order(Value.of(Value.Kind.values()[kind], in.getLong()));
          }
        };
      }

      @Override
      public Node<Order> node(NodeId id) {
        return Rounds.synchronous(id.equals(NodeId.COMMANDER) ? commander(spec, adversary) : lieutenant(spec, id),
            environment.roundTimeout());
      }

      @Override
      public int logicalMessages(Order message) {
        return 1;
      }

      @Override
      public void describe(NodeId from, NodeId to, int round, Order message, LogicalMessage.Sink sink) {
        sink.message(0, message.value(), List.of(from), List.of());
      }

      @Override
      public long expectedMessages() {
        return spec.generals() - 1;
      }

      @Override
      public long estimatedBytes() {
        return estimatedBytes;
      }
    };
  }

  private RoundNode<Order> commander(AgreementSpec s, Adversary adversary) {
    return new RoundNode<>() {
      boolean proposed;

      @Override
      public int rounds() {
        return 0;
      }

      @Override
      public Set<NodeId> senders(int round) {
        return Set.of();
      }

      @Override
      public void start(Node.Context<Order> context) {}

      @Override
      public void input(Input input, Node.Context<Order> context) {
        Value order = ((Input.Propose) input).value();
        proposed = true;
        for (NodeId to : s.lieutenants()) {
          Optional<Value> v = Optional.of(order);
          if (adversary.isTraitor(NodeId.COMMANDER)) {
            v = adversary.strategy(NodeId.COMMANDER).send(new Strategy.Message(NodeId.COMMANDER, to, 1,
                List.of(NodeId.COMMANDER), order, Entropy.of(adversary.seed(), 1, 0, to.index(), 0)));
          }
          v.ifPresent(value -> context.send(to, 1, new Order(value)));
        }
      }

      @Override
      public boolean finished() {
        return proposed;
      }

      @Override
      public void endRound(int round, Map<NodeId, Order> frames, Node.Context<Order> context) {
        throw new AssertionError("the commander has no rounds");
      }
    };
  }

  private RoundNode<Order> lieutenant(AgreementSpec s, NodeId self) {
    return new RoundNode<>() {
      @Override
      public int rounds() {
        return 1;
      }

      @Override
      public Set<NodeId> senders(int round) {
        return Set.of(NodeId.COMMANDER);
      }

      @Override
      public void start(Node.Context<Order> context) {
        if (lieutenantsEcho) {
          context.send(self, 1, new Order(s.fallback())); // a protocol bug: talking to itself
        }
      }

      @Override
      public void endRound(int round, Map<NodeId, Order> frames, Node.Context<Order> context) {
        Order heard = frames.get(NodeId.COMMANDER);
        Value v = heard == null ? s.fallback() : heard.value();
        context.decide(Decision.of(v, Map.of(NodeId.COMMANDER, v)));
      }
    };
  }
}
