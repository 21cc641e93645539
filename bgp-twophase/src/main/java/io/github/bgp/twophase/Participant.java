package io.github.bgp.twophase;

import io.github.bgp.api.CommitScenario;
import io.github.bgp.api.Node;
import io.github.bgp.api.NodeId;
import io.github.bgp.api.Resource;
import io.github.bgp.api.Transaction;
import io.github.bgp.api.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A participant of two-phase commit, for many transactions at once, protecting one
 * {@link Resource}.
 *
 * <p>It expects each transaction of the workload from the transaction's start; if no vote
 * request comes within the request timeout it aborts on its own (INIT, timed out). Asked to
 * vote, it prepares the resource: for COMMIT it logs READY (forced before the vote leaves) and
 * may no longer abort on its own; for ABORT it logs and applies the abort. READY, it waits for
 * the decision, and every retry interval asks the coordinator and every other participant
 * (cooperative termination): a peer that knows the outcome tells it, and a peer that has not
 * voted aborts on its own and says ABORT, since the coordinator cannot commit without its vote.
 * A decision is applied when it arrives and acknowledged once its record is forced (a crash in
 * between applies it again on recovery, so resources must be idempotent, and may see
 * {@code prepare} again after an {@code abort}). Duplicate and late messages
 * repeat what was already said and change nothing.
 *
 * <p>Recovering, it follows the seed's table: a logged outcome is applied again (resources are
 * idempotent) and kept; READY asks at once; a transaction with nothing logged whose request
 * deadline has passed is aborted (INIT); one still to come is expected as usual.
 */
final class Participant implements Node<TpcMessage> {

  private enum State { EXPECTING, READY, COMMIT, ABORT }

  private final CommitScenario scenario;
  private final NodeId self;
  private final Resource resource;
  private final List<NodeId> peers = new ArrayList<>();
  private final Map<Long, State> states = new TreeMap<>();
  private final Map<Long, Transaction> transactions = new TreeMap<>();

  Participant(CommitScenario scenario, NodeId self, Resource resource) {
    this.scenario = scenario;
    this.self = self;
    this.resource = resource;
    for (NodeId p : scenario.participantIds()) {
      if (!p.equals(self)) {
        peers.add(p);
      }
    }
    for (CommitScenario.Txn t : scenario.transactions()) {
      transactions.put(t.transaction().id(), t.transaction());
    }
  }

  @Override
  public void start(Context<TpcMessage> ctx) {
    for (CommitScenario.Txn t : scenario.transactions()) {
      expect(t, ctx);
    }
  }

  private void expect(CommitScenario.Txn t, Context<TpcMessage> ctx) {
    states.put(t.transaction().id(), State.EXPECTING);
    ctx.setTimer(t.start() + scenario.timeouts().request(), Timers.token(t.transaction().id(), Timers.REQUEST));
  }

  @Override
  public void recover(List<byte[]> log, Context<TpcMessage> ctx) {
    for (byte[] bytes : log) {
      TpcRecord r = TpcRecord.decode(bytes);
      if (!transactions.containsKey(r.txn())) {
        continue;
      }
      if (r instanceof TpcRecord.Ready ready) {
        transactions.put(r.txn(), ready.transaction());
        states.putIfAbsent(r.txn(), State.READY);
      } else if (r instanceof TpcRecord.Outcome o) {
        State was = states.get(r.txn());
        if (was == null || was == State.READY) {
          states.put(r.txn(), o.outcome() == Verdict.COMMIT ? State.COMMIT : State.ABORT);
        }
      }
    }
    ctx.count("recoveries", 1);
    for (CommitScenario.Txn t : scenario.transactions()) {
      long id = t.transaction().id();
      State s = states.get(id);
      if (s == State.COMMIT) {
        commit(transactions.get(id));
      } else if (s == State.ABORT) {
        abort(transactions.get(id));
      } else if (s == State.READY) {
        ctx.setTimer(ctx.now(), Timers.token(id, Timers.RETRY)); // uncertain: ask now
      } else if (t.start() + scenario.timeouts().request() <= ctx.now()) {
        abortAlone(id, ctx); // INIT, its deadline past
      } else {
        expect(t, ctx);
      }
    }
  }

  @Override
  public void timer(long token, Context<TpcMessage> ctx) {
    long id = Timers.txn(token);
    State s = states.get(id);
    if (s == null) {
      return;
    }
    if (Timers.kind(token) == Timers.REQUEST && s == State.EXPECTING) {
      ctx.count("timeouts.request", 1);
      abortAlone(id, ctx);
    } else if (Timers.kind(token) == Timers.RETRY && s == State.READY) {
      ctx.send(scenario.coordinator(), 0, new TpcMessage.DecisionRequest(id));
      for (NodeId p : peers) {
        ctx.send(p, 0, new TpcMessage.DecisionRequest(id));
      }
      ctx.count("termination.requests", 1);
      ctx.setTimer(ctx.now() + scenario.timeouts().retry(), Timers.token(id, Timers.RETRY));
    }
  }

