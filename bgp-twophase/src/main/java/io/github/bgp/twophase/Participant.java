package io.github.bgp.twophase;

import io.github.bgp.api.CommitSpec;
import io.github.bgp.api.InstanceId;
import io.github.bgp.api.NodeId;
import io.github.bgp.api.Transaction;
import io.github.bgp.api.Verdict;
import io.github.bgp.api.Vote;
import io.github.bgp.spi.Input;
import io.github.bgp.spi.Node;
import io.github.bgp.twophase.internal.CommitRecord;
import java.util.ArrayList;
import java.util.List;
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
 */
final class Participant implements Node<TpcMessage> {

  private enum State { PREPARING, READY, COMMIT, ABORT, READ_ONLY, CONTRADICTED }

  private final CommitSpec spec;
  private final NodeId self;
  private final ResourceSide resource;
  private final List<NodeId> peers = new ArrayList<>();
  private final Map<Long, State> states = new TreeMap<>();
  private final java.util.Set<Long> ended = new java.util.TreeSet<>();
  /** When a READY participant starts asking its peers too: the coordinator is suspected from then on. */
  private final Map<Long, Long> askPeersFrom = new TreeMap<>();

  Participant(CommitSpec spec, NodeId self, String cluster, InstanceId instance) {
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
  public void start(Context<TpcMessage> ctx) {
    // A participant waits for vote requests; an empty log does not mean an empty resource (see ResourceSide#start).
    resource.start(ctx);
  }

  @Override
  public void recover(List<byte[]> log, Context<TpcMessage> ctx) {
    for (byte[] bytes : log) {
      CommitRecord r = TpcRecord.decode(bytes);
      long id = r.txn();
      State was = states.get(id);
      if (r instanceof TpcRecord.Ready ready) {
        resource.remember(ready.transaction());
        states.putIfAbsent(id, State.READY);
      } else if (r instanceof TpcRecord.Voted v) {
        states.putIfAbsent(id, v.vote() == Vote.ABORT ? State.ABORT : State.READ_ONLY);
      } else if (r instanceof TpcRecord.Outcome o) {
        State logged = o.outcome() == Verdict.COMMIT ? State.COMMIT : State.ABORT;
        if (was == null || was == State.READY) {
          states.put(id, logged);
        } else if (was != logged) {
          throw new IllegalStateException("participant " + self + "'s log holds both " + was + " and " + logged
              + " for txn " + id + ": it is damaged");
        }
      } else if (r instanceof TpcRecord.Ended) {
        ended.add(id);
      } else {
        throw new IllegalStateException("participant " + self + "'s log holds a coordinator's record "
            + TpcRecord.describe(r) + " for txn " + id + ": it is not this participant's log");
      }
    }
    ctx.count("recoveries", 1);
    states.forEach((id, s) -> {
      if (s == State.COMMIT || s == State.ABORT) {
        ctx.outcome(id, s == State.COMMIT ? Verdict.COMMIT : Verdict.ABORT);
        if (s == State.COMMIT) {
          resource.commit(id, ctx);
        } else {
          resource.abort(id, ctx);
        }
        if (!ended.contains(id)) {
          acknowledge(id, ctx);
        }
      } else if (s == State.READY) {
        askPeersFrom.put(id, ctx.now());
        ctx.setTimer(ctx.now(), Timers.token(id, Timers.RETRY)); // uncertain: ask everyone now
      }
    });
    resource.recover(ctx);
  }

  @Override
  public void input(Input input, Context<TpcMessage> ctx) {
    if (!(input instanceof Input.Answer a)) {
      throw new IllegalArgumentException("a participant takes its resource's answers, not " + input);
    }
    resource.answer(a, ctx, states::containsKey).ifPresent(p -> vote(p.transaction(), p.vote(), p.why(), ctx));
  }

  private void vote(Transaction t, Vote vote, String why, Context<TpcMessage> ctx) {
    long id = t.id();
    switch (vote) {
      case COMMIT:
        ctx.persist(TpcRecord.encode(new TpcRecord.Ready(t)));
        states.put(id, State.READY);
        state(ctx, id, "INIT", "READY", why);
        ctx.send(spec.coordinator(), 0, new TpcMessage.Vote(id, Vote.COMMIT));
        askPeersFrom.put(id, ctx.now() + spec.timeouts().request());
        ctx.setTimer(ctx.now() + spec.timeouts().retry(), Timers.token(id, Timers.RETRY));
        break;
      case READ_ONLY:
        ctx.persist(TpcRecord.encode(new TpcRecord.Voted(id, Vote.READ_ONLY)));
        states.put(id, State.READ_ONLY);
        state(ctx, id, "INIT", "READ_ONLY", why);
        ctx.send(spec.coordinator(), 0, new TpcMessage.Vote(id, Vote.READ_ONLY));
        break;
      default:
        ctx.persist(TpcRecord.encode(new TpcRecord.Voted(id, Vote.ABORT)));
        states.put(id, State.ABORT);
        state(ctx, id, "INIT", "ABORT", why);
        ctx.outcome(id, Verdict.ABORT);
        resource.abort(id, ctx);
        ctx.send(spec.coordinator(), 0, new TpcMessage.Vote(id, Vote.ABORT));
        break;
    }
  }

  @Override
  public void timer(long token, Context<TpcMessage> ctx) {
    if (ResourceSide.owns(token)) {
      resource.timer(token, ctx).ifPresent(p -> vote(p.transaction(), p.vote(), p.why(), ctx));
      return;
    }
    long id = Timers.txn(token);
    State s = states.get(id);
    switch (Timers.kind(token)) {
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
          acknowledge(id, ctx);
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
      TpcCommit.check(r.transaction());
      if (s == null) {
        states.put(id, State.PREPARING);
        resource.prepare(r.transaction(), ctx);
      } else if (s != State.PREPARING && s != State.CONTRADICTED) {
        ctx.send(spec.coordinator(), 0, new TpcMessage.Vote(id, voteOf(s))); // the request repeated
      }
    } else if (m instanceof TpcMessage.Decision d) {
      learn(id, d.decision(), s, from, fromCoordinator, ctx);
    } else if (m instanceof TpcMessage.DecisionRequest && peers.contains(from)) {
      if (s == null || s == State.PREPARING) {
        // It has not voted: the coordinator cannot commit, so abort and say so.
        abortAlone(id, s == null ? "INIT" : "PREPARING", "a peer asked, and it had not voted", ctx);
        s = State.ABORT;
      }
      if (s == State.COMMIT || s == State.ABORT) {
        ctx.send(from, 0, new TpcMessage.Decision(id, s == State.COMMIT ? Verdict.COMMIT : Verdict.ABORT));
      }
    } else if (m instanceof TpcMessage.Ended && fromCoordinator) {
      if (s != null && !ended.contains(id)) {
        ended.add(id);
        ctx.cancelTimer(Timers.token(id, Timers.ACK));
        ctx.persist(TpcRecord.encode(new TpcRecord.Ended(id)));
      }
    } else {
      ctx.count("messages.ignored", 1);
    }
  }

  private void learn(long id, Verdict v, State s, NodeId from, boolean fromCoordinator, Context<TpcMessage> ctx) {
    State learnt = v == Verdict.COMMIT ? State.COMMIT : State.ABORT;
    if (s == State.READY || (v == Verdict.ABORT && (s == null || s == State.PREPARING))) {
      ctx.cancelTimer(Timers.token(id, Timers.RETRY));
      askPeersFrom.remove(id);
      resource.stopPreparing(id, ctx);
      ctx.persist(TpcRecord.encode(new TpcRecord.Outcome(id, v)));
      states.put(id, learnt);
      state(ctx, id, s == null ? "INIT" : s.name(), learnt.name(), "learnt from " + (fromCoordinator ? "the coordinator"
          : "participant " + from));
      ctx.outcome(id, v);
      if (v == Verdict.COMMIT) {
        resource.commit(id, ctx);
      } else {
        resource.abort(id, ctx);
      }
      if (fromCoordinator) {
        acknowledge(id, ctx);
      }
    } else if (s == learnt || s == State.READ_ONLY) {
      if (fromCoordinator) {
        acknowledge(id, ctx); // the decision repeated
      }
    } else {
      // COMMIT for a transaction it never voted COMMIT on, or the opposite of what it logged: never acknowledged.
      ctx.count("decisions.contradicted", 1);
      if (ctx.tracing() || s != State.CONTRADICTED) {
        ctx.note("contradiction", Map.of("txn", Long.toString(id), "logged", s == null ? "nothing" : s.name(),
            "told", v.name(), "by", fromCoordinator ? "coordinator" : "participant " + from));
      }
      if (s != State.COMMIT && s != State.ABORT) {
        states.put(id, State.CONTRADICTED);
        ctx.cancelTimer(Timers.token(id, Timers.RETRY));
        askPeersFrom.remove(id);
        resource.stopPreparing(id, ctx);
      }
    }
  }

  private void acknowledge(long id, Context<TpcMessage> ctx) {
    ctx.send(spec.coordinator(), 0, new TpcMessage.Ack(id));
    ctx.setTimer(ctx.now() + spec.timeouts().retry(), Timers.token(id, Timers.ACK));
  }

  private void abortAlone(long id, String from, String why, Context<TpcMessage> ctx) {
    resource.stopPreparing(id, ctx);
    ctx.persist(TpcRecord.encode(new TpcRecord.Outcome(id, Verdict.ABORT)));
    states.put(id, State.ABORT);
    state(ctx, id, from, "ABORT", why);
    ctx.outcome(id, Verdict.ABORT);
    resource.abort(id, ctx);
  }

  private static Vote voteOf(State s) {
    switch (s) {
      case READY:
      case COMMIT:
        return Vote.COMMIT;
      case READ_ONLY:
        return Vote.READ_ONLY;
      default:
        return Vote.ABORT;
    }
  }

  private void state(Context<TpcMessage> ctx, long id, String from, String to, String why) {
    if (ctx.tracing()) {
      ctx.note("state", Map.of("role", "participant " + self, "txn", Long.toString(id), "from", from, "to", to,
          "why", why));
    }
  }

  /** For tests: the state a transaction is in here, if any. */
  Optional<String> stateOf(long id) {
    return Optional.ofNullable(states.get(id)).map(Enum::name);
  }
}
