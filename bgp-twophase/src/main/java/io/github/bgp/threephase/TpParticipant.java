package io.github.bgp.threephase;

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
import java.util.Set;
import java.util.TreeMap;

/**
 * A participant of three-phase commit, and the backup coordinator of its termination protocol.
 * It reaches its resource only through the {@link ResourceSide} (prepare with its timeout, retries,
 * heuristics, in-doubt recovery), exactly as a 2PC participant does.
 *
 * <p>Asked to vote it prepares its resource and logs its vote (READY for COMMIT) before sending it.
 * A PRE-COMMIT it logs (PRECOMMITTED) before acknowledging; a decision it logs, carries out at the
 * resource and acknowledges to the coordinator until END.
 *
 * <p><b>Termination.</b> Uncertain (READY or PRECOMMIT) with no decision for
 * {@code votes + retry × k} (k = 1 for participant 1, 2 for participant 2, ...), it takes the
 * coordinator for failed and, as backup coordinator, asks every other participant (and the
 * coordinator) for its state; a participant asked who had not voted aborts and says so. After the
 * collection window ({@code votes}), or once everyone answered, it applies Skeen's rule to the
 * states it heard (its own included): any COMMIT, commit; any ABORT, abort; any PRECOMMIT, send
 * PRE-COMMIT to the READY ones, then (acknowledged or timed out) commit; all READY, abort. It logs
 * the decision (DECIDED) and announces it. Being asked for its state by another backup, or by the
 * coordinator, puts its own termination off; a lower-numbered backup or the coordinator makes it
 * give its own up.
 *
 * <p>This is non-blocking when nodes only crash and a timeout means a crash. A partition breaks
 * that assumption: the coordinator's side commits, taking the cut-off participants for failed,
 * while on the other side the cut-off participants, all READY, abort.
 *
 * <p>What every commit protocol's participant does alike (the resource side, logging the vote,
 * learning a decision and refusing a contradiction, ENDED, recovery's reading of the log) is
 * written once, in {@link CommitParticipant}; this class is 3PC's pre-commit and termination.
 */
final class TpParticipant extends CommitParticipant<TpMessage> {

  /** Termination this participant runs as backup: the states heard so far, by transaction. */
  private final Map<Long, Map<NodeId, TpMessage.Phase>> collecting = new TreeMap<>();
  /** Termination this participant runs as backup: the PRE-COMMITs not yet acknowledged, by transaction. */
  private final Map<Long, Set<NodeId>> precommitting = new TreeMap<>();

  TpParticipant(CommitSpec spec, NodeId self, String cluster, InstanceId instance) {
    super(spec, self, cluster, instance, "a coordinator's");
  }

  @Override
  protected CommitRecord decode(byte[] record) {
    return TpRecord.decode(record);
  }

  @Override
  protected String describe(CommitRecord r) {
    return TpRecord.describe(r);
  }

  @Override
  protected TpMessage ack(long id) {
    return new TpMessage.Ack(id);
  }

  /** How long an uncertain participant waits before it terminates on its own: later for higher ids. */
  private long patience() {
    return spec.timeouts().votes() + spec.timeouts().retry() * self.index();
  }

  private void waitForDecision(long id, Context<TpMessage> ctx) {
    ctx.setTimer(ctx.now() + patience(), Timers.token(id, Timers.RETRY));
  }

  /** PRECOMMITTED after READY pre-commits it; a backup's DECIDED is followed by its OUTCOME. */
  @Override
  protected boolean recovered(CommitRecord r, State was) {
    if (r instanceof TpRecord.PreCommitted) {
      if (was == State.READY) {
        states.put(r.txn(), State.PRECOMMIT);
      }
      return true;
    }
    return r instanceof TpRecord.Decided;
  }

  /** Recovered uncertain: asks everyone, and waits its turn to terminate. */
  @Override
  protected void uncertain(long id, Context<TpMessage> ctx) {
    ask(id, ctx); // anyone who knows the outcome says it; the termination protocol waits its turn
    waitForDecision(id, ctx);
  }

  /** Asks everyone for its state: a peer or the coordinator that knows the outcome answers with it. */
  private void ask(long id, Context<TpMessage> ctx) {
    ctx.send(spec.coordinator(), 0, new TpMessage.StateRequest(id));
    for (NodeId p : peers) {
      ctx.send(p, 0, new TpMessage.StateRequest(id));
    }
  }

