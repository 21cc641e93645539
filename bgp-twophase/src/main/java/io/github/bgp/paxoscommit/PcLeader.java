package io.github.bgp.paxoscommit;

import io.github.bgp.api.CommitSpec;
import io.github.bgp.api.NodeId;
import io.github.bgp.api.Transaction;
import io.github.bgp.api.Verdict;
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
 * An acceptor of Paxos Commit and the leader that goes with it: node 0 (the coordinator, acceptor
 * and leader 0) or one of the 2F nodes after the participants (acceptor and leader j, a backup).
 * Every participant's vote is the value of its own Paxos instance; every acceptor takes part in
 * every instance.
 *
 * <p><b>Acceptor.</b> It accepts a phase 2a at a ballot no lower than it promised, logging ACCEPTED
 * before it sends the phase 2b to that ballot's leader (ballot 0, the participant's own, is led by
 * the coordinator). It promises a phase 1a's ballot if higher than any it promised, logging
 * PROMISED before it answers with what it accepted.
 *
 * <p><b>Leader.</b> A value is chosen when F + 1 acceptors accepted it at one ballot; the
 * transaction commits when every participant's instance chose PREPARED (or READ_ONLY) and aborts
 * as soon as one chose ABORTED. The leader that learns it logs DECIDED before it tells the
 * participants (and the other leaders), repeats it until each acknowledged, then logs END. The
 * coordinator begins a transaction (BEGIN, then asks every participant to prepare) and learns
 * ballot 0; at the vote timeout, or when leader j's patience ({@code votes + j × retry}) runs out
 * without a decision, a leader takes over: phase 1 at a ballot of its own, higher than any it has
 * seen, then phase 2 with, for each instance, the value accepted at the highest ballot among the
 * F + 1 promises, or ABORTED if none was. Leaders that run at once are safe (Paxos): each instance
 * chooses one value, so every leader decides alike. Asked about a transaction it never began, the
 * coordinator answers ABORT (presumed abort: nobody can have been asked to prepare it).
 */
final class PcLeader implements Node<PcMessage> {

  private static final class Txn {
    Transaction transaction;
    boolean begun;
    long promised;
    final Map<Integer, PcMessage.Accepted> accepted = new TreeMap<>();
    Verdict decision;
    boolean ended;
    long ballot = -1;
    final Map<NodeId, List<PcMessage.Accepted>> promises = new TreeMap<>();
    final Map<Integer, Map<Long, Set<NodeId>>> votes = new TreeMap<>();
    final Map<Integer, PcMessage.Value> chosen = new TreeMap<>();
    final Set<NodeId> acks = new TreeSet<>();
    boolean armed;
    long highest;
  }

  private final CommitSpec spec;
  private final PaxosCommit.Layout layout;
  private final NodeId self;
  private final int index;
  private final boolean coordinator;
  private final Map<Long, Txn> txns = new TreeMap<>();

  PcLeader(CommitSpec spec, PaxosCommit.Layout layout, NodeId self) {
    this.spec = spec;
    this.layout = layout;
    this.self = self;
    this.index = layout.acceptorIndex(self);
    this.coordinator = self.equals(layout.coordinator());
  }

  private String role() {
    return coordinator ? "coordinator" : "leader " + index;
  }

  private Txn txn(long id) {
    return txns.computeIfAbsent(id, k -> new Txn());
  }

  @Override
  public void start(Context<PcMessage> ctx) {
    // The coordinator takes transactions as inputs; a backup waits to hear of one.
  }

  @Override
  public void input(Input input, Context<PcMessage> ctx) {
    if (!coordinator) {
      throw new IllegalArgumentException("acceptor " + self + " takes no input; the coordinator (0) takes the"
          + " transactions, was given " + input);
    }
    if (!(input instanceof Input.Submit submit)) {
      throw new IllegalArgumentException("the coordinator takes transactions to commit, not " + input);
    }
    Transaction t = submit.transaction();
    ResourceSide.check(t);
    if (txns.containsKey(t.id()) && txns.get(t.id()).begun) {
      throw new IllegalArgumentException("transaction " + t.id() + " was submitted already");
    }
    Txn txn = txn(t.id());
    txn.transaction = t;
    txn.begun = true;
    ctx.persist(PcRecord.encode(new PcRecord.Begin(t)));
    PaxosCommit.state(ctx, role(), t.id(), "INIT", "WAIT", "submitted");
    for (NodeId p : spec.participantIds()) {
      ctx.send(p, 0, new PcMessage.Prepare(t));
    }
    arm(t.id(), txn, spec.timeouts().votes(), ctx);
  }

