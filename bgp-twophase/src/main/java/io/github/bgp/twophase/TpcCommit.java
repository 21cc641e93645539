package io.github.bgp.twophase;

import io.github.bgp.api.Codec;
import io.github.bgp.api.Commit;
import io.github.bgp.api.CommitScenario;
import io.github.bgp.api.Node;
import io.github.bgp.api.NodeId;
import io.github.bgp.api.Resource;
import java.util.function.Function;

/** Two-phase commit set up for one workload. */
final class TpcCommit implements Commit<TpcMessage> {

  private final CommitScenario scenario;
  private final Function<NodeId, Resource> resources;

  TpcCommit(CommitScenario scenario, Function<NodeId, Resource> resources) {
    for (CommitScenario.Txn t : scenario.transactions()) {
      if (t.transaction().id() >= Timers.MAX_TXN) {
        throw new IllegalArgumentException("transaction id " + t.transaction().id() + " is too large (at most 2^60 - 1)");
      }
      int size = t.transaction().payload().length;
      if (size > TpcCodec.MAX_PAYLOAD) {
        throw new IllegalArgumentException("transaction " + t.transaction().id() + " carries " + size
            + " bytes, more than the " + TpcCodec.MAX_PAYLOAD + " a vote request may (receivers would drop it)");
      }
    }
    this.scenario = scenario;
    this.resources = resources;
  }

  @Override
  public Codec<TpcMessage> codec() {
    return TpcCodec.INSTANCE;
  }

  @Override
  public Node<TpcMessage> node(NodeId id) {
    if (id.equals(scenario.coordinator())) {
      return new Coordinator(scenario);
    }
    if (id.index() > scenario.participants()) {
      throw new IllegalArgumentException(id + " is neither the coordinator (0) nor one of the " + scenario.participants()
          + " participants");
    }
    return new Participant(scenario, id, resources.apply(id));
  }

  @Override
  public int logicalMessages(TpcMessage message) {
    return 1;
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
    return "DECISION-REQ txn " + m.txn();
  }
}