  @Override
  protected void vote(Transaction t, Vote vote, String why, Context<TpMessage> ctx) {
    long id = t.id();
    logVote(t, vote, ctx);
    if (vote == Vote.COMMIT) {
      waitForDecision(id, ctx);
    } else if (vote == Vote.ABORT) {
      ctx.outcome(id, Verdict.ABORT);
      resource.abort(id, ctx);
    }
    state(ctx, id, "INIT", states.get(id).name(), why);
    ctx.send(spec.coordinator(), 0, new TpMessage.Cast(id, vote));
  }

  @Override
  protected void repeatVote(long id, Vote vote, Context<TpMessage> ctx) {
    ctx.send(spec.coordinator(), 0, new TpMessage.Cast(id, vote));
  }

  @Override
  protected void timer(long id, int kind, State s, Context<TpMessage> ctx) {
    switch (kind) {
      case Timers.RETRY:
        if ((s == State.READY || s == State.PRECOMMIT) && !collecting.containsKey(id)
            && !precommitting.containsKey(id)) {
          terminate(id, ctx);
        }
        break;
      case Timers.SEVENTH:
        if (collecting.containsKey(id)) {
          conclude(id, ctx);
        }
        break;
      case Timers.SIXTH:
        if (precommitting.remove(id) != null) {
          decideAsBackup(id, Verdict.COMMIT, "pre-commit timeout", ctx);
        }
        break;
      case Timers.ACK:
        if ((s == State.COMMIT || s == State.ABORT) && !ended.contains(id)) {
          acknowledge(id, spec.coordinator(), ctx);
        }
        break;
      default:
        break;
    }
  }

  /** The coordinator is taken for failed: collect every other participant's state, as backup coordinator. */
  private void terminate(long id, Context<TpMessage> ctx) {
    ctx.count("termination.runs", 1);
    state(ctx, id, states.get(id).name(), "TERMINATING", "no decision: the coordinator is taken for failed");
    collecting.put(id, new TreeMap<>());
    ask(id, ctx);
    ctx.setTimer(ctx.now() + spec.timeouts().votes(), Timers.token(id, Timers.SEVENTH));
  }

  /** Skeen's rule, on the states heard and its own. */
  private void conclude(long id, Context<TpMessage> ctx) {
    Map<NodeId, TpMessage.Phase> heard = collecting.remove(id);
    ctx.cancelTimer(Timers.token(id, Timers.SEVENTH));
    State own = states.get(id);
    if (own != State.READY && own != State.PRECOMMIT) {
      return; // it learnt the outcome meanwhile
    }
    if (heard.containsValue(TpMessage.Phase.COMMIT)) {
      decideAsBackup(id, Verdict.COMMIT, "a participant had committed", ctx);
    } else if (heard.containsValue(TpMessage.Phase.ABORT)) {
      decideAsBackup(id, Verdict.ABORT, "a participant had aborted", ctx);
    } else if (own == State.PRECOMMIT || heard.containsValue(TpMessage.Phase.PRECOMMIT)) {
      if (own == State.READY) {
        precommitted(id, ctx);
      }
      Set<NodeId> ready = TpCoordinator.readyOnes(heard);
      ready.remove(spec.coordinator());
      if (ready.isEmpty()) {
        decideAsBackup(id, Verdict.COMMIT, "every participant it heard had pre-committed", ctx);
      } else {
        precommitting.put(id, ready);
        for (NodeId p : ready) {
          ctx.send(p, 0, new TpMessage.PreCommit(id));
        }
        ctx.setTimer(ctx.now() + spec.timeouts().votes(), Timers.token(id, Timers.SIXTH));
      }
    } else {
      decideAsBackup(id, Verdict.ABORT, "every participant it heard was uncertain (READY)", ctx);
    }
  }

  private void decideAsBackup(long id, Verdict v, String why, Context<TpMessage> ctx) {
    collecting.remove(id);
    precommitting.remove(id);
    ctx.count("termination.decisions", 1);
    ctx.persist(TpRecord.encode(new TpRecord.Decided(id, v)));
    for (NodeId p : peers) {
      ctx.send(p, 0, new TpMessage.Decision(id, v));
    }
    ctx.send(spec.coordinator(), 0, new TpMessage.Decision(id, v));
    learn(id, v, self, "decided as backup coordinator: " + why, ctx);
  }