  /** Arms this leader's takeover of {@code id}, {@code after} from now, unless it is decided or armed already. */
  private void arm(long id, Txn t, long after, Context<PcMessage> ctx) {
    if (!t.armed && t.decision == null && !t.ended) {
      t.armed = true;
      ctx.setTimer(ctx.now() + after, Timers.token(id, Timers.VOTES));
    }
  }

  private long patience() {
    return spec.timeouts().votes() + spec.timeouts().retry() * index;
  }

  @Override
  public void recover(List<byte[]> log, Context<PcMessage> ctx) {
    for (byte[] bytes : log) {
      CommitRecord r = PcRecord.decode(bytes);
      Txn t = txn(r.txn());
      if (r instanceof PcRecord.Begin b && coordinator) {
        t.transaction = b.transaction();
        t.begun = true;
      } else if (r instanceof PcRecord.Decided d) {
        if (t.decision != null && t.decision != d.decision()) {
          throw new IllegalStateException(role() + "'s log decides txn " + r.txn() + " both " + t.decision + " and "
              + d.decision());
        }
        t.decision = d.decision();
      } else if (r instanceof PcRecord.End || r instanceof PcRecord.Ended) {
        t.ended = true;
      } else if (r instanceof PcRecord.Promised p) {
        t.promised = Math.max(t.promised, p.ballot());
        t.highest = Math.max(t.highest, p.ballot());
      } else if (r instanceof PcRecord.Accepted a) {
        t.accepted.put(a.participant(), new PcMessage.Accepted(a.participant(), a.ballot(), a.value()));
        t.promised = Math.max(t.promised, a.ballot());
        t.highest = Math.max(t.highest, a.ballot());
      } else {
        throw new IllegalStateException(role() + "'s log holds " + PcRecord.describe(r) + " for txn " + r.txn()
            + ", a record a " + (coordinator ? "coordinator" : "backup leader") + " never writes");
      }
    }
    ctx.count("recoveries", 1);
    txns.forEach((id, t) -> {
      if (t.decision != null) {
        ctx.outcome(id, t.decision);
        if (!t.ended) {
          announce(id, t, ctx);
        }
      } else if (!t.ended) {
        arm(id, t, coordinator ? 0 : patience(), ctx); // it may have been the leader: find out what was chosen
      }
    });
  }

  @Override
  public void timer(long token, Context<PcMessage> ctx) {
    long id = Timers.txn(token);
    Txn t = txns.get(id);
    if (t == null) {
      return;
    }
    if (Timers.kind(token) == Timers.VOTES) {
      t.armed = false;
      if (t.decision == null && !t.ended) {
        takeOver(id, t, ctx);
        arm(id, t, spec.timeouts().retry() * layout.acceptorCount(), ctx);
      }
    } else if (Timers.kind(token) == Timers.SIXTH && t.decision != null && !t.ended) {
      for (NodeId p : pendingAcks(t)) {
        ctx.send(p, 0, new PcMessage.Decision(id, t.decision));
        ctx.count("decisions.resent", 1);
      }
      ctx.setTimer(ctx.now() + spec.timeouts().retry(), Timers.token(id, Timers.SIXTH));
    }
  }

  /** Phase 1 at a ballot of this leader's above every ballot it has seen. */
  private void takeOver(long id, Txn t, Context<PcMessage> ctx) {
    int count = layout.acceptorCount();
    long attempt = t.highest / count + 1;
    t.ballot = attempt * count + index;
    t.highest = t.ballot;
    t.promises.clear();
    ctx.count("paxos.takeovers", 1);
    PaxosCommit.state(ctx, role(), id, "WAIT", "LEADING", "no decision: phase 1 at ballot " + t.ballot);
    PcMessage.Phase1a ask = new PcMessage.Phase1a(id, t.ballot);
    for (NodeId a : layout.acceptors()) {
      if (a.equals(self)) {
        phase1a(self, ask, ctx);
      } else {
        ctx.send(a, 0, ask);
      }
    }
  }

