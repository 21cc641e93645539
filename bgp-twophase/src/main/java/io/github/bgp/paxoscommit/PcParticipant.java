package io.github.bgp.paxoscommit;

import io.github.bgp.api.CommitSpec;
import io.github.bgp.api.InstanceId;
import io.github.bgp.api.NodeId;
import io.github.bgp.api.Transaction;
import io.github.bgp.api.Verdict;
import io.github.bgp.api.Vote;
import io.github.bgp.spi.Input;
import io.github.bgp.spi.Node;
import io.github.bgp.twophase.ResourceSide;
import io.github.bgp.twophase.Timers;
import io.github.bgp.twophase.internal.CommitRecord;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A participant (Gray and Lamport's resource manager) of Paxos Commit. It reaches its resource only
 * through the {@link ResourceSide}, as a 2PC participant does. Asked to prepare, it logs its vote
 * (READY for COMMIT) and sends it, as the value of its own Paxos instance at ballot 0, to every
 * acceptor rather than to the coordinator. Uncertain, it asks every leader for the outcome each
 * retry interval; a decision, from whichever leader, it logs, carries out and acknowledges to that
 * leader until it hears the transaction ended. Recovering: as 2PC's participant.
 */
final class PcParticipant implements Node<PcMessage> {

  private enum State { PREPARING, READY, COMMIT, ABORT, READ_ONLY, CONTRADICTED }

  private final CommitSpec spec;
  private final PaxosCommit.Layout layout;
  private final NodeId self;
  private final ResourceSide resource;
  private final Map<Long, State> states = new TreeMap<>();
  private final Map<Long, NodeId> decidedBy = new TreeMap<>();
  private final Set<Long> ended = new TreeSet<>();

  PcParticipant(CommitSpec spec, PaxosCommit.Layout layout, NodeId self, String cluster, InstanceId instance) {
    this.spec = spec;
    this.layout = layout;
    this.self = self;
    this.resource = new ResourceSide(spec, cluster, instance);
  }

  @Override
  public void start(Context<PcMessage> ctx) {
    // A participant waits for prepare requests; an empty log does not mean an empty resource (see ResourceSide#start).
    resource.start(ctx);
  }

  @Override
  public void recover(List<byte[]> log, Context<PcMessage> ctx) {
    for (byte[] bytes : log) {
      CommitRecord r = PcRecord.decode(bytes);
      long id = r.txn();
      State was = states.get(id);
      if (r instanceof PcRecord.Ready ready) {
        resource.remember(ready.transaction());
        states.putIfAbsent(id, State.READY);
      } else if (r instanceof PcRecord.Voted v) {
        states.putIfAbsent(id, v.vote() == Vote.ABORT ? State.ABORT : State.READ_ONLY);
      } else if (r instanceof PcRecord.Outcome o) {
        State logged = o.outcome() == Verdict.COMMIT ? State.COMMIT : State.ABORT;
        if (was == null || was == State.READY) {
          states.put(id, logged);
        } else if (was != logged) {
          throw new IllegalStateException("participant " + self + "'s log holds both " + was + " and " + logged
              + " for txn " + id + ": it is damaged");
        }
      } else if (r instanceof PcRecord.Ended) {
        ended.add(id);
      } else {
        throw new IllegalStateException("participant " + self + "'s log holds a leader's or acceptor's record "
            + PcRecord.describe(r) + " for txn " + id + ": it is not this participant's log");
      }
    }
    ctx.count("recoveries", 1);
    states.forEach((id, s) -> {
      if (s == State.COMMIT || s == State.ABORT) {
        ctx.outcome(id, s == State.COMMIT ? Verdict.COMMIT : Verdict.ABORT);
        carryOut(id, s == State.COMMIT ? Verdict.COMMIT : Verdict.ABORT, ctx);
        if (!ended.contains(id)) {
          acknowledge(id, layout.coordinator(), ctx);
        }
      } else if (s == State.READY) {
        ctx.setTimer(ctx.now(), Timers.token(id, Timers.RETRY)); // uncertain: ask now
      }
    });
    resource.recover(ctx);
  }

  @Override
  public void input(Input input, Context<PcMessage> ctx) {
    if (!(input instanceof Input.Answer a)) {
      throw new IllegalArgumentException("a participant takes its resource's answers, not " + input);
    }
    resource.answer(a, ctx, states::containsKey).ifPresent(p -> vote(p.transaction(), p.vote(), p.why(), ctx));
  }

  private void vote(Transaction t, Vote vote, String why, Context<PcMessage> ctx) {
    long id = t.id();
    PcMessage.Value value;
    if (vote == Vote.COMMIT) {
      ctx.persist(PcRecord.encode(new PcRecord.Ready(t)));
      states.put(id, State.READY);
      ctx.setTimer(ctx.now() + spec.timeouts().retry(), Timers.token(id, Timers.RETRY));
      value = PcMessage.Value.PREPARED;
    } else {
      ctx.persist(PcRecord.encode(new PcRecord.Voted(id, vote)));
      states.put(id, vote == Vote.ABORT ? State.ABORT : State.READ_ONLY);
      if (vote == Vote.ABORT) {
        ctx.outcome(id, Verdict.ABORT);
        resource.abort(id, ctx);
      }
      value = vote == Vote.ABORT ? PcMessage.Value.ABORTED : PcMessage.Value.READ_ONLY;
    }
    PaxosCommit.state(ctx, "participant " + self, id, "INIT", states.get(id).name(), why);
    PcMessage.Phase2a own = new PcMessage.Phase2a(id, self.index(), 0, value);
    for (NodeId a : layout.acceptors()) {
      ctx.send(a, 0, own);
    }
  }

  @Override
  public void timer(long token, Context<PcMessage> ctx) {
    if (ResourceSide.owns(token)) {
      resource.timer(token, ctx).ifPresent(p -> vote(p.transaction(), p.vote(), p.why(), ctx));
      return;
    }
    long id = Timers.txn(token);
    State s = states.get(id);
    if (Timers.kind(token) == Timers.RETRY && s == State.READY) {
      for (NodeId leader : layout.acceptors()) {
        ctx.send(leader, 0, new PcMessage.DecisionRequest(id));
      }
      ctx.count("termination.requests", 1);
      ctx.setTimer(ctx.now() + spec.timeouts().retry(), Timers.token(id, Timers.RETRY));
    } else if (Timers.kind(token) == Timers.ACK && (s == State.COMMIT || s == State.ABORT) && !ended.contains(id)) {
      acknowledge(id, decidedBy.getOrDefault(id, layout.coordinator()), ctx);
    }
  }

  @Override
  public void receive(NodeId from, int round, PcMessage m, Context<PcMessage> ctx) {
    long id = m.txn();
    State s = states.get(id);
    if (m instanceof PcMessage.Prepare r && from.equals(layout.coordinator())) {
      ResourceSide.check(r.transaction());
      if (s == null) {
        states.put(id, State.PREPARING);
        resource.prepare(r.transaction(), ctx);
      } else if (s != State.PREPARING && s != State.CONTRADICTED) {
        ctx.count("prepares.repeated", 1); // its vote is with the acceptors already
      }
    } else if (m instanceof PcMessage.Decision d && layout.isLeader(from)) {
      learn(id, d.verdict(), s, from, ctx);
    } else if (m instanceof PcMessage.Ended && layout.isLeader(from)) {
      if (s != null && !ended.contains(id)) {
        ended.add(id);
        ctx.cancelTimer(Timers.token(id, Timers.ACK));
        ctx.persist(PcRecord.encode(new PcRecord.Ended(id)));
      }
    } else {
      ctx.count("messages.ignored", 1);
    }
  }

  private void learn(long id, Verdict v, State s, NodeId from, Context<PcMessage> ctx) {
    State learnt = v == Verdict.COMMIT ? State.COMMIT : State.ABORT;
    if (s == State.READY || (v == Verdict.ABORT && (s == null || s == State.PREPARING))) {
      ctx.cancelTimer(Timers.token(id, Timers.RETRY));
      resource.stopPreparing(id, ctx);
      ctx.persist(PcRecord.encode(new PcRecord.Outcome(id, v)));
      states.put(id, learnt);
      PaxosCommit.state(ctx, "participant " + self, id, s == null ? "INIT" : s.name(), learnt.name(),
          "learnt from leader " + from);
      ctx.outcome(id, v);
      carryOut(id, v, ctx);
      acknowledge(id, from, ctx);
    } else if (s == learnt || s == State.READ_ONLY) {
      acknowledge(id, from, ctx); // the decision repeated
    } else {
      ctx.count("decisions.contradicted", 1);
      if (ctx.tracing() || s != State.CONTRADICTED) {
        ctx.note("contradiction", Map.of("txn", Long.toString(id), "logged", s == null ? "nothing" : s.name(),
            "told", v.name(), "by", "leader " + from));
      }
      if (s != State.COMMIT && s != State.ABORT) {
        states.put(id, State.CONTRADICTED);
        ctx.cancelTimer(Timers.token(id, Timers.RETRY));
        resource.stopPreparing(id, ctx);
      }
    }
  }

  private void carryOut(long id, Verdict v, Context<PcMessage> ctx) {
    if (v == Verdict.COMMIT) {
      resource.commit(id, ctx);
    } else {
      resource.abort(id, ctx);
    }
  }

  private void acknowledge(long id, NodeId leader, Context<PcMessage> ctx) {
    if (ended.contains(id)) {
      return;
    }
    decidedBy.put(id, leader);
    ctx.send(leader, 0, new PcMessage.Ack(id));
    ctx.setTimer(ctx.now() + spec.timeouts().retry(), Timers.token(id, Timers.ACK));
  }
}