  private void precommitted(long id, Context<TpMessage> ctx) {
    ctx.persist(TpRecord.encode(new TpRecord.PreCommitted(id)));
    state(ctx, id, "READY", "PRECOMMIT", "pre-commit");
    states.put(id, State.PRECOMMIT);
  }

  @Override
  public void receive(NodeId from, int round, TpMessage m, Context<TpMessage> ctx) {
    boolean fromCoordinator = from.equals(spec.coordinator());
    long id = m.txn();
    State s = states.get(id);
    if (m instanceof TpMessage.VoteRequest r && fromCoordinator) {
      voteRequested(r.transaction(), ctx);
    } else if (m instanceof TpMessage.PreCommit) {
      if (s == State.READY) {
        precommitted(id, ctx);
        waitForDecision(id, ctx);
      }
      if (s == State.READY || s == State.PRECOMMIT) {
        ctx.send(from, 0, new TpMessage.PreAck(id));
      }
    } else if (m instanceof TpMessage.PreAck) {
      Set<NodeId> waiting = precommitting.get(id);
      if (waiting != null && waiting.remove(from) && waiting.isEmpty()) {
        precommitting.remove(id);
        ctx.cancelTimer(Timers.token(id, Timers.SIXTH));
        decideAsBackup(id, Verdict.COMMIT, "every uncertain participant pre-committed", ctx);
      }
    } else if (m instanceof TpMessage.Decision d) {
      learn(id, d.verdict(), from, "told by " + (fromCoordinator ? "the coordinator" : "participant " + from), ctx);
    } else if (m instanceof TpMessage.StateRequest) {
      answerState(id, s, from, ctx);
    } else if (m instanceof TpMessage.State st) {
      if (st.phase() == TpMessage.Phase.COMMIT || st.phase() == TpMessage.Phase.ABORT) {
        learn(id, st.phase() == TpMessage.Phase.COMMIT ? Verdict.COMMIT : Verdict.ABORT, from,
            (fromCoordinator ? "the coordinator" : "participant " + from) + " knew it", ctx);
      } else if (collecting.containsKey(id)) {
        collecting.get(id).put(from, st.phase());
        if (collecting.get(id).keySet().containsAll(peers)) {
          conclude(id, ctx);
        }
      }
    } else if (m instanceof TpMessage.Ended && fromCoordinator) {
      endedTold(id, ctx);
    } else {
      ctx.count("messages.ignored", 1);
    }
  }

  private void answerState(long id, State s, NodeId from, Context<TpMessage> ctx) {
    if (s == null || s == State.PREPARING) {
      // It has not voted: nobody can commit without its vote, so it aborts and says so.
      abortUnvoted(id, "asked for its state before it had voted", ctx);
      s = State.ABORT;
    }
    if (s == State.CONTRADICTED) {
      return;
    }
    ctx.send(from, 0, new TpMessage.State(id, phaseOf(s)));
    if (s == State.READY || s == State.PRECOMMIT) {
      boolean outranked = from.equals(spec.coordinator()) || from.index() < self.index();
      if (collecting.containsKey(id) && outranked) {
        collecting.remove(id); // a backup that outranks it is at work: leave the termination to it
        ctx.cancelTimer(Timers.token(id, Timers.SEVENTH));
      }
      if (!collecting.containsKey(id) && !precommitting.containsKey(id)) {
        waitForDecision(id, ctx); // someone is terminating: give it time
      }
    }
  }

  private void learn(long id, Verdict v, NodeId from, String why, Context<TpMessage> ctx) {
    learn(id, v, from, why, "why", why, ctx);
  }

  /** A decision learnt: termination, as backup, is over. */
  @Override
  protected void stopWaiting(long id) {
    collecting.remove(id);
    precommitting.remove(id);
  }

  /** Every decision is acknowledged to the coordinator, whoever told it, until END. */
  @Override
  protected void acknowledgeDecision(long id, NodeId from, Context<TpMessage> ctx) {
    if (!ended.contains(id)) {
      acknowledge(id, spec.coordinator(), ctx);
    }
  }

  private static TpMessage.Phase phaseOf(State s) {
    switch (s) {
      case READY:
        return TpMessage.Phase.READY;
      case PRECOMMIT:
        return TpMessage.Phase.PRECOMMIT;
      case COMMIT:
        return TpMessage.Phase.COMMIT;
      case READ_ONLY:
        return TpMessage.Phase.READ_ONLY;
      default:
        return TpMessage.Phase.ABORT;
    }
  }
}
