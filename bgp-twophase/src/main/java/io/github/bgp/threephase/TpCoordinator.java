package io.github.bgp.threephase;

import io.github.bgp.api.CommitSpec;
import io.github.bgp.api.NodeId;
import io.github.bgp.api.Transaction;
import io.github.bgp.api.Verdict;
import io.github.bgp.api.Vote;
import io.github.bgp.twophase.Timers;
import io.github.bgp.twophase.internal.CommitCoordinator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The coordinator of three-phase commit (Skeen 1981), for any number of transactions at once.
 *
 * <p>Given a transaction it logs BEGIN and asks every participant to vote (WAIT). An ABORT vote, or
 * the vote timeout with a vote missing, decides ABORT. Every vote to commit (or READ_ONLY): it logs
 * PRECOMMIT and sends PRE-COMMIT to the participants that voted COMMIT (PRE), and once each has
 * acknowledged, or at the timeout, decides COMMIT: a participant that did not acknowledge is taken
 * for failed, and learns the outcome when it recovers. This is where partitions break 3PC: a
 * participant cut off is not failed, and on its side of the partition the termination protocol may
 * abort. Decisions are logged before they are announced, repeated until acknowledged, then END.
 *
 * <p>Asked for its state by a backup, it answers with its decision, or PRECOMMIT in PRE (in WAIT it
 * has nothing to say). Told a backup's decision while undecided, it adopts it. Recovering: WAIT
 * aborts (no PRE-COMMIT can have left: PRECOMMIT is logged first); PRE runs the termination protocol
 * itself (the participants may have decided without it), and decides COMMIT on uncertain states
 * only once every participant has answered: one that is silent may have aborted as backup while
 * the coordinator was down, so it asks again; a decision is announced again.
 *
 * <p>Phase one's start and phase two (log, announce, repeat, END) are 2PC's, written once in
 * {@link CommitCoordinator}; this class is what 3PC puts between the votes and the decision.
 */
final class TpCoordinator extends CommitCoordinator<TpMessage, TpCoordinator.Txn> {

  /** What phase two needs, and 3PC's pre-commit and termination. */
  static final class Txn extends CommitCoordinator.Txn {
    boolean pre;
    final Set<NodeId> preAcksMissing = new TreeSet<>();
    Map<NodeId, TpMessage.Phase> collected;

    Txn(Transaction transaction) {
      super(transaction);
    }
  }

  TpCoordinator(CommitSpec spec) {
    super(spec, Txn::new, new Words<>(TpMessage.VoteRequest::new, TpMessage.Decision::new, TpMessage.Ended::new,
        t -> TpRecord.encode(new TpRecord.Begin(t)), (txn, v) -> TpRecord.encode(new TpRecord.Decided(txn, v)),
        txn -> TpRecord.encode(new TpRecord.End(txn))));
  }

  /** A decision ends the pre-commit's wait and the termination protocol. */
  @Override
  protected void deciding(Txn t, Context<TpMessage> ctx) {
    t.collected = null;
    ctx.cancelTimer(Timers.token(t.id(), Timers.SIXTH));
    ctx.cancelTimer(Timers.token(t.id(), Timers.SEVENTH));
  }

  @Override
  public void recover(List<byte[]> log, Context<TpMessage> ctx) {
    read(log, TpRecord::decode, TpRecord::describe, (t, r) -> {
      if (r instanceof TpRecord.PreCommit) {
        t.pre = true; // PRE: every vote was to commit
        return true;
      }
      return false;
    });
    ctx.count("recoveries", 1);
    for (Txn t : txns.values()) {
      if (t.ended) {
        continue;
      }
      if (t.decision != null) {
        ctx.outcome(t.id(), t.decision);
        announce(t, ctx);
      } else if (t.pre) {
        terminate(t, ctx); // the participants may have decided without it: ask them
      } else {
        state(ctx, t, "WAIT", "ABORT", "recovered in WAIT");
        decide(t, Verdict.ABORT, ctx);
      }
    }
  }

  /** The termination protocol, run by the recovering coordinator: collect every participant's state. */
  private void terminate(Txn t, Context<TpMessage> ctx) {
    t.collected = new TreeMap<>();
    for (NodeId p : participants) {
      ctx.send(p, 0, new TpMessage.StateRequest(t.id()));
    }
    ctx.setTimer(ctx.now() + spec.timeouts().votes(), Timers.token(t.id(), Timers.SEVENTH));
  }

  private void conclude(Txn t, Context<TpMessage> ctx) {
    Map<NodeId, TpMessage.Phase> states = t.collected;
    t.collected = null;
    ctx.cancelTimer(Timers.token(t.id(), Timers.SEVENTH));
    if (states.containsValue(TpMessage.Phase.COMMIT)) {
      decide(t, Verdict.COMMIT, ctx);
    } else if (states.containsValue(TpMessage.Phase.ABORT)) {
      decide(t, Verdict.ABORT, ctx);
    } else if (!states.keySet().containsAll(participants)) {
      // A participant that did not answer may have decided as backup coordinator while this one was
      // down (every state it heard uncertain: ABORT), and crashed before it could say so: deciding
      // COMMIT without it could contradict it. Ask again until everyone answered or one knows.
      ctx.count("termination.retries", 1);
      terminate(t, ctx);
    } else {
      precommit(t, readyOnes(states), ctx); // it is in PRE itself, and every participant is uncertain
    }
  }

  static Set<NodeId> readyOnes(Map<NodeId, TpMessage.Phase> states) {
    Set<NodeId> ready = new TreeSet<>();
    states.forEach((p, s) -> {
      if (s == TpMessage.Phase.READY) {
        ready.add(p);
      }
    });
    return ready;
  }

