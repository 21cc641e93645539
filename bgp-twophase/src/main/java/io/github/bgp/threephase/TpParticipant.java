package io.github.bgp.threephase;

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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

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
 */
final class TpParticipant implements Node<TpMessage> {

  private enum State { PREPARING, READY, PRECOMMIT, COMMIT, ABORT, READ_ONLY, CONTRADICTED }

  private final CommitSpec spec;
  private final NodeId self;
  private final ResourceSide resource;
  private final List<NodeId> peers = new ArrayList<>();
  private final Map<Long, State> states = new TreeMap<>();
  private final Set<Long> ended = new TreeSet<>();
  /** Termination this participant runs as backup: the states heard so far, by transaction. */
  private final Map<Long, Map<NodeId, TpMessage.Phase>> collecting = new TreeMap<>();
  /** Termination this participant runs as backup: the PRE-COMMITs not yet acknowledged, by transaction. */
  private final Map<Long, Set<NodeId>> precommitting = new TreeMap<>();

  TpParticipant(CommitSpec spec, NodeId self, String cluster, InstanceId instance) {
    this.spec = spec;
    this.self = self;
    this.resource = new ResourceSide(spec, cluster, instance);
    for (NodeId p : spec.participantIds()) {
      if (!p.equals(self)) {
        peers.add(p);
      }
    }
  }

  @Override
  public void start(Context<TpMessage> ctx) {
    // A participant waits for vote requests; an empty log does not mean an empty resource (see ResourceSide#start).
    resource.start(ctx);
  }

  /** How long an uncertain participant waits before it terminates on its own: later for higher ids. */
  private long patience() {
    return spec.timeouts().votes() + spec.timeouts().retry() * self.index();
  }

  private void waitForDecision(long id, Context<TpMessage> ctx) {
    ctx.setTimer(ctx.now() + patience(), Timers.token(id, Timers.RETRY));
  }

  @Override
  public void recover(List<byte[]> log, Context<TpMessage> ctx) {
    for (byte[] bytes : log) {
      CommitRecord r = TpRecord.decode(bytes);
      long id = r.txn();
      State was = states.get(id);
      if (r instanceof TpRecord.Ready ready) {
        resource.remember(ready.transaction());
        states.putIfAbsent(id, State.READY);
      } else if (r instanceof TpRecord.Voted v) {
        states.putIfAbsent(id, v.vote() == Vote.ABORT ? State.ABORT : State.READ_ONLY);
      } else if (r instanceof TpRecord.PreCommitted) {
        if (was == State.READY) {
          states.put(id, State.PRECOMMIT);
        }
      } else if (r instanceof TpRecord.Outcome o) {
        State logged = o.outcome() == Verdict.COMMIT ? State.COMMIT : State.ABORT;
        if (was == null || was == State.READY || was == State.PRECOMMIT) {
          states.put(id, logged);
        } else if (was != logged) {
          throw new IllegalStateException("participant " + self + "'s log holds both " + was + " and " + logged
              + " for txn " + id + ": it is damaged");
        }
      } else if (r instanceof TpRecord.Ended) {
        ended.add(id);
      } else if (!(r instanceof TpRecord.Decided)) { // a backup's decision is followed by its OUTCOME
        throw new IllegalStateException("participant " + self + "'s log holds a coordinator's record "
            + TpRecord.describe(r) + " for txn " + id + ": it is not this participant's log");
      }
    }
    ctx.count("recoveries", 1);
    states.forEach((id, s) -> {
      if (s == State.COMMIT || s == State.ABORT) {
        ctx.outcome(id, s == State.COMMIT ? Verdict.COMMIT : Verdict.ABORT);
        carryOut(id, s == State.COMMIT ? Verdict.COMMIT : Verdict.ABORT, ctx);
        if (!ended.contains(id)) {
          acknowledge(id, ctx);
        }
      } else if (s == State.READY || s == State.PRECOMMIT) {
        ask(id, ctx); // anyone who knows the outcome says it; the termination protocol waits its turn
        waitForDecision(id, ctx);
      }
    });
    resource.recover(ctx);
  }

