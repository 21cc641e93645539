package io.github.bgp.twophase;

import io.github.bgp.api.CommitSpec;
import io.github.bgp.api.InstanceId;
import io.github.bgp.api.NodeId;
import io.github.bgp.api.Transaction;
import io.github.bgp.api.Verdict;
import io.github.bgp.api.Vote;
import io.github.bgp.twophase.internal.CommitParticipant;
import io.github.bgp.twophase.internal.CommitRecord;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A participant of two-phase commit, for any number of transactions at once, protecting its
 * node's resource, which it reaches only through calls the runtime makes off the node's thread
 * (the {@link ResourceSide}, which 3PC's and Paxos Commit's participants share).
 *
 * <p>Asked to vote, it asks its resource to prepare (a prepare that fails, or that does not answer
 * within the prepare timeout, is a vote to ABORT). For COMMIT it logs READY (forced before the vote
 * leaves) and may no longer abort on its own; for ABORT or READ_ONLY it logs the vote it cast, and
 * for ABORT aborts at the resource. READY, it waits for the decision and every retry interval asks
 * the coordinator for it; once the coordinator has been silent for the request timeout since the
 * vote (at once after a recovery in READY), it asks every other participant too (cooperative
 * termination): a peer that knows the outcome tells it, and a peer that has not voted aborts on its
 * own and says ABORT, since the coordinator cannot commit without its vote. Asking the peers only
 * then keeps a slow peer's prepare (a database waiting for a lock) from being aborted because a
 * faster peer grew impatient. A decision is logged when it arrives, then carried
 * out at the resource (retried with backoff until it succeeds) and acknowledged once logged; the
 * participant acknowledges again until the coordinator says it has logged END. Duplicate and late
 * messages repeat what was already said and change nothing.
 *
 * <p>It never acknowledges a decision that contradicts its log (COMMIT for a transaction it voted
 * ABORT on or never voted on, or the opposite of an outcome it logged): it counts
 * {@code decisions.contradicted}, notes it, and stops that transaction.
 *
 * <p>Recovering, it follows the seed's table: a logged outcome is carried out again at the resource
 * (resources are idempotent) and acknowledged again until END; READY asks at once; then it asks the
 * resource what it holds in doubt, and aborts whatever the resource prepared that its log never
 * voted on (it crashed between the prepare and the force of READY). Started on an empty log, it asks
 * the resource too, and aborts every branch of its instance found there: none was promised.
 *
 * <p>What every commit protocol's participant does alike (the resource side, logging the vote,
 * learning a decision and refusing a contradiction, ENDED, recovery's reading of the log) is
 * written once, in {@link CommitParticipant}; this class is how 2PC's vote leaves, whom it
 * acknowledges, and cooperative termination.
 */
final class Participant extends CommitParticipant<TpcMessage> {

  /** When a READY participant starts asking its peers too: the coordinator is suspected from then on. */
  private final Map<Long, Long> askPeersFrom = new TreeMap<>();

  Participant(CommitSpec spec, NodeId self, String cluster, InstanceId instance) {
    super(spec, self, cluster, instance, "a coordinator's");
  }

  @Override
  protected CommitRecord decode(byte[] record) {
    return TpcRecord.decode(record);
  }

  @Override
  protected String describe(CommitRecord r) {
    return TpcRecord.describe(r);
  }

  @Override
  protected TpcMessage ack(long id) {
    return new TpcMessage.Ack(id);
  }

  /** Recovered READY: asks the coordinator and every peer at once. */
  @Override
  protected void uncertain(long id, Context<TpcMessage> ctx) {
    askPeersFrom.put(id, ctx.now());
    ctx.setTimer(ctx.now(), Timers.token(id, Timers.RETRY)); // uncertain: ask everyone now
  }

  @Override
  protected void vote(Transaction t, Vote vote, String why, Context<TpcMessage> ctx) {
    long id = t.id();
    logVote(t, vote, ctx);
    switch (vote) {
      case COMMIT:
        state(ctx, id, "INIT", "READY", why);
        ctx.send(spec.coordinator(), 0, new TpcMessage.Vote(id, Vote.COMMIT));
        askPeersFrom.put(id, ctx.now() + spec.timeouts().request());
        ctx.setTimer(ctx.now() + spec.timeouts().retry(), Timers.token(id, Timers.RETRY));
        break;
      case READ_ONLY:
        state(ctx, id, "INIT", "READ_ONLY", why);
        ctx.send(spec.coordinator(), 0, new TpcMessage.Vote(id, Vote.READ_ONLY));
        break;
      default:
        state(ctx, id, "INIT", "ABORT", why);
        ctx.outcome(id, Verdict.ABORT);
        resource.abort(id, ctx);
        ctx.send(spec.coordinator(), 0, new TpcMessage.Vote(id, Vote.ABORT));
        break;
    }
  }

  @Override
  protected void repeatVote(long id, Vote vote, Context<TpcMessage> ctx) {
    ctx.send(spec.coordinator(), 0, new TpcMessage.Vote(id, vote));
  }

  @Override
  protected void timer(long id, int kind, State s, Context<TpcMessage> ctx) {
    switch (kind) {
      case Timers.RETRY:
        if (s == State.READY) {
          ctx.send(spec.coordinator(), 0, new TpcMessage.DecisionRequest(id));
          if (ctx.now() >= askPeersFrom.getOrDefault(id, 0L)) {
            for (NodeId p : peers) {
              ctx.send(p, 0, new TpcMessage.DecisionRequest(id));
            }
          }
          ctx.count("termination.requests", 1);
          ctx.setTimer(ctx.now() + spec.timeouts().retry(), Timers.token(id, Timers.RETRY));
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

  @Override
  public void receive(NodeId from, int round, TpcMessage m, Context<TpcMessage> ctx) {
    boolean fromCoordinator = from.equals(spec.coordinator());
    long id = m.txn();
    State s = states.get(id);
    if (m instanceof TpcMessage.VoteRequest r && fromCoordinator) {
      voteRequested(r.transaction(), ctx);
    } else if (m instanceof TpcMessage.Decision d) {
      String by = fromCoordinator ? "the coordinator" : "participant " + from;
      learn(id, d.decision(), from, "learnt from " + by, "by", fromCoordinator ? "coordinator" : "participant " + from,
          ctx);
    } else if (m instanceof TpcMessage.DecisionRequest && peers.contains(from)) {
      if (s == null || s == State.PREPARING) {
        // It has not voted: the coordinator cannot commit, so abort and say so.
        abortUnvoted(id, "a peer asked, and it had not voted", ctx);
        s = State.ABORT;
      }
      if (s == State.COMMIT || s == State.ABORT) {
        ctx.send(from, 0, new TpcMessage.Decision(id, s == State.COMMIT ? Verdict.COMMIT : Verdict.ABORT));
      }
    } else if (m instanceof TpcMessage.Ended && fromCoordinator) {
      endedTold(id, ctx);
    } else {
      ctx.count("messages.ignored", 1);
    }
  }

  /** Only the coordinator's decisions are acknowledged (a peer's answer is not phase two), even after END. */
  @Override
  protected void acknowledgeDecision(long id, NodeId from, Context<TpcMessage> ctx) {
    if (from.equals(spec.coordinator())) {
      acknowledge(id, from, ctx);
    }
  }

  /** A decision learnt: it no longer asks anyone. */
  @Override
  protected void stopWaiting(long id) {
    askPeersFrom.remove(id);
  }

  /** For tests: the state a transaction is in here, if any. */
  Optional<String> stateOf(long id) {
    return Optional.ofNullable(states.get(id)).map(Enum::name);
  }
}
