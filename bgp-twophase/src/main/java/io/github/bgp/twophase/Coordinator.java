package io.github.bgp.twophase;

import io.github.bgp.api.CommitSpec;
import io.github.bgp.api.NodeId;
import io.github.bgp.api.Transaction;
import io.github.bgp.api.Verdict;
import io.github.bgp.api.Vote;
import io.github.bgp.spi.Input;
import io.github.bgp.spi.Node;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The coordinator of two-phase commit (CS162, lecture 24), for any number of transactions at
 * once, each given to it by its application ({@link Input.Submit}).
 *
 * <p>Given a transaction it logs BEGIN and asks every participant to vote (WAIT). The first
 * ABORT vote, or the vote timeout with a vote missing, decides ABORT; every participant voting
 * COMMIT or READ_ONLY decides COMMIT. A decision is logged (and forced by the runtime) before it is
 * announced, then repeated to every participant that has not acknowledged it (a READ_ONLY voter
 * takes no part in phase two), until all have; then END is logged and the participants are told,
 * so they may forget the transaction. Asked about a transaction it never began, it answers ABORT
 * (presumed abort): no participant can have been asked to vote on it.
 *
 * <p>Recovering, it follows the seed's table: a transaction in WAIT (BEGIN without a decision) is
 * aborted; a decided one is announced again to every participant, and repeated until acknowledged;
 * an ended one is over (participants that ask again are told it ended).
 */
final class Coordinator implements Node<TpcMessage> {

  /** What the coordinator knows about one transaction. */
  private static final class Txn {
    final Transaction transaction;
    Verdict decision;
    boolean ended;
    final Map<NodeId, Vote> votes = new TreeMap<>();
    final Set<NodeId> acks = new TreeSet<>();

    Txn(Transaction transaction) {
      this.transaction = transaction;
    }

    long id() {
      return transaction.id();
    }
  }

  private final CommitSpec spec;
  private final List<NodeId> participants;
  private final Map<Long, Txn> txns = new TreeMap<>();

  Coordinator(CommitSpec spec) {
    this.spec = spec;
    this.participants = spec.participantIds();
  }

  @Override
  public void start(Context<TpcMessage> ctx) {
    // Transactions come as inputs.
  }

  @Override
  public void input(Input input, Context<TpcMessage> ctx) {
    if (!(input instanceof Input.Submit submit)) {
      throw new IllegalArgumentException("the coordinator takes transactions to commit, not " + input);
    }
    Transaction t = submit.transaction();
    TpcCommit.check(t);
    if (txns.containsKey(t.id())) {
      throw new IllegalArgumentException("transaction " + t.id() + " was submitted already");
    }
    Txn txn = new Txn(t);
    txns.put(t.id(), txn);
    ctx.persist(TpcRecord.encode(new TpcRecord.Begin(t)));
    state(ctx, txn, "INIT", "WAIT", "submitted");
    for (NodeId p : participants) {
      ctx.send(p, 0, new TpcMessage.VoteRequest(t));
    }
    ctx.setTimer(ctx.now() + spec.timeouts().votes(), Timers.token(t.id(), Timers.VOTES));
  }

