package io.github.bgp.twophase;

import io.github.bgp.api.CommitScenario;
import io.github.bgp.api.Node;
import io.github.bgp.api.NodeId;
import io.github.bgp.api.Verdict;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The coordinator of two-phase commit (CS162, lecture 24), for many transactions at once.
 *
 * <p>At a transaction's start it logs BEGIN and asks every participant to vote (WAIT). The
 * first ABORT vote, or the vote timeout with a vote missing, decides ABORT; every participant
 * voting COMMIT decides COMMIT. A decision is logged (and forced by the runtime) before it is
 * announced, then repeated to every participant that has not acknowledged it, until all have;
 * then END is logged. Asked about a transaction it never began, it answers ABORT (presumed
 * abort): no participant can have been asked to vote on it.
 *
 * <p>Recovering, it follows the seed's table: a transaction in WAIT (BEGIN without a decision)
 * is aborted; a decided one is announced again to everyone; one it never began and whose start
 * has passed is aborted (INIT); one still to come is scheduled as usual.
 */
final class Coordinator implements Node<TpcMessage> {

  /** What the coordinator knows about one transaction. */
  private static final class Txn {
    final CommitScenario.Txn spec;
    boolean begun;
    Verdict decision;
    boolean ended;
    final Map<NodeId, Verdict> votes = new TreeMap<>();
    final Set<NodeId> acks = new TreeSet<>();

    Txn(CommitScenario.Txn spec) {
      this.spec = spec;
    }

    long id() {
      return spec.transaction().id();
    }
  }

  private final CommitScenario scenario;
  private final List<NodeId> participants;
  private final Map<Long, Txn> txns = new TreeMap<>();

  Coordinator(CommitScenario scenario) {
    this.scenario = scenario;
    this.participants = scenario.participantIds();
    for (CommitScenario.Txn t : scenario.transactions()) {
      txns.put(t.transaction().id(), new Txn(t));
    }
  }

  @Override
  public void start(Context<TpcMessage> ctx) {
    for (Txn t : txns.values()) {
      ctx.setTimer(t.spec.start(), Timers.token(t.id(), Timers.START));
    }
  }

  @Override
  public void recover(List<byte[]> log, Context<TpcMessage> ctx) {
    for (byte[] bytes : log) {
      TpcRecord r = TpcRecord.decode(bytes);
      Txn t = txns.get(r.txn());
      if (t == null) {
        continue; // a transaction of another workload: nothing to do for it here
      }
      if (r instanceof TpcRecord.Begin) {
        t.begun = true;
      } else if (r instanceof TpcRecord.Decided d && t.decision == null) {
        t.decision = d.decision();
      } else if (r instanceof TpcRecord.End) {
        t.ended = true;
      }
    }
    ctx.count("recoveries", 1);
    for (Txn t : txns.values()) {
      if (t.ended) {
        continue;
      }
      if (t.decision != null) {
        announce(t, ctx);
      } else if (t.begun || t.spec.start() <= ctx.now()) {
        decide(t, Verdict.ABORT, ctx); // WAIT, or INIT with its time past: abort
      } else {
        ctx.setTimer(t.spec.start(), Timers.token(t.id(), Timers.START));
      }
    }
  }

  @Override
  public void timer(long token, Context<TpcMessage> ctx) {
    Txn t = txns.get(Timers.txn(token));
    if (t == null) {
      return;
    }
    switch (Timers.kind(token)) {
      case Timers.START:
        if (!t.begun && t.decision == null) {
          t.begun = true;
          ctx.persist(TpcRecord.encode(new TpcRecord.Begin(t.spec.transaction())));
          for (NodeId p : participants) {
            ctx.send(p, 0, new TpcMessage.VoteRequest(t.spec.transaction()));
          }
          ctx.setTimer(ctx.now() + scenario.timeouts().votes(), Timers.token(t.id(), Timers.VOTES));
        }
        break;
      case Timers.VOTES:
        if (t.decision == null) {
          ctx.count("timeouts.votes", 1);
          decide(t, Verdict.ABORT, ctx);
        }
        break;
      case Timers.RETRY:
        if (t.decision != null && !t.ended) {
          for (NodeId p : participants) {
            if (!t.acks.contains(p)) {
              ctx.send(p, 0, new TpcMessage.Decision(t.id(), t.decision));
              ctx.count("decisions.resent", 1);
            }
          }
          ctx.setTimer(ctx.now() + scenario.timeouts().retry(), Timers.token(t.id(), Timers.RETRY));
        }
        break;
      default:
        break;
    }
  }

  @Override
  public void receive(NodeId from, int round, TpcMessage m, Context<TpcMessage> ctx) {
    Txn t = txns.get(m.txn());
    if (t == null || !participants.contains(from)) {
      ctx.count("messages.ignored", 1);
      return;
    }
    if (m instanceof TpcMessage.Vote v) {
      if (t.decision != null) {
        if (!t.acks.contains(from)) {
          ctx.send(from, 0, new TpcMessage.Decision(t.id(), t.decision)); // a late vote: tell it
        }
        return;
      }
      if (!t.begun) {
        return; // a vote for a transaction this coordinator has not asked about (duplicate from an old life)
      }
      t.votes.put(from, v.vote());
      if (v.vote() == Verdict.ABORT) {
        decide(t, Verdict.ABORT, ctx);
      } else if (t.votes.size() == participants.size()) {
        decide(t, Verdict.COMMIT, ctx);
      }
    } else if (m instanceof TpcMessage.Ack) {
      if (t.decision != null && t.acks.add(from) && t.acks.size() == participants.size() && !t.ended) {
        t.ended = true;
        ctx.persist(TpcRecord.encode(new TpcRecord.End(t.id())));
      }
    } else if (m instanceof TpcMessage.DecisionRequest) {
      if (t.decision != null) {
        ctx.send(from, 0, new TpcMessage.Decision(t.id(), t.decision));
      } else if (!t.begun && t.spec.start() <= ctx.now()) {
        decide(t, Verdict.ABORT, ctx); // presumed abort: nobody can have voted on it
      }
    }
  }

  private void decide(Txn t, Verdict v, Context<TpcMessage> ctx) {
    t.decision = v;
    ctx.persist(TpcRecord.encode(new TpcRecord.Decided(t.id(), v)));
    ctx.count(v == Verdict.COMMIT ? "decisions.commit" : "decisions.abort", 1);
    announce(t, ctx);
  }

  private void announce(Txn t, Context<TpcMessage> ctx) {
    for (NodeId p : participants) {
      if (!t.acks.contains(p)) {
        ctx.send(p, 0, new TpcMessage.Decision(t.id(), t.decision));
      }
    }
    ctx.setTimer(ctx.now() + scenario.timeouts().retry(), Timers.token(t.id(), Timers.RETRY));
  }
}
