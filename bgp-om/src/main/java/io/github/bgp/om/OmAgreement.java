package io.github.bgp.om;

import io.github.bgp.api.AgreementSpec;
import io.github.bgp.api.LogicalMessage;
import io.github.bgp.api.NodeId;
import io.github.bgp.api.Value;
import io.github.bgp.spi.Adversary;
import io.github.bgp.spi.Codec;
import io.github.bgp.spi.Environment;
import io.github.bgp.spi.Node;
import io.github.bgp.spi.Rounds;
import io.github.bgp.spi.Setup;
import java.util.List;

/** OM(m) set up for one instance. */
final class OmAgreement implements Setup<OmFrame> {

  private final AgreementSpec spec;
  private final Adversary adversary;
  private final Environment environment;
  private final Layout layout;
  private final boolean orders;
  private final Ballot ballot;

  OmAgreement(AgreementSpec spec, Environment environment, Adversary adversary) {
    if (spec.kind() == Value.Kind.BYTES) {
      throw new IllegalArgumentException("OM(m) agrees on orders and numbers; it does not carry application values"
          + " yet");
    }
    this.spec = spec;
    this.adversary = adversary;
    this.environment = environment;
    this.layout = new Layout(spec.generals(), spec.m());
    this.orders = spec.kind() == Value.Kind.ORDER;
    this.ballot = new Ballot(spec);
    long largest = layout.stored(layout.rounds);
    if (largest > Layout.MAX_ARRAY) {
      throw new IllegalArgumentException(String.format(
          "OM(%d) with %d generals is too large to run by message passing: a lieutenant would keep %s values"
              + " from its last round alone (%s messages in all)",
          spec.m(), spec.generals(), Layout.count(largest), Layout.count(layout.expectedMessages())));
    }
  }

  AgreementSpec spec() {
    return spec;
  }

  Layout layout() {
    return layout;
  }

  boolean orders() {
    return orders;
  }

  Ballot ballot() {
    return ballot;
  }

  OmFrame frameOf(Value v) {
    return orders ? OmFrame.Orders.of(v) : new OmFrame.Numbers(new long[] {v.code()}, null);
  }

  @Override
  public Codec<OmFrame> codec() {
    return OmCodec.INSTANCE;
  }

  @Override
  public Node<OmFrame> node(NodeId id) {
    if (id.index() >= spec.generals()) {
      throw new IllegalArgumentException(id + " is not one of the " + spec.generals() + " generals");
    }
    Lies lies = adversary.isTraitor(id)
        ? new Lies(adversary.strategy(id), layout, adversary.seed(), spec.kind())
        : null;
    if (id.equals(NodeId.COMMANDER)) {
      return Rounds.synchronous(new Commander(this, lies), environment.roundTimeout());
    }
    return Rounds.synchronous(new Lieutenant(this, id.index(), lies), environment.roundTimeout());
  }

  @Override
  public int logicalMessages(OmFrame message) {
    return message.present();
  }

  @Override
  public void describe(NodeId from, NodeId to, int round, OmFrame frame, LogicalMessage.Sink sink) {
    for (int i = 0; i < frame.size(); i++) {
      Value v = frame.valueAt(i);
      if (v != null) {
        List<NodeId> path = layout.framePath(round, from.index(), to.index(), i);
        sink.message(layout.rounds - round, v, path, layout.others(path, to));
      }
    }
  }

  @Override
  public long expectedMessages() {
    return layout.expectedMessages();
  }

  @Override
  public long estimatedBytes() {
    // Values a lieutenant keeps: every round but the last, whose frames it folds as they are.
    long tree = 0;
    long busiestRound = 0;
    for (int k = 1; k <= layout.rounds; k++) {
      if (k < layout.rounds) {
        tree = Saturating.add(tree, layout.stored(k));
      }
      busiestRound = Math.max(busiestRound, layout.messagesInRound(k));
    }
    long lieutenants = layout.generals - 1L;
    // Every lieutenant's tree, plus the busiest round's frames both encoded and decoded.
    long values = Saturating.add(Saturating.multiply(tree, lieutenants),
        Saturating.multiply(busiestRound, 2));
    long total = orders ? values / 8 + 1 : Saturating.multiply(values, 8);
    return Saturating.add(Saturating.add(total, total / 4), 32L << 20);
  }
}
