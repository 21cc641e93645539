package io.github.bgp.dolevstrong;

import io.github.bgp.api.AgreementSpec;
import io.github.bgp.api.LogicalMessage;
import io.github.bgp.api.NodeId;
import io.github.bgp.api.Value;
import io.github.bgp.sm.SignedValue;
import io.github.bgp.sm.Signatures;
import io.github.bgp.sm.internal.SignedSetups;
import io.github.bgp.spi.Adversary;
import io.github.bgp.spi.Codec;
import io.github.bgp.spi.Environment;
import io.github.bgp.spi.Node;
import io.github.bgp.spi.Setup;
import java.util.ArrayList;
import java.util.List;

/** Dolev-Strong set up for one instance: its keys (under its own domain), its rounds and rules. */
final class DsSetup implements Setup<DsFrame> {

  /** The domain Dolev-Strong's signatures are made under. */
  static final String DOMAIN = "bgp-ds/1";

  /** The most values a loyal lieutenant relays, and so the most messages in a loyal frame. */
  static final int MAX_RELAYED = 2;

  private final AgreementSpec spec;
  private final Adversary adversary;
  private final Environment environment;
  private final Signatures signatures;
  private final int rounds;
  private final Codec<DsFrame> codec;

  DsSetup(AgreementSpec spec, Environment environment, Adversary adversary) {
    SignedSetups.checkGenerals("Dolev-Strong", spec);
    this.spec = spec;
    this.adversary = adversary;
    this.environment = environment;
    this.signatures = Signatures.forRun(DOMAIN, spec.generals(), environment, adversary.seed());
    // Round r's chains hold r distinct signers, none of them the receiver: at most n - 1.
    this.rounds = (int) Math.min(spec.m() + 1L, Math.max(1, spec.generals() - 1));
    this.codec = DsFrame.codec(spec.kind() == Value.Kind.BYTES ? spec.maxValueBytes() : 0);
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

  @Override
  public Codec<DsFrame> codec() {
    return codec;
  }

  @Override
  public Node<DsFrame> node(NodeId id) {
    return SignedSetups.node(id, spec, environment, adversary, signatures, m -> new DsFrame(List.of(m)),
        l -> new DsLieutenant(this, l));
  }

  @Override
  public int logicalMessages(DsFrame frame) {
    return frame.messages().size();
  }

  @Override
  public void describe(NodeId from, NodeId to, int round, DsFrame frame, LogicalMessage.Sink sink) {
    for (SignedValue m : frame.messages()) {
      List<NodeId> others = new ArrayList<>();
      for (NodeId l : spec.lieutenants()) {
        if (!l.equals(to) && !l.equals(from)) {
          others.add(l);
        }
      }
      sink.message(rounds - round, m.value(), m.signers(), others);
    }
  }

  @Override
  public String describe(DsFrame frame) {
    return frame.messages().toString();
  }

  /** At most: the order to each lieutenant, then each lieutenant relaying two values to every other. */
  @Override
  public long expectedMessages() {
    long lieutenants = spec.generals() - 1L;
    return lieutenants + MAX_RELAYED * lieutenants * Math.max(0, lieutenants - 1);
  }

  @Override
  public long estimatedBytes() {
    long perMessage = 10 + spec.maxValueBytes() + (rounds + 1L) * 66;
    return expectedMessages() * perMessage * 4 + (16L << 20);
  }
}
