package io.github.bgp.sm;

import io.github.bgp.api.AgreementSpec;
import io.github.bgp.api.LogicalMessage;
import io.github.bgp.api.NodeId;
import io.github.bgp.api.Value;
import io.github.bgp.sm.internal.SignedSetups;
import io.github.bgp.spi.Adversary;
import io.github.bgp.spi.Codec;
import io.github.bgp.spi.Environment;
import io.github.bgp.spi.Node;
import io.github.bgp.spi.Setup;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/** SM(m) set up for one instance: its keys, rounds and rules. */
final class SmAgreement implements Setup<SmFrame> {

  private final AgreementSpec spec;
  private final Adversary adversary;
  private final Environment environment;
  private final Signatures signatures;
  private final int rounds;
  private final SmCodec codec;

  SmAgreement(AgreementSpec spec, Environment environment, Adversary adversary) {
    SignedSetups.checkGenerals("SM(m)", spec);
    this.spec = spec;
    this.adversary = adversary;
    this.environment = environment;
    this.signatures = Signatures.forRun(Signatures.SM, spec.generals(), environment, adversary.seed());
    this.rounds = Math.min(spec.m(), spec.generals() - 2) + 1;
    this.codec = SmCodec.carrying(spec.kind() == Value.Kind.BYTES ? spec.maxValueBytes() : 0);
  }

  AgreementSpec spec() {
    return spec;
  }

  Adversary adversary() {
    return adversary;
  }

  Signatures signatures() {
    return signatures;
  }

  int rounds() {
    return rounds;
  }

  /**
   * choice(V): the single value if V holds one, the fallback (RETREAT, 0 for numbers, the empty
   * value for application values unless the instance sets another) if it
   * holds none or several. Several means the commander signed different orders, a proven
   * traitor; the choice must then not depend on which values V holds, because lieutenants relay
   * at most two and so may hold different sets once traitors collude.
   */
  Value choice(TreeSet<Value> accepted) {
    return accepted.size() == 1 ? accepted.first() : spec.fallback();
  }

  @Override
  public Codec<SmFrame> codec() {
    return codec;
  }

  @Override
  public Node<SmFrame> node(NodeId id) {
    return SignedSetups.node(id, spec, environment, adversary, signatures, m -> new SmFrame(List.of(m)),
        l -> new SmLieutenant(this, l));
  }

  @Override
  public int logicalMessages(SmFrame frame) {
    return frame.messages().size();
  }

  @Override
  public void describe(NodeId from, NodeId to, int round, SmFrame frame, LogicalMessage.Sink sink) {
    for (SignedValue m : frame.messages()) {
      List<NodeId> path = m.signers();
      List<NodeId> others = new ArrayList<>();
      for (NodeId l : spec.lieutenants()) {
        if (!l.equals(to) && !path.contains(l)) {
          others.add(l);
        }
      }
      sink.message(rounds - round, m.value(), path, others);
    }
  }

  /** At most: the order to each lieutenant, then each lieutenant relaying two values to all others. */
  @Override
  public long expectedMessages() {
    long lieutenants = spec.generals() - 1L;
    return lieutenants + SmLieutenant.MAX_RELAYED * lieutenants * Math.max(0, lieutenants - 1);
  }

  @Override
  public long estimatedBytes() {
    long perMessage = 10 + spec.maxValueBytes() + (spec.m() + 1L) * 66;
    return expectedMessages() * perMessage * 4 + (16L << 20);
  }
}
