package io.github.bgp.cli;

import io.github.bgp.api.AgreementProtocol;
import io.github.bgp.api.AgreementSpec;
import io.github.bgp.api.Decision;
import io.github.bgp.api.Guarantee;
import io.github.bgp.api.NodeId;
import io.github.bgp.api.Value;
import io.github.bgp.spi.Adversary;
import io.github.bgp.spi.Codec;
import io.github.bgp.spi.Environment;
import io.github.bgp.spi.Input;
import io.github.bgp.spi.Node;
import io.github.bgp.spi.RoundNode;
import io.github.bgp.spi.Rounds;
import io.github.bgp.spi.Setup;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A provider the command does not know, registered for the tests only (in the test resources'
 * {@code META-INF/services/io.github.bgp.api.Protocol}), to see that it becomes a command by name:
 * the commander tells every lieutenant its order, and each lieutenant obeys what it heard. It
 * takes no notice of traitors: it guarantees IC1 and IC2 only when there are none.
 */
public final class DirectProtocol implements AgreementProtocol {

  @Override
  public String name() {
    return "direct";
  }

  @Override
  public String summary() {
    return "the commander tells every lieutenant, who obeys (a test double): IC1 and IC2 without traitors only";
  }

  @Override
  public Guarantee guarantee(AgreementSpec spec, int traitors) {
    return traitors == 0 ? Guarantee.holds("no traitor: every lieutenant hears the loyal commander")
        : Guarantee.none(traitors + " traitors, and nobody relays");
  }

  @Override
  public Setup<Value> create(AgreementSpec spec, Environment environment, Adversary adversary) {
    if (spec.kind() != Value.Kind.ORDER && spec.kind() != Value.Kind.NUMBER) {
      throw new IllegalArgumentException("direct carries orders and numbers, not " + spec.kind());
    }
    return new Setup<>() {
      @Override
      public Codec<Value> codec() {
        return CODEC;
      }

      @Override
      public Node<Value> node(NodeId id) {
        if (id.index() >= spec.generals()) {
          throw new IllegalArgumentException(id + " is not one of the " + spec.generals() + " generals");
        }
        return Rounds.synchronous(id.equals(NodeId.COMMANDER) ? new Commander(spec) : new Lieutenant(spec),
            environment.roundTimeout());
      }
    };
  }

  /** A value on the wire: {@code u8 kind (0 order, 1 number), i64 code}. */
  private static final Codec<Value> CODEC = new Codec<>() {
    @Override
    public byte[] encode(Value v) {
      return ByteBuffer.allocate(9).put((byte) (v.isOrder() ? 0 : 1)).putLong(v.code()).array();
    }

    @Override
    public Value decode(ByteBuffer in) {
      if (in.remaining() != 9) {
        throw new IllegalArgumentException("a value is 9 bytes, got " + in.remaining());
      }
      byte kind = in.get();
      if (kind != 0 && kind != 1) {
        throw new IllegalArgumentException("unknown value kind " + kind);
      }
      return Value.of(kind == 0 ? Value.Kind.ORDER : Value.Kind.NUMBER, in.getLong());
    }
  };

  /** Sends its order to every lieutenant once it is given it. */
  private static final class Commander implements RoundNode<Value> {
    private final AgreementSpec spec;
    private boolean proposed;

    Commander(AgreementSpec spec) {
      this.spec = spec;
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
    public void start(Node.Context<Value> ctx) {}

    @Override
    public void input(Input input, Node.Context<Value> ctx) {
      Value order = spec.check(Input.Propose.of(input));
      proposed = true;
      for (NodeId to : spec.lieutenants()) {
        ctx.send(to, 1, order);
      }
    }

    @Override
    public boolean finished() {
      return proposed;
    }

    @Override
    public void endRound(int round, Map<NodeId, Value> frames, Node.Context<Value> ctx) {}
  }

  /** Obeys what the commander said, or the fallback if it said nothing it could use. */
  private static final class Lieutenant implements RoundNode<Value> {
    private final AgreementSpec spec;

    Lieutenant(AgreementSpec spec) {
      this.spec = spec;
    }

    @Override
    public int rounds() {
      return 1;
    }

    @Override
    public Set<NodeId> senders(int round) {
      return Set.of(NodeId.COMMANDER);
    }

    @Override
    public void start(Node.Context<Value> ctx) {}

    @Override
    public void endRound(int round, Map<NodeId, Value> frames, Node.Context<Value> ctx) {
      Value heard = frames.get(NodeId.COMMANDER);
      Value order = heard == null || heard.kind() != spec.kind() ? spec.fallback() : heard;
      TreeMap<NodeId, Value> from = new TreeMap<>();
      from.put(NodeId.COMMANDER, order);
      ctx.decide(Decision.of(order, from));
    }
  }
}
