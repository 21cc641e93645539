package io.github.bgp.phaseking;

import io.github.bgp.api.AgreementSpec;
import io.github.bgp.api.NodeId;
import io.github.bgp.api.Value;
import io.github.bgp.spi.Adversary;
import io.github.bgp.spi.Codec;
import io.github.bgp.spi.Environment;
import io.github.bgp.spi.Node;
import io.github.bgp.spi.Rounds;
import io.github.bgp.spi.Setup;

/**
 * Phase King set up for one instance: round 1 is the commander's; phase p (1..m+1) is rounds
 * 3p - 1 (values), 3p (proposals) and 3p + 1 (the king's value), so a run has 3m + 4 rounds.
 */
final class PkSetup implements Setup<PkMessage> {

  /** The most generals a run may have: every round is all to all, n(n - 1) frames. */
  static final int MAX_GENERALS = 4096;

  private final AgreementSpec spec;
  private final Environment environment;
  private final Adversary adversary;

  PkSetup(AgreementSpec spec, Environment environment, Adversary adversary) {
    if (spec.kind() == Value.Kind.BYTES) {
      throw new IllegalArgumentException("Phase King agrees on orders and numbers; it does not carry application"
          + " values yet");
    }
    if (spec.generals() > MAX_GENERALS) {
      throw new IllegalArgumentException("Phase King sends every value to every general: at most " + MAX_GENERALS
          + " generals, got " + spec.generals());
    }
    if (spec.m() > MAX_GENERALS) {
      throw new IllegalArgumentException("Phase King runs m+1 phases: m is at most " + MAX_GENERALS + ", got "
          + spec.m());
    }
    this.spec = spec;
    this.environment = environment;
    this.adversary = adversary;
  }

  AgreementSpec spec() {
    return spec;
  }

  Adversary adversary() {
    return adversary;
  }

  /** The last round: the commander's, then three per phase. */
  int rounds() {
    return 1 + 3 * (spec.m() + 1);
  }

  /** The king of phase {@code phase} (from 1): general {@code phase mod n}, so lieutenants 1..m+1 when n > m + 1. */
  NodeId king(int phase) {
    return NodeId.of(phase % spec.generals());
  }

  @Override
  public Codec<PkMessage> codec() {
    return PkMessage.CODEC;
  }

  @Override
  public Node<PkMessage> node(NodeId id) {
    if (id.index() >= spec.generals()) {
      throw new IllegalArgumentException(id + " is not one of the " + spec.generals() + " generals");
    }
    return Rounds.synchronous(new PkNode(this, id), environment.roundTimeout());
  }

  @Override
  public String describe(PkMessage m) {
    return m.toString();
  }

  /** {@link PhaseKing#messages}: exact when nobody is silent. */
  @Override
  public long expectedMessages() {
    return PhaseKing.messages(spec.generals(), spec.m());
  }

  @Override
  public long estimatedBytes() {
    long n = spec.generals();
    return n * n * 256 + (16L << 20); // one round's frames in flight, each node's counts
  }
}
