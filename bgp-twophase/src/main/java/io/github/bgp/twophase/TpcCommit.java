package io.github.bgp.twophase;

import io.github.bgp.api.CommitSpec;
import io.github.bgp.api.NodeId;
import io.github.bgp.api.Transaction;
import io.github.bgp.spi.Environment;
import io.github.bgp.spi.Node;
import io.github.bgp.twophase.internal.CommitSetup;

/** Two-phase commit set up for one instance. */
final class TpcCommit extends CommitSetup<TpcMessage> {

  private final CommitSpec spec;
  private final Environment environment;

  TpcCommit(CommitSpec spec, Environment environment) {
    super(TpcCodec.INSTANCE, Timers::describe, TpcRecord::decode, TpcRecord::describe);
    this.spec = spec;
    this.environment = environment;
  }

  /**
   * Checks that a transaction can be carried.
   *
   * @throws IllegalArgumentException if its id or payload is too large
   */
  static void check(Transaction t) {
    if (t.id() >= Timers.MAX_TXN) {
      throw new IllegalArgumentException("transaction id " + t.id() + " is too large (at most 2^60 - 1)");
    }
    int size = t.payload().length;
    if (size > TpcCodec.MAX_PAYLOAD) {
      throw new IllegalArgumentException("transaction " + t.id() + " carries " + size + " bytes, more than the "
          + TpcCodec.MAX_PAYLOAD + " a vote request may (receivers would drop it)");
    }
  }

  @Override
  public Node<TpcMessage> node(NodeId id) {
    if (id.equals(spec.coordinator())) {
      return new Coordinator(spec);
    }
    return new Participant(spec, participant(spec, id), environment.cluster(), environment.instance());
  }

  @Override
  public String describe(TpcMessage m) {
    if (m instanceof TpcMessage.VoteRequest) {
      return "VOTE-REQ txn " + m.txn();
    }
    if (m instanceof TpcMessage.Vote v) {
      return "VOTE-" + v.vote() + " txn " + m.txn();
    }
    if (m instanceof TpcMessage.Decision d) {
      return "GLOBAL-" + d.decision() + " txn " + m.txn();
    }
    if (m instanceof TpcMessage.Ack) {
      return "ACK txn " + m.txn();
    }
    if (m instanceof TpcMessage.Ended) {
      return "END txn " + m.txn();
    }
    return "DECISION-REQ txn " + m.txn();
  }
}