  @Override
  public void receive(NodeId from, int round, TpcMessage m, Context<TpcMessage> ctx) {
    State s = states.get(m.txn());
    if (s == null) {
      ctx.count("messages.ignored", 1);
      return;
    }
    boolean fromCoordinator = from.equals(scenario.coordinator());
    if (m instanceof TpcMessage.VoteRequest r && fromCoordinator) {
      vote(r.transaction(), s, ctx);
    } else if (m instanceof TpcMessage.Decision d) {
      learn(m.txn(), d.decision(), s, ctx);
      if (fromCoordinator) {
        ctx.send(from, 0, new TpcMessage.Ack(m.txn()));
      }
    } else if (m instanceof TpcMessage.DecisionRequest && peers.contains(from)) {
      if (s == State.EXPECTING) {
        abortAlone(m.txn(), ctx); // it has not voted: the coordinator cannot commit, so abort and say so
        s = State.ABORT;
      }
      if (s == State.COMMIT || s == State.ABORT) {
        ctx.send(from, 0, new TpcMessage.Decision(m.txn(), s == State.COMMIT ? Verdict.COMMIT : Verdict.ABORT));
      }
    } else {
      ctx.count("messages.ignored", 1);
    }
  }

  private void vote(Transaction t, State s, Context<TpcMessage> ctx) {
    switch (s) {
      case EXPECTING:
        transactions.put(t.id(), t);
        if (prepare(t)) {
          ctx.persist(TpcRecord.encode(new TpcRecord.Ready(t)));
          states.put(t.id(), State.READY);
          ctx.send(scenario.coordinator(), 0, new TpcMessage.Vote(t.id(), Verdict.COMMIT));
          ctx.setTimer(ctx.now() + scenario.timeouts().retry(), Timers.token(t.id(), Timers.RETRY));
        } else {
          ctx.persist(TpcRecord.encode(new TpcRecord.Outcome(t.id(), Verdict.ABORT)));
          abort(t);
          states.put(t.id(), State.ABORT);
          ctx.send(scenario.coordinator(), 0, new TpcMessage.Vote(t.id(), Verdict.ABORT));
        }
        break;
      case READY:
      case COMMIT:
        ctx.send(scenario.coordinator(), 0, new TpcMessage.Vote(t.id(), Verdict.COMMIT)); // the request repeated
        break;
      case ABORT:
      default:
        ctx.send(scenario.coordinator(), 0, new TpcMessage.Vote(t.id(), Verdict.ABORT));
        break;
    }
  }

  private void learn(long id, Verdict v, State s, Context<TpcMessage> ctx) {
    if (s == State.READY || (s == State.EXPECTING && v == Verdict.ABORT)) {
      ctx.persist(TpcRecord.encode(new TpcRecord.Outcome(id, v)));
      states.put(id, v == Verdict.COMMIT ? State.COMMIT : State.ABORT);
      if (v == Verdict.COMMIT) {
        commit(transactions.get(id));
      } else {
        abort(transactions.get(id));
      }
    } else if (s == State.EXPECTING || (s == State.COMMIT) != (v == Verdict.COMMIT)) {
      // COMMIT for a transaction it never voted on, or the opposite of what it logged: a bug.
      ctx.count("decisions.contradicted", 1);
    }
  }

  private void abortAlone(long id, Context<TpcMessage> ctx) {
    ctx.persist(TpcRecord.encode(new TpcRecord.Outcome(id, Verdict.ABORT)));
    abort(transactions.get(id));
    states.put(id, State.ABORT);
  }

  // Bridges to the resource contract with errors until the node core runs resources off its thread:
  // a prepare that throws votes ABORT (READ_ONLY still takes part in phase two here); a commit or an
  // abort that throws ends the run, as before.
  private boolean prepare(Transaction t) {
    try {
      return resource.prepare(t).allowsCommit();
    } catch (Exception e) {
      return false;
    }
  }

  private void commit(Transaction t) {
    try {
      resource.commit(t);
    } catch (Exception e) {
      throw new IllegalStateException("the resource failed to commit " + t, e);
    }
  }

  private void abort(Transaction t) {
    try {
      resource.abort(t);
    } catch (Exception e) {
      throw new IllegalStateException("the resource failed to abort " + t, e);
    }
  }
}