  @Override
  public void recover(List<byte[]> log, Context<TpcMessage> ctx) {
    for (byte[] bytes : log) {
      TpcRecord r = TpcRecord.decode(bytes);
      if (r instanceof TpcRecord.Begin b) {
        txns.putIfAbsent(b.txn(), new Txn(b.transaction()));
        continue;
      }
      Txn t = txns.get(r.txn());
      if (t == null) {
        throw new IllegalStateException("the coordinator's log holds " + TpcRecord.describe(r) + " for txn " + r.txn()
            + " without its BEGIN: it is not a coordinator's log, or it is damaged");
      }
      if (r instanceof TpcRecord.Decided d) {
        if (t.decision != null && t.decision != d.decision()) {
          throw new IllegalStateException("the coordinator's log decides txn " + t.id() + " both " + t.decision
              + " and " + d.decision());
        }
        t.decision = d.decision();
      } else if (r instanceof TpcRecord.End) {
        t.ended = true;
      } else {
        throw new IllegalStateException("the coordinator's log holds a participant's record " + TpcRecord.describe(r)
            + " for txn " + t.id());
      }
    }
    ctx.count("recoveries", 1);
    for (Txn t : txns.values()) {
      if (t.ended) {
        continue;
      }
      if (t.decision != null) {
        ctx.outcome(t.id(), t.decision);
        announce(t, ctx);
      } else {
        state(ctx, t, "WAIT", "ABORT", "recovered in WAIT");
        decide(t, Verdict.ABORT, ctx); // WAIT: abort
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
      case Timers.VOTES:
        if (t.decision == null) {
          ctx.count("timeouts.votes", 1);
          state(ctx, t, "WAIT", "ABORT", "vote timeout");
          decide(t, Verdict.ABORT, ctx);
        }
        break;
      case Timers.RETRY:
        if (t.decision != null && !t.ended) {
          for (NodeId p : pendingAcks(t)) {
            ctx.send(p, 0, new TpcMessage.Decision(t.id(), t.decision));
            ctx.count("decisions.resent", 1);
          }
          ctx.setTimer(ctx.now() + spec.timeouts().retry(), Timers.token(t.id(), Timers.RETRY));
        }
        break;
      default:
        break;
    }
  }

  @Override
  public void receive(NodeId from, int round, TpcMessage m, Context<TpcMessage> ctx) {
    if (!participants.contains(from)) {
      ctx.count("messages.ignored", 1);
      return;
    }
    Txn t = txns.get(m.txn());
    if (t == null) {
      if (m instanceof TpcMessage.DecisionRequest) {
        ctx.send(from, 0, new TpcMessage.Decision(m.txn(), Verdict.ABORT)); // presumed abort
      } else if (m instanceof TpcMessage.Ack) {
        ctx.send(from, 0, new TpcMessage.Ended(m.txn())); // never begun here: nobody will ask about it
      } else {
        ctx.count("messages.ignored", 1);
      }
      return;
    }
    if (m instanceof TpcMessage.Vote v) {
      if (t.decision != null) {
        if (t.decision == Verdict.COMMIT && v.vote() == Vote.ABORT) {
          ctx.count("votes.contradicted", 1); // it voted COMMIT or READ_ONLY before, now ABORT: a faulty participant
        }
        return; // a late or repeated vote
      }
      Vote before = t.votes.putIfAbsent(from, v.vote());
      if (before != null && before != v.vote()) {
        ctx.count("votes.contradicted", 1);
        return;
      }
      if (v.vote() == Vote.ABORT) {
        state(ctx, t, "WAIT", "ABORT", "participant " + from + " voted ABORT");
        decide(t, Verdict.ABORT, ctx);
      } else if (t.votes.size() == participants.size()) {
        state(ctx, t, "WAIT", "COMMIT", "every participant voted to commit");
        decide(t, Verdict.COMMIT, ctx);
      }
    } else if (m instanceof TpcMessage.Ack) {
      if (t.ended) {
        ctx.send(from, 0, new TpcMessage.Ended(t.id()));
      } else if (t.decision != null && t.acks.add(from) && pendingAcks(t).isEmpty()) {
        end(t, ctx);
      }
    } else if (m instanceof TpcMessage.DecisionRequest) {
      if (t.decision != null) {
        ctx.send(from, 0, new TpcMessage.Decision(t.id(), t.decision));
      }
    } else {
      ctx.count("messages.ignored", 1);
    }
  }

  private void decide(Txn t, Verdict v, Context<TpcMessage> ctx) {
    t.decision = v;
    ctx.cancelTimer(Timers.token(t.id(), Timers.VOTES));
    ctx.persist(TpcRecord.encode(new TpcRecord.Decided(t.id(), v)));
    ctx.outcome(t.id(), v);
    ctx.count(v == Verdict.COMMIT ? "decisions.commit" : "decisions.abort", 1);
    if (pendingAcks(t).isEmpty()) {
      end(t, ctx); // every participant voted READ_ONLY: nobody to tell
    } else {
      announce(t, ctx);
    }
  }

  private void announce(Txn t, Context<TpcMessage> ctx) {
    for (NodeId p : pendingAcks(t)) {
      ctx.send(p, 0, new TpcMessage.Decision(t.id(), t.decision));
    }
    ctx.setTimer(ctx.now() + spec.timeouts().retry(), Timers.token(t.id(), Timers.RETRY));
  }

  private void end(Txn t, Context<TpcMessage> ctx) {
    t.ended = true;
    ctx.cancelTimer(Timers.token(t.id(), Timers.RETRY));
    ctx.persist(TpcRecord.encode(new TpcRecord.End(t.id())));
    for (NodeId p : participants) {
      if (t.votes.get(p) != Vote.READ_ONLY) {
        ctx.send(p, 0, new TpcMessage.Ended(t.id()));
      }
    }
  }

  /** The participants that take part in phase two and have not acknowledged the decision. */
  private List<NodeId> pendingAcks(Txn t) {
    return participants.stream()
        .filter(p -> t.votes.get(p) != Vote.READ_ONLY && !t.acks.contains(p))
        .toList();
  }

  private static void state(Context<TpcMessage> ctx, Txn t, String from, String to, String why) {
    if (ctx.tracing()) {
      ctx.note("state", Map.of("role", "coordinator", "txn", Long.toString(t.id()), "from", from, "to", to,
          "why", why));
    }
  }
}