  @Override
  public void timer(long token, Context<TpMessage> ctx) {
    Txn t = txns.get(Timers.txn(token));
    if (t == null) {
      return;
    }
    switch (Timers.kind(token)) {
      case Timers.VOTES:
        if (t.decision == null && !t.pre) {
          ctx.count("timeouts.votes", 1);
          state(ctx, t, "WAIT", "ABORT", "vote timeout");
          decide(t, Verdict.ABORT, ctx);
        }
        break;
      case Timers.SIXTH:
        if (t.decision == null && t.pre && t.collected == null) {
          ctx.count("timeouts.precommit", 1);
          state(ctx, t, "PRE", "COMMIT", "pre-commit timeout: " + t.preAcksMissing
              + " taken for failed");
          decide(t, Verdict.COMMIT, ctx);
        }
        break;
      case Timers.SEVENTH:
        if (t.collected != null && t.decision == null) {
          conclude(t, ctx);
        }
        break;
      case Timers.RETRY:
        resend(t, ctx);
        break;
      default:
        break;
    }
  }

  @Override
  public void receive(NodeId from, int round, TpMessage m, Context<TpMessage> ctx) {
    if (!participants.contains(from)) {
      ctx.count("messages.ignored", 1);
      return;
    }
    Txn t = txns.get(m.txn());
    if (t == null) {
      if (m instanceof TpMessage.StateRequest) {
        ctx.send(from, 0, new TpMessage.State(m.txn(), TpMessage.Phase.ABORT)); // never begun: presumed abort
      } else if (m instanceof TpMessage.Ack) {
        ctx.send(from, 0, new TpMessage.Ended(m.txn()));
      } else {
        ctx.count("messages.ignored", 1);
      }
      return;
    }
    if (m instanceof TpMessage.Cast c) {
      vote(t, from, c.vote(), ctx);
    } else if (m instanceof TpMessage.PreAck) {
      if (t.decision == null && t.pre && t.preAcksMissing.remove(from) && t.preAcksMissing.isEmpty()) {
        state(ctx, t, "PRE", "COMMIT", "every participant pre-committed");
        decide(t, Verdict.COMMIT, ctx);
      }
    } else if (m instanceof TpMessage.Ack) {
      acknowledged(t, from, ctx);
    } else if (m instanceof TpMessage.StateRequest) {
      if (t.decision != null) {
        ctx.send(from, 0, new TpMessage.State(t.id(), t.decision == Verdict.COMMIT ? TpMessage.Phase.COMMIT
            : TpMessage.Phase.ABORT));
      } else if (t.pre) {
        ctx.send(from, 0, new TpMessage.State(t.id(), TpMessage.Phase.PRECOMMIT));
      }
    } else if (m instanceof TpMessage.State s) {
      if (t.collected != null && t.decision == null) {
        t.collected.put(from, s.phase());
        if (t.collected.keySet().containsAll(participants) || s.phase() == TpMessage.Phase.COMMIT
            || s.phase() == TpMessage.Phase.ABORT) {
          conclude(t, ctx);
        }
      }
    } else if (m instanceof TpMessage.Decision d) {
      if (t.decision == null) {
        state(ctx, t, t.pre ? "PRE" : "WAIT", d.verdict().name(),
            "backup coordinator " + from + " decided");
        decide(t, d.verdict(), ctx);
      } else if (t.decision != d.verdict()) {
        ctx.count("decisions.contradicted", 1);
        ctx.note("contradiction", Map.of("txn", Long.toString(t.id()), "logged", t.decision.name(), "told",
            d.verdict().name(), "by", "participant " + from));
      }
    } else {
      ctx.count("messages.ignored", 1);
    }
  }

  private void vote(Txn t, NodeId from, Vote vote, Context<TpMessage> ctx) {
    if (t.decision != null || t.pre) {
      if (vote == Vote.ABORT && (t.pre || t.decision == Verdict.COMMIT)) {
        ctx.count("votes.contradicted", 1);
      }
      return; // a late or repeated vote
    }
    Vote before = t.votes.putIfAbsent(from, vote);
    if (before != null && before != vote) {
      ctx.count("votes.contradicted", 1);
      return;
    }
    if (vote == Vote.ABORT) {
      state(ctx, t, "WAIT", "ABORT", "participant " + from + " voted ABORT");
      decide(t, Verdict.ABORT, ctx);
    } else if (t.votes.size() == participants.size()) {
      Set<NodeId> committing = new TreeSet<>();
      t.votes.forEach((p, v) -> {
        if (v == Vote.COMMIT) {
          committing.add(p);
        }
      });
      if (committing.isEmpty()) {
        decide(t, Verdict.COMMIT, ctx); // every participant read only: nothing to pre-commit
      } else {
        ctx.persist(TpRecord.encode(new TpRecord.PreCommit(t.id())));
        state(ctx, t, "WAIT", "PRE", "every participant voted to commit");
        precommit(t, committing, ctx);
      }
    }
  }

  /** Sends PRE-COMMIT to {@code to} and waits for their acknowledgements (or the timeout) to commit. */
  private void precommit(Txn t, Set<NodeId> to, Context<TpMessage> ctx) {
    t.pre = true;
    ctx.cancelTimer(Timers.token(t.id(), Timers.VOTES));
    if (to.isEmpty()) {
      decide(t, Verdict.COMMIT, ctx);
      return;
    }
    t.preAcksMissing.clear();
    t.preAcksMissing.addAll(to);
    for (NodeId p : to) {
      ctx.send(p, 0, new TpMessage.PreCommit(t.id()));
    }
    ctx.setTimer(ctx.now() + spec.timeouts().votes(), Timers.token(t.id(), Timers.SIXTH));
  }
}
