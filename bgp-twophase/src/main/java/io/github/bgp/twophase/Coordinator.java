package io.github.bgp.twophase;

import io.github.bgp.api.CommitSpec;
import io.github.bgp.api.NodeId;
import io.github.bgp.api.Verdict;
import io.github.bgp.api.Vote;
import io.github.bgp.spi.Input;
import io.github.bgp.twophase.internal.CommitCoordinator;
import java.util.List;

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
 *
 * <p>Phase one's start and the whole of phase two (log, announce, repeat, END) are 3PC's too, and
 * written once, in {@link CommitCoordinator}; this class is how the votes come to a decision and
 * what recovery does.
 */
final class Coordinator extends CommitCoordinator<TpcMessage, CommitCoordinator.Txn> {

  Coordinator(CommitSpec spec) {
    super(spec, Txn::new, new Words<>(TpcMessage.VoteRequest::new, TpcMessage.Decision::new, TpcMessage.Ended::new,
        t -> TpcRecord.encode(new TpcRecord.Begin(t)), (txn, v) -> TpcRecord.encode(new TpcRecord.Decided(txn, v)),
        txn -> TpcRecord.encode(new TpcRecord.End(txn))));
  }

  @Override
  public void recover(List<byte[]> log, Context<TpcMessage> ctx) {
    read(log, TpcRecord::decode, TpcRecord::describe, (t, r) -> false); // 2PC's coordinator logs only the three
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
        resend(t, ctx);
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
      acknowledged(t, from, ctx);
    } else if (m instanceof TpcMessage.DecisionRequest) {
      if (t.decision != null) {
        ctx.send(from, 0, new TpcMessage.Decision(t.id(), t.decision));
      }
    } else {
      ctx.count("messages.ignored", 1);
    }
  }
}