  /** Asks everyone for its state: a peer or the coordinator that knows the outcome answers with it. */
  private void ask(long id, Context<TpMessage> ctx) {
    ctx.send(spec.coordinator(), 0, new TpMessage.StateRequest(id));
    for (NodeId p : peers) {
      ctx.send(p, 0, new TpMessage.StateRequest(id));
    }
  }

  @Override
  public void input(Input input, Context<TpMessage> ctx) {
    if (!(input instanceof Input.Answer a)) {
      throw new IllegalArgumentException("a participant takes its resource's answers, not " + input);
    }
    resource.answer(a, ctx, states::containsKey).ifPresent(p -> vote(p.transaction(), p.vote(), p.why(), ctx));
  }

  private void vote(Transaction t, Vote vote, String why, Context<TpMessage> ctx) {
    long id = t.id();
    if (vote == Vote.COMMIT) {
      ctx.persist(TpRecord.encode(new TpRecord.Ready(t)));
      states.put(id, State.READY);
      waitForDecision(id, ctx);
    } else {
      ctx.persist(TpRecord.encode(new TpRecord.Voted(id, vote)));
      states.put(id, vote == Vote.ABORT ? State.ABORT : State.READ_ONLY);
      if (vote == Vote.ABORT) {
        ctx.outcome(id, Verdict.ABORT);
        resource.abort(id, ctx);
      }
    }
    ThreePhaseCommit.state(ctx, "participant " + self, id, "INIT", states.get(id).name(), why);
    ctx.send(spec.coordinator(), 0, new TpMessage.Cast(id, vote));
  }