  @Override
  public void receive(NodeId from, int round, PcMessage m, Context<PcMessage> ctx) {
    long id = m.txn();
    if (m instanceof PcMessage.Phase2a a) {
      phase2a(from, a, ctx);
    } else if (m instanceof PcMessage.Phase1a a && layout.isLeader(from)) {
      phase1a(from, a, ctx);
    } else if (m instanceof PcMessage.Phase1b b && layout.isLeader(from)) {
      phase1b(from, b, ctx);
    } else if (m instanceof PcMessage.Phase2b b && layout.isLeader(from)) {
      phase2b(from, b, ctx);
    } else if (m instanceof PcMessage.Ack && spec.participantIds().contains(from)) {
      Txn t = txns.get(id);
      if (t != null && t.decision != null && !t.ended && t.acks.add(from) && pendingAcks(t).isEmpty()) {
        end(id, t, ctx);
      } else if (t != null && t.ended || t == null && coordinator) {
        ctx.send(from, 0, new PcMessage.Ended(id));
      }
    } else if (m instanceof PcMessage.DecisionRequest && spec.participantIds().contains(from)) {
      Txn t = txns.get(id);
      if (t != null && t.decision != null) {
        ctx.send(from, 0, new PcMessage.Decision(id, t.decision));
      } else if (coordinator && (t == null || !t.begun)) {
        ctx.send(from, 0, new PcMessage.Decision(id, Verdict.ABORT)); // never begun: presumed abort
      } else {
        arm(id, txn(id), coordinator ? 0 : patience(), ctx);
      }
    } else if (m instanceof PcMessage.Decision d && layout.isLeader(from)) {
      Txn t = txn(id);
      if (t.decision == null) {
        t.decision = d.verdict();
        ctx.persist(PcRecord.encode(new PcRecord.Decided(id, d.verdict())));
        ctx.outcome(id, d.verdict());
        ctx.cancelTimer(Timers.token(id, Timers.VOTES));
        t.armed = false;
      } else if (t.decision != d.verdict()) {
        ctx.count("decisions.contradicted", 1);
      }
    } else if (m instanceof PcMessage.Ended && layout.isLeader(from)) {
      Txn t = txn(id);
      if (!t.ended) {
        t.ended = true;
        ctx.cancelTimer(Timers.token(id, Timers.VOTES));
        ctx.cancelTimer(Timers.token(id, Timers.SIXTH));
        ctx.persist(PcRecord.encode(new PcRecord.Ended(id)));
      }
    } else {
      ctx.count("messages.ignored", 1);
    }
  }

  private void phase2a(NodeId from, PcMessage.Phase2a a, Context<PcMessage> ctx) {
    boolean own = a.ballot() == 0 && from.index() == a.participant() && from.index() >= 1
        && from.index() <= spec.participants();
    if (!own && !(a.ballot() > 0 && layout.leaderOf(a.ballot()).equals(from))) {
      ctx.count("messages.ignored", 1); // a ballot is its owner's to propose in
      return;
    }
    Txn t = txn(a.txn());
    t.highest = Math.max(t.highest, a.ballot());
    if (a.ballot() < t.promised) {
      ctx.count("paxos.refused", 1);
      return;
    }
    PcMessage.Accepted before = t.accepted.get(a.participant());
    if (before == null || before.ballot() != a.ballot()) {
      ctx.persist(PcRecord.encode(new PcRecord.Accepted(a.txn(), a.participant(), a.ballot(), a.value())));
      t.accepted.put(a.participant(), new PcMessage.Accepted(a.participant(), a.ballot(), a.value()));
      t.promised = Math.max(t.promised, a.ballot());
    }
    PcMessage.Accepted now = t.accepted.get(a.participant());
    PcMessage.Phase2b b = new PcMessage.Phase2b(a.txn(), a.participant(), now.ballot(), now.value());
    NodeId leader = layout.leaderOf(a.ballot());
    if (leader.equals(self)) {
      phase2b(self, b, ctx);
    } else {
      ctx.send(leader, 0, b);
    }
    arm(a.txn(), t, coordinator ? spec.timeouts().votes() : patience(), ctx);
  }

  private void phase1a(NodeId from, PcMessage.Phase1a a, Context<PcMessage> ctx) {
    Txn t = txn(a.txn());
    t.highest = Math.max(t.highest, a.ballot());
    if (a.ballot() <= t.promised) {
      ctx.count("paxos.refused", 1);
      return;
    }
    t.promised = a.ballot();
    ctx.persist(PcRecord.encode(new PcRecord.Promised(a.txn(), a.ballot())));
    PcMessage.Phase1b b = new PcMessage.Phase1b(a.txn(), a.ballot(), new ArrayList<>(t.accepted.values()));
    if (from.equals(self)) {
      phase1b(self, b, ctx);
    } else {
      ctx.send(from, 0, b);
    }
    arm(a.txn(), t, coordinator ? spec.timeouts().votes() : patience(), ctx);
  }

