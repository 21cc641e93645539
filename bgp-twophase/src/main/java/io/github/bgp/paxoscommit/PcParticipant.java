package io.github.bgp.paxoscommit;

import io.github.bgp.api.CommitSpec;
import io.github.bgp.api.InstanceId;
import io.github.bgp.api.NodeId;
import io.github.bgp.api.Transaction;
import io.github.bgp.api.Verdict;
import io.github.bgp.api.Vote;
import io.github.bgp.twophase.ResourceSide;
import io.github.bgp.twophase.Timers;
import io.github.bgp.twophase.internal.CommitParticipant;
import io.github.bgp.twophase.internal.CommitRecord;
import java.util.Map;
import java.util.TreeMap;

/**
 * A participant (Gray and Lamport's resource manager) of Paxos Commit. It reaches its resource only
 * through the {@link ResourceSide}, as a 2PC participant does. Asked to prepare, it logs its vote
 * (READY for COMMIT) and sends it, as the value of its own Paxos instance at ballot 0, to every
 * acceptor rather than to the coordinator. Uncertain, it asks every leader for the outcome each
 * retry interval; a decision, from whichever leader, it logs, carries out and acknowledges to that
 * leader until it hears the transaction ended. Recovering: as 2PC's participant. What every
 * commit protocol's participant does alike is written once, in {@link CommitParticipant}; this
 * class is how its vote goes to the acceptors and whom it asks and acknowledges.
 */
final class PcParticipant extends CommitParticipant<PcMessage> {

  private final PaxosCommit.Layout layout;
  private final Map<Long, NodeId> decidedBy = new TreeMap<>();

  PcParticipant(CommitSpec spec, PaxosCommit.Layout layout, NodeId self, String cluster, InstanceId instance) {
    super(spec, self, cluster, instance, "a leader's or acceptor's");
    this.layout = layout;
  }

  @Override
  protected CommitRecord decode(byte[] record) {
    return PcRecord.decode(record);
  }

  @Override
  protected String describe(CommitRecord r) {
    return PcRecord.describe(r);
  }

  @Override
  protected PcMessage ack(long id) {
    return new PcMessage.Ack(id);
  }

  /** Recovered READY: asks the leaders at once. */
  @Override
  protected void uncertain(long id, Context<PcMessage> ctx) {
    ctx.setTimer(ctx.now(), Timers.token(id, Timers.RETRY)); // uncertain: ask now
  }

  @Override
  protected void vote(Transaction t, Vote vote, String why, Context<PcMessage> ctx) {
    long id = t.id();
    logVote(t, vote, ctx);
    PcMessage.Value value;
    if (vote == Vote.COMMIT) {
      ctx.setTimer(ctx.now() + spec.timeouts().retry(), Timers.token(id, Timers.RETRY));
      value = PcMessage.Value.PREPARED;
    } else {
      if (vote == Vote.ABORT) {
        ctx.outcome(id, Verdict.ABORT);
        resource.abort(id, ctx);
      }
      value = vote == Vote.ABORT ? PcMessage.Value.ABORTED : PcMessage.Value.READ_ONLY;
    }
    state(ctx, id, "INIT", states.get(id).name(), why);
    PcMessage.Phase2a own = new PcMessage.Phase2a(id, self.index(), 0, value);
    for (NodeId a : layout.acceptors()) {
      ctx.send(a, 0, own);
    }
  }

  /** Its vote is with the acceptors already. */
  @Override
  protected void repeatVote(long id, Vote vote, Context<PcMessage> ctx) {
    ctx.count("prepares.repeated", 1);
  }

  @Override
  protected void timer(long id, int kind, State s, Context<PcMessage> ctx) {
    if (kind == Timers.RETRY && s == State.READY) {
      for (NodeId leader : layout.acceptors()) {
        ctx.send(leader, 0, new PcMessage.DecisionRequest(id));
      }
      ctx.count("termination.requests", 1);
      ctx.setTimer(ctx.now() + spec.timeouts().retry(), Timers.token(id, Timers.RETRY));
    } else if (kind == Timers.ACK && (s == State.COMMIT || s == State.ABORT) && !ended.contains(id)) {
      acknowledge(id, decidedBy.getOrDefault(id, layout.coordinator()), ctx);
    }
  }

  @Override
  public void receive(NodeId from, int round, PcMessage m, Context<PcMessage> ctx) {
    long id = m.txn();
    if (m instanceof PcMessage.Prepare r && from.equals(layout.coordinator())) {
      voteRequested(r.transaction(), ctx);
    } else if (m instanceof PcMessage.Decision d && layout.isLeader(from)) {
      learn(id, d.verdict(), from, "learnt from leader " + from, "by", "leader " + from, ctx);
    } else if (m instanceof PcMessage.Ended && layout.isLeader(from)) {
      endedTold(id, ctx);
    } else {
      ctx.count("messages.ignored", 1);
    }
  }

  /** A decision is acknowledged to the leader that told it, until END. */
  @Override
  protected void acknowledgeDecision(long id, NodeId from, Context<PcMessage> ctx) {
    if (!ended.contains(id)) {
      acknowledge(id, from, ctx);
    }
  }

  /** The acknowledgement goes to the leader that decided, and is repeated to it. */
  @Override
  protected void acknowledge(long id, NodeId leader, Context<PcMessage> ctx) {
    decidedBy.put(id, leader);
    super.acknowledge(id, leader, ctx);
  }
}
