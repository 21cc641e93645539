package io.github.bgp.twophase.internal;

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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What the participants of two-phase commit, three-phase commit and Paxos Commit do alike. Each
 * reaches its resource through a {@link ResourceSide} (which it starts, hands every answer and
 * resource timer, and asks to recover); logs its vote before it leaves ({@link #logVote}: READY
 * for COMMIT, VOTED otherwise); answers a vote request by preparing, or repeats the vote it cast
 * ({@link #voteRequested}); learns a decision by logging OUTCOME, carrying it out at the resource
 * and acknowledging it, and never acknowledges one its log contradicts ({@link #learn}); aborts on
 * its own when asked before it voted ({@link #abortUnvoted}); logs ENDED when told
 * ({@link #endedTold}); and recovers from the four participant's records (READY, VOTED, OUTCOME,
 * ENDED) by carrying a logged outcome out again and acknowledging it until END.
 *
 * <p>How a vote leaves (to the coordinator, or to the acceptors), whom a decision is acknowledged
 * to, what an uncertain participant does (ask, terminate) and its own messages, records and timers
 * stay in each protocol's participant ({@code twophase.Participant}, {@code threephase.TpParticipant},
 * {@code paxoscommit.PcParticipant}), which reads on its own. Not API: the package is not exported.
 *
 * @param <M> the protocol's messages
 * @since 0.1.0
 */
public abstract class CommitParticipant<M> implements Node<M> {

  /**
   * Where a participant is with one transaction. PRECOMMIT is three-phase commit's only.
   *
   * @since 0.1.0
   */
  public enum State {
    /** Its resource is preparing: it has not voted yet. */
    PREPARING,
    /** It voted COMMIT and does not know the outcome. */
    READY,
    /** It voted COMMIT and took a PRE-COMMIT (3PC). */
    PRECOMMIT,
    /** It committed. */
    COMMIT,
    /** It aborted (its vote, a decision, or on its own before voting). */
    ABORT,
    /** It voted READ_ONLY and takes no part in phase two. */
    READ_ONLY,
    /** It was told a decision its log contradicts, and stopped the transaction. */
    CONTRADICTED
  }

  /** The instance's commit spec. */
  protected final CommitSpec spec;
  /** This participant. */
  protected final NodeId self;
  /** Its resource, reached only through calls. */
  protected final ResourceSide resource;
  /** Every other participant, in order. */
  protected final List<NodeId> peers = new ArrayList<>();
  /** Where it is with each transaction it knows, by id. */
  protected final Map<Long, State> states = new TreeMap<>();
  /** The transactions it was told ended (and logged ENDED for). */
  protected final Set<Long> ended = new TreeSet<>();
  private final String others;

  /**
   * A participant of an instance of {@code spec}.
   *
   * @param spec the instance's commit spec
   * @param self this participant
   * @param cluster the cluster's name, which transactions' global ids carry
   * @param instance the commit instance
   * @param others who logs the records a participant never does, for recovery's error
   *     ({@code "a coordinator's"})
   */
  protected CommitParticipant(CommitSpec spec, NodeId self, String cluster, InstanceId instance, String others) {
    this.spec = spec;
    this.self = self;
    this.resource = new ResourceSide(spec, cluster, instance);
    this.others = others;
    for (NodeId p : spec.participantIds()) {
      if (!p.equals(self)) {
        peers.add(p);
      }
    }
  }

  /**
   * Reads one record of this participant's log.
   *
   * @param record the record's bytes
   * @return the record
   */
  protected abstract CommitRecord decode(byte[] record);

  /**
   * Names a record, as the protocol's log inspection does.
   *
   * @param r the record
   * @return its name
   */
  protected abstract String describe(CommitRecord r);

  /**
   * Casts the vote the resource's prepare came to, as the protocol does: logs it
   * ({@link #logVote}) and sends it.
   *
   * @param t the transaction
   * @param vote the vote
   * @param why why, for the trace
   * @param ctx the node's context
   */
  protected abstract void vote(Transaction t, Vote vote, String why, Context<M> ctx);

  /**
   * Handles a timer of the protocol's own (not the resource side's).
   *
   * @param id the transaction
   * @param kind the timer's kind ({@link Timers#kind})
   * @param s the participant's state of the transaction, or null
   * @param ctx the node's context
   */
  protected abstract void timer(long id, int kind, State s, Context<M> ctx);

  /**
   * Asked to vote again on a transaction it voted on: repeats the vote, as the protocol does.
   *
   * @param id the transaction
   * @param vote the vote it cast ({@link #voteOf})
   * @param ctx the node's context
   */
  protected abstract void repeatVote(long id, Vote vote, Context<M> ctx);

  /**
   * Acknowledges a decision learnt or told again, to whom the protocol says.
   *
   * @param id the transaction
   * @param from who told it
   * @param ctx the node's context
   */
  protected abstract void acknowledgeDecision(long id, NodeId from, Context<M> ctx);

  /**
   * Recovery: an uncertain transaction (READY, or 3PC's PRECOMMIT): finds out what happened, as the
   * protocol does.
   *
   * @param id the transaction
   * @param ctx the node's context
   */
  protected abstract void uncertain(long id, Context<M> ctx);

  /**
   * The protocol's acknowledgement message.
   *
   * @param id the transaction
   * @return the message
   */
  protected abstract M ack(long id);

  /**
   * Recovery: a record of the protocol's own in this participant's log. None by default.
   *
   * @param r the record
   * @param was the state the records before it left the transaction in, or null
   * @return whether it is a participant's record the protocol took
   */
  protected boolean recovered(CommitRecord r, State was) {
    return false;
  }

  /**
   * A decision was learnt: the protocol stops what else it waited for. Nothing by default.
   *
   * @param id the transaction
   */
  protected void stopWaiting(long id) {}

  @Override
  public void start(Context<M> ctx) {
    // A participant waits for vote requests; an empty log does not mean an empty resource (see ResourceSide#start).
    resource.start(ctx);
  }

  @Override
  public void recover(List<byte[]> log, Context<M> ctx) {
    for (byte[] bytes : log) {
      CommitRecord r = decode(bytes);
      long id = r.txn();
      State was = states.get(id);
      if (r instanceof CommitRecord.Ready ready) {
        resource.remember(ready.transaction());
        states.putIfAbsent(id, State.READY);
      } else if (r instanceof CommitRecord.Voted v) {
        states.putIfAbsent(id, v.vote() == Vote.ABORT ? State.ABORT : State.READ_ONLY);
      } else if (r instanceof CommitRecord.Outcome o) {
        State logged = o.outcome() == Verdict.COMMIT ? State.COMMIT : State.ABORT;
        if (was == null || was == State.READY || was == State.PRECOMMIT) {
          states.put(id, logged);
        } else if (was != logged) {
          throw new IllegalStateException("participant " + self + "'s log holds both " + was + " and " + logged
              + " for txn " + id + ": it is damaged");
        }
      } else if (r instanceof CommitRecord.Ended) {
        ended.add(id);
      } else if (!recovered(r, was)) {
        throw new IllegalStateException("participant " + self + "'s log holds " + others + " record " + describe(r)
            + " for txn " + id + ": it is not this participant's log");
      }
    }
    ctx.count("recoveries", 1);
    states.forEach((id, s) -> {
      if (s == State.COMMIT || s == State.ABORT) {
        Verdict v = s == State.COMMIT ? Verdict.COMMIT : Verdict.ABORT;
        ctx.outcome(id, v);
        carryOut(id, v, ctx);
        if (!ended.contains(id)) {
          acknowledge(id, spec.coordinator(), ctx);
        }
      } else if (s == State.READY || s == State.PRECOMMIT) {
        uncertain(id, ctx);
      }
    });
    resource.recover(ctx);
  }

  @Override
  public void input(Input input, Context<M> ctx) {
    if (!(input instanceof Input.Answer a)) {
      throw new IllegalArgumentException("a participant takes its resource's answers, not " + input);
    }
    resource.answer(a, ctx, states::containsKey).ifPresent(p -> vote(p.transaction(), p.vote(), p.why(), ctx));
  }

  @Override
  public void timer(long token, Context<M> ctx) {
    if (ResourceSide.owns(token)) {
      resource.timer(token, ctx).ifPresent(p -> vote(p.transaction(), p.vote(), p.why(), ctx));
      return;
    }
    long id = Timers.txn(token);
    timer(id, Timers.kind(token), states.get(id), ctx);
  }

  /**
   * Logs a vote before it leaves: READY (with the transaction) for COMMIT, VOTED for ABORT or
   * READ_ONLY; the participant is then READY, ABORT or READ_ONLY.
   *
   * @param t the transaction
   * @param vote the vote
   * @param ctx the node's context
   */
  protected final void logVote(Transaction t, Vote vote, Context<M> ctx) {
    if (vote == Vote.COMMIT) {
      ctx.persist(CommitRecord.encode(new CommitRecord.Ready(t)));
      states.put(t.id(), State.READY);
    } else {
      ctx.persist(CommitRecord.encode(new CommitRecord.Voted(t.id(), vote)));
      states.put(t.id(), vote == Vote.ABORT ? State.ABORT : State.READ_ONLY);
    }
  }

  /**
   * A request to vote on {@code t}: the resource prepares it, or, voted already, the vote is
   * repeated ({@link #repeatVote}).
   *
   * @param t the transaction
   * @param ctx the node's context
   * @throws IllegalArgumentException if the transaction is too large to carry
   */
  protected final void voteRequested(Transaction t, Context<M> ctx) {
    ResourceSide.check(t);
    long id = t.id();
    State s = states.get(id);
    if (s == null) {
      states.put(id, State.PREPARING);
      resource.prepare(t, ctx);
    } else if (s != State.PREPARING && s != State.CONTRADICTED) {
      repeatVote(id, voteOf(s), ctx); // the request repeated
    }
  }

  /**
   * A decision, learnt or told again. Uncertain (or not voted, and told ABORT), it logs OUTCOME,
   * carries the decision out at the resource and acknowledges it; told again what it knows (or
   * anything, having voted READ_ONLY), it acknowledges again; told what its log contradicts, it
   * counts {@code decisions.contradicted}, notes it, never acknowledges and stops the transaction.
   *
   * @param id the transaction
   * @param v the decision
   * @param from who told it (itself, if it decided as a backup)
   * @param why how it learnt it, for the trace
   * @param byKey the contradiction note's field that says who told it ({@code "by"})
   * @param by that field's value
   * @param ctx the node's context
   */
  protected final void learn(long id, Verdict v, NodeId from, String why, String byKey, String by, Context<M> ctx) {
    State s = states.get(id);
    State learnt = v == Verdict.COMMIT ? State.COMMIT : State.ABORT;
    boolean uncertain = s == State.READY || s == State.PRECOMMIT;
    if (uncertain || (v == Verdict.ABORT && (s == null || s == State.PREPARING))) {
      ctx.cancelTimer(Timers.token(id, Timers.RETRY));
      stopWaiting(id);
      resource.stopPreparing(id, ctx);
      ctx.persist(CommitRecord.encode(new CommitRecord.Outcome(id, v)));
      states.put(id, learnt);
      state(ctx, id, s == null ? "INIT" : s.name(), learnt.name(), why);
      ctx.outcome(id, v);
      carryOut(id, v, ctx);
      acknowledgeDecision(id, from, ctx);
    } else if (s == learnt || s == State.READ_ONLY) {
      acknowledgeDecision(id, from, ctx); // the decision repeated
    } else {
      // COMMIT for a transaction it never voted COMMIT on, or the opposite of what it logged: never acknowledged.
      ctx.count("decisions.contradicted", 1);
      if (ctx.tracing() || s != State.CONTRADICTED) {
        ctx.note("contradiction", Map.of("txn", Long.toString(id), "logged", s == null ? "nothing" : s.name(),
            "told", v.name(), byKey, by));
      }
      if (s != State.COMMIT && s != State.ABORT) {
        states.put(id, State.CONTRADICTED);
        ctx.cancelTimer(Timers.token(id, Timers.RETRY));
        resource.stopPreparing(id, ctx);
      }
    }
  }

  /**
   * Aborts a transaction it has not voted on (INIT or PREPARING), when asked about it: nobody can
   * commit without its vote. Logs OUTCOME ABORT and aborts at the resource.
   *
   * @param id the transaction
   * @param why why, for the trace
   * @param ctx the node's context
   */
  protected final void abortUnvoted(long id, String why, Context<M> ctx) {
    State s = states.get(id);
    resource.stopPreparing(id, ctx);
    ctx.persist(CommitRecord.encode(new CommitRecord.Outcome(id, Verdict.ABORT)));
    states.put(id, State.ABORT);
    state(ctx, id, s == null ? "INIT" : s.name(), "ABORT", why);
    ctx.outcome(id, Verdict.ABORT);
    resource.abort(id, ctx);
  }

  /**
   * Told the transaction ended: logs ENDED (once) and stops acknowledging.
   *
   * @param id the transaction
   * @param ctx the node's context
   */
  protected final void endedTold(long id, Context<M> ctx) {
    if (states.get(id) != null && !ended.contains(id)) {
      ended.add(id);
      ctx.cancelTimer(Timers.token(id, Timers.ACK));
      ctx.persist(CommitRecord.encode(new CommitRecord.Ended(id)));
    }
  }

  /**
   * Sends the acknowledgement of a decision to {@code to} and sets the timer to send it again
   * ({@link Timers#ACK}) until told the transaction ended.
   *
   * @param id the transaction
   * @param to whom
   * @param ctx the node's context
   */
  protected void acknowledge(long id, NodeId to, Context<M> ctx) {
    ctx.send(to, 0, ack(id));
    ctx.setTimer(ctx.now() + spec.timeouts().retry(), Timers.token(id, Timers.ACK));
  }

  /**
   * Carries a decision out at the resource.
   *
   * @param id the transaction
   * @param v the decision
   * @param ctx the node's context
   */
  protected final void carryOut(long id, Verdict v, Context<M> ctx) {
    if (v == Verdict.COMMIT) {
      resource.commit(id, ctx);
    } else {
      resource.abort(id, ctx);
    }
  }

  /**
   * The vote a participant in state {@code s} cast.
   *
   * @param s a state after the vote
   * @return COMMIT for READY, PRECOMMIT and COMMIT; READ_ONLY; ABORT otherwise
   */
  protected static Vote voteOf(State s) {
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

  /**
   * Notes a change of this participant's state of a transaction, when the run is traced.
   *
   * @param ctx the node's context
   * @param id the transaction
   * @param from the state it leaves
   * @param to the state it enters
   * @param why the reason, for people
   */
  protected final void state(Context<M> ctx, long id, String from, String to, String why) {
    if (ctx.tracing()) {
      ctx.note("state", Map.of("role", "participant " + self, "txn", Long.toString(id), "from", from, "to", to,
          "why", why));
    }
  }
}
