package io.github.bgp.om;

import com.google.common.math.LongMath;
import io.github.bgp.api.Agreement;
import io.github.bgp.api.Codec;
import io.github.bgp.api.Environment;
import io.github.bgp.api.LogicalMessage;
import io.github.bgp.api.Node;
import io.github.bgp.api.NodeId;
import io.github.bgp.api.Rounds;
import io.github.bgp.api.Scenario;
import io.github.bgp.api.Value;
import java.util.List;

/** OM(m) set up for one scenario. */
final class OmAgreement implements Agreement<OmFrame> {

  private final Scenario scenario;
  private final Environment environment;
  private final Layout layout;
  private final boolean orders;
  private final Ballot ballot;

  OmAgreement(Scenario scenario, Environment environment) {
    this.scenario = scenario;
    this.environment = environment;
    this.layout = new Layout(scenario.generals(), scenario.m());
    this.orders = scenario.order().isOrder();
    this.ballot = new Ballot(scenario);
    long largest = layout.stored(layout.rounds);
    if (largest > Layout.MAX_ARRAY) {
      throw new IllegalArgumentException(String.format(
          "OM(%d) with %d generals is too large to run by message passing: a lieutenant would keep %s values"
              + " from its last round alone (%s messages in all)",
          scenario.m(), scenario.generals(), Layout.count(largest), Layout.count(layout.expectedMessages())));
    }
  }

  Scenario scenario() {
    return scenario;
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
    if (id.index() >= scenario.generals()) {
      throw new IllegalArgumentException(id + " is not one of the " + scenario.generals() + " generals");
    }
    Lies lies = scenario.isTraitor(id)
        ? new Lies(scenario.strategy(), layout, scenario.seed(), scenario.order().kind())
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
        tree = LongMath.saturatedAdd(tree, layout.stored(k));
      }
      busiestRound = Math.max(busiestRound, layout.messagesInRound(k));
    }
    long lieutenants = layout.generals - 1L;
    // Every lieutenant's tree, plus the busiest round's frames both encoded and decoded.
    long values = LongMath.saturatedAdd(LongMath.saturatedMultiply(tree, lieutenants),
        LongMath.saturatedMultiply(busiestRound, 2));
    long total = orders ? values / 8 + 1 : LongMath.saturatedMultiply(values, 8);
    return LongMath.saturatedAdd(LongMath.saturatedAdd(total, total / 4), 32L << 20);
  }
}