  private void phase1b(NodeId from, PcMessage.Phase1b b, Context<PcMessage> ctx) {
    Txn t = txns.get(b.txn());
    if (t == null || t.decision != null || b.ballot() != t.ballot || t.promises.containsKey(from)) {
      return;
    }
    t.promises.put(from, b.accepted());
    if (t.promises.size() != layout.majority()) {
      return;
    }
    for (NodeId p : spec.participantIds()) {
      PcMessage.Accepted best = null;
      for (List<PcMessage.Accepted> list : t.promises.values()) {
        for (PcMessage.Accepted a : list) {
          if (a.participant() == p.index() && (best == null || a.ballot() > best.ballot())) {
            best = a;
          }
        }
      }
      PcMessage.Value v = best == null ? PcMessage.Value.ABORTED : best.value();
      PcMessage.Phase2a propose = new PcMessage.Phase2a(b.txn(), p.index(), t.ballot, v);
      for (NodeId a : layout.acceptors()) {
        if (a.equals(self)) {
          phase2a(self, propose, ctx);
        } else {
          ctx.send(a, 0, propose);
        }
      }
    }
  }

  private void phase2b(NodeId from, PcMessage.Phase2b b, Context<PcMessage> ctx) {
    Txn t = txn(b.txn());
    if (t.decision != null || !layout.leaderOf(b.ballot()).equals(self)) {
      return;
    }
    Set<NodeId> by = t.votes.computeIfAbsent(b.participant(), k -> new TreeMap<>()).computeIfAbsent(b.ballot(),
        k -> new TreeSet<>());
    if (by.add(from) && by.size() == layout.majority()) {
      t.chosen.put(b.participant(), b.value());
    }
    if (t.chosen.containsValue(PcMessage.Value.ABORTED)) {
      decide(b.txn(), t, Verdict.ABORT, ctx);
    } else if (t.chosen.size() == spec.participants()) {
      decide(b.txn(), t, Verdict.COMMIT, ctx);
    }
  }

  private void decide(long id, Txn t, Verdict v, Context<PcMessage> ctx) {
    t.decision = v;
    ctx.cancelTimer(Timers.token(id, Timers.VOTES));
    t.armed = false;
    ctx.persist(PcRecord.encode(new PcRecord.Decided(id, v)));
    PaxosCommit.state(ctx, role(), id, "WAIT", v.name(), v == Verdict.COMMIT ? "every instance chose a vote to commit"
        : "an instance chose ABORTED");
    ctx.outcome(id, v);
    ctx.count(v == Verdict.COMMIT ? "decisions.commit" : "decisions.abort", 1);
    for (NodeId other : layout.acceptors()) {
      if (!other.equals(self)) {
        ctx.send(other, 0, new PcMessage.Decision(id, v));
      }
    }
    if (pendingAcks(t).isEmpty()) {
      end(id, t, ctx);
    } else {
      announce(id, t, ctx);
    }
  }

  private void announce(long id, Txn t, Context<PcMessage> ctx) {
    for (NodeId p : pendingAcks(t)) {
      ctx.send(p, 0, new PcMessage.Decision(id, t.decision));
    }
    ctx.setTimer(ctx.now() + spec.timeouts().retry(), Timers.token(id, Timers.SIXTH));
  }

  private void end(long id, Txn t, Context<PcMessage> ctx) {
    t.ended = true;
    ctx.cancelTimer(Timers.token(id, Timers.SIXTH));
    ctx.persist(PcRecord.encode(new PcRecord.End(id)));
    for (NodeId p : spec.participantIds()) {
      if (t.chosen.get(p.index()) != PcMessage.Value.READ_ONLY) {
        ctx.send(p, 0, new PcMessage.Ended(id));
      }
    }
    for (NodeId other : layout.acceptors()) {
      if (!other.equals(self)) {
        ctx.send(other, 0, new PcMessage.Ended(id));
      }
    }
  }

  /** The participants that take part in phase two and have not acknowledged. */
  private List<NodeId> pendingAcks(Txn t) {
    return spec.participantIds().stream()
        .filter(p -> t.chosen.get(p.index()) != PcMessage.Value.READ_ONLY && !t.acks.contains(p)).toList();
  }
}