  @Override
  public void timer(long token, Context<TpMessage> ctx) {
    if (ResourceSide.owns(token)) {
      resource.timer(token, ctx).ifPresent(p -> vote(p.transaction(), p.vote(), p.why(), ctx));
      return;
    }
    long id = Timers.txn(token);
    State s = states.get(id);
    switch (Timers.kind(token)) {
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
          acknowledge(id, ctx);
        }
        break;
      default:
        break;
    }
  }

  /** The coordinator is taken for failed: collect every other participant's state, as backup coordinator. */
  private void terminate(long id, Context<TpMessage> ctx) {
    ctx.count("termination.runs", 1);
    ThreePhaseCommit.state(ctx, "participant " + self, id, states.get(id).name(), "TERMINATING",
        "no decision: the coordinator is taken for failed");
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
    learn(id, v, "decided as backup coordinator: " + why, ctx);
  }

  private void precommitted(long id, Context<TpMessage> ctx) {
    ctx.persist(TpRecord.encode(new TpRecord.PreCommitted(id)));
    ThreePhaseCommit.state(ctx, "participant " + self, id, "READY", "PRECOMMIT", "pre-commit");
    states.put(id, State.PRECOMMIT);
  }

  @Override
  public void receive(NodeId from, int round, TpMessage m, Context<TpMessage> ctx) {
    boolean fromCoordinator = from.equals(spec.coordinator());
    long id = m.txn();
    State s = states.get(id);
    if (m instanceof TpMessage.VoteRequest r && fromCoordinator) {
      ResourceSide.check(r.transaction());
      if (s == null) {
        states.put(id, State.PREPARING);
        resource.prepare(r.transaction(), ctx);
      } else if (s != State.PREPARING && s != State.CONTRADICTED) {
        ctx.send(spec.coordinator(), 0, new TpMessage.Cast(id, voteOf(s))); // the request repeated
      }
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
      learn(id, d.verdict(), "told by " + (fromCoordinator ? "the coordinator" : "participant " + from), ctx);
    } else if (m instanceof TpMessage.StateRequest) {
      answerState(id, s, from, ctx);
    } else if (m instanceof TpMessage.State st) {
      if (st.phase() == TpMessage.Phase.COMMIT || st.phase() == TpMessage.Phase.ABORT) {
        learn(id, st.phase() == TpMessage.Phase.COMMIT ? Verdict.COMMIT : Verdict.ABORT,
            (fromCoordinator ? "the coordinator" : "participant " + from) + " knew it", ctx);
      } else if (collecting.containsKey(id)) {
        collecting.get(id).put(from, st.phase());
        if (collecting.get(id).keySet().containsAll(peers)) {
          conclude(id, ctx);
        }
      }
    } else if (m instanceof TpMessage.Ended && fromCoordinator) {
      if (s != null && !ended.contains(id)) {
        ended.add(id);
        ctx.cancelTimer(Timers.token(id, Timers.ACK));
        ctx.persist(TpRecord.encode(new TpRecord.Ended(id)));
      }
    } else {
      ctx.count("messages.ignored", 1);
    }
  }

  private void answerState(long id, State s, NodeId from, Context<TpMessage> ctx) {
    if (s == null || s == State.PREPARING) {
      // It has not voted: nobody can commit without its vote, so it aborts and says so.
      resource.stopPreparing(id, ctx);
      ctx.persist(TpRecord.encode(new TpRecord.Outcome(id, Verdict.ABORT)));
      states.put(id, State.ABORT);
      ThreePhaseCommit.state(ctx, "participant " + self, id, s == null ? "INIT" : "PREPARING", "ABORT",
          "asked for its state before it had voted");
      ctx.outcome(id, Verdict.ABORT);
      resource.abort(id, ctx);
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

  private void learn(long id, Verdict v, String why, Context<TpMessage> ctx) {
    State s = states.get(id);
    State learnt = v == Verdict.COMMIT ? State.COMMIT : State.ABORT;
    boolean uncertain = s == State.READY || s == State.PRECOMMIT;
    if (uncertain || (v == Verdict.ABORT && (s == null || s == State.PREPARING))) {
      ctx.cancelTimer(Timers.token(id, Timers.RETRY));
      collecting.remove(id);
      precommitting.remove(id);
      resource.stopPreparing(id, ctx);
      ctx.persist(TpRecord.encode(new TpRecord.Outcome(id, v)));
      states.put(id, learnt);
      ThreePhaseCommit.state(ctx, "participant " + self, id, s == null ? "INIT" : s.name(), learnt.name(), why);
      ctx.outcome(id, v);
      carryOut(id, v, ctx);
      acknowledge(id, ctx);
    } else if (s == learnt || s == State.READ_ONLY) {
      acknowledge(id, ctx); // the decision repeated
    } else {
      ctx.count("decisions.contradicted", 1);
      if (ctx.tracing() || s != State.CONTRADICTED) {
        ctx.note("contradiction", Map.of("txn", Long.toString(id), "logged", s == null ? "nothing" : s.name(),
            "told", v.name(), "why", why));
      }
      if (s != State.COMMIT && s != State.ABORT) {
        states.put(id, State.CONTRADICTED);
        ctx.cancelTimer(Timers.token(id, Timers.RETRY));
        resource.stopPreparing(id, ctx);
      }
    }
  }

  private void carryOut(long id, Verdict v, Context<TpMessage> ctx) {
    if (v == Verdict.COMMIT) {
      resource.commit(id, ctx);
    } else {
      resource.abort(id, ctx);
    }
  }

  private void acknowledge(long id, Context<TpMessage> ctx) {
    if (ended.contains(id)) {
      return;
    }
    ctx.send(spec.coordinator(), 0, new TpMessage.Ack(id));
    ctx.setTimer(ctx.now() + spec.timeouts().retry(), Timers.token(id, Timers.ACK));
  }

  private static Vote voteOf(State s) {
    switch (s) {
      case READY:
      case PRECOMMIT:
      case COMMIT:
        return Vote.COMMIT;
      case READ_ONLY:
        return Vote.READ_ONLY;
      default:
        return Vote.ABORT;
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
