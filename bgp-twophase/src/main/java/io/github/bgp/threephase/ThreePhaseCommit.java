package io.github.bgp.threephase;

import io.github.bgp.api.CommitOutcome;
import io.github.bgp.api.CommitProtocol;
import io.github.bgp.api.CommitSpec;
import io.github.bgp.api.NodeId;
import io.github.bgp.api.Verdict;
import io.github.bgp.api.Vote;
import io.github.bgp.spi.Codec;
import io.github.bgp.spi.Environment;
import io.github.bgp.spi.Node;
import io.github.bgp.spi.Setup;
import io.github.bgp.twophase.Timers;
import io.github.bgp.twophase.internal.CommitRecord;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Three-phase commit (Skeen 1981): two-phase commit with a pre-commit state between the vote and
 * the decision, so that no participant can commit while another is still uncertain, and the
 * participants can finish a transaction without a dead coordinator. Phase 1: vote (as 2PC). Phase
 * 2: if every vote is to commit, the coordinator logs PRECOMMIT and sends PRE-COMMIT; each
 * participant logs PRECOMMITTED and acknowledges. Phase 3: the coordinator logs COMMIT (having
 * every acknowledgement, or at the timeout) and announces it. A participant left without a decision
 * runs the <em>termination protocol</em> as backup coordinator ({@link TpParticipant}): any COMMIT
 * or ABORT it hears decides; any PRECOMMIT, it pre-commits the uncertain ones and commits; all
 * uncertain, it aborts, which is safe only because nobody can have committed without everyone
 * pre-committing.
 *
 * <p><b>Its flaw.</b> That reasoning takes a silent node for a crashed one. Under a network
 * partition it is not: the coordinator, not hearing from the participants cut off, commits with
 * those on its side, while those cut off, all uncertain, abort. The simulator shows it
 * ({@code Faults.Partition}), and the commit search finds and shrinks such a run; lost messages
 * can do the same. Without partitions or loss, a coordinator that crashes for good right after its
 * decision leaves nobody blocked, unlike 2PC.
 *
 * <p>The same durable-log discipline as 2PC (a record is forced before what depends on it leaves)
 * and the same participant side ({@code ResourceSide}); F ({@link CommitSpec#tolerance()}) plays no
 * part. Messages when nothing fails and everyone votes to commit: 7p per transaction (vote request,
 * vote, pre-commit, its acknowledgement, decision, acknowledgement, end), against 2PC's 5p; forced
 * log writes: BEGIN, PRECOMMIT, DECIDED, END at the coordinator, READY, PRECOMMITTED, OUTCOME,
 * ENDED at each participant.
 *
 * <p>Registered under the name {@code 3pc}: {@code Protocols.commit("3pc")}.
 *
 * @since 0.1.0
 */
public final class ThreePhaseCommit implements CommitProtocol {

  /** The provider that {@link io.github.bgp.api.Protocols} instantiates through {@code ServiceLoader}. */
  public ThreePhaseCommit() {}

  /** The name this protocol is registered under. */
  public static final String NAME = "3pc";

  private static final String[] TIMERS = {"", "vote timeout", "retry (decision or termination)", "prepare timeout",
      "end wait", "resource backoff", "pre-commit wait", "state collection"};

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String summary() {
    return "three-phase commit (Skeen 1981): a pre-commit state and a termination protocol, so a dead coordinator"
        + " blocks nobody; a network partition can make it commit on one side and abort on the other";
  }

  @Override
  public Setup<?> create(CommitSpec spec, Environment environment) {
    return new Setup<TpMessage>() {
      @Override
      public Codec<TpMessage> codec() {
        return TpMessage.CODEC;
      }

      @Override
      public Node<TpMessage> node(NodeId id) {
        if (id.equals(spec.coordinator())) {
          return new TpCoordinator(spec);
        }
        if (id.index() > spec.participants()) {
          throw new IllegalArgumentException(id + " is neither the coordinator (0) nor one of the "
              + spec.participants() + " participants");
        }
        return new TpParticipant(spec, id, environment.cluster(), environment.instance());
      }

      @Override
      public String describe(TpMessage m) {
        String name = m.getClass().getSimpleName().replaceAll("([a-z])([A-Z])", "$1-$2").toUpperCase(
            java.util.Locale.ROOT);
        if (m instanceof TpMessage.Cast c) {
          return "VOTE-" + c.vote() + " txn " + m.txn();
        }
        if (m instanceof TpMessage.Decision d) {
          return "GLOBAL-" + d.verdict() + " txn " + m.txn();
        }
        if (m instanceof TpMessage.State s) {
          return "STATE " + s.phase() + " txn " + m.txn();
        }
        return name + " txn " + m.txn();
      }

      @Override
      public String describeTimer(long token) {
        return Timers.describe(token, TIMERS);
      }

      @Override
      public String describeRecord(byte[] record) {
        try {
          CommitRecord r = TpRecord.decode(record);
          return TpRecord.describe(r) + " txn " + r.txn();
        } catch (IllegalArgumentException e) {
          return "a damaged record (" + e.getMessage() + ")";
        }
      }
    };
  }

  static void state(Node.Context<TpMessage> ctx, String role, long txn, String from, String to, String why) {
    if (ctx.tracing()) {
      ctx.note("state", Map.of("role", role, "txn", Long.toString(txn), "from", from, "to", to, "why", why));
    }
  }

  @Override
  public Optional<Milestone> milestone(byte[] record) {
    CommitRecord r = TpRecord.decode(record);
    if (r instanceof TpRecord.Decided) {
      return Optional.of(Milestone.DECISION);
    }
    if (r instanceof TpRecord.Ready || r instanceof TpRecord.Voted) {
      return Optional.of(Milestone.VOTE);
    }
    return Optional.empty();
  }

  private static List<CommitRecord> records(List<byte[]> log) {
    List<CommitRecord> out = new ArrayList<>();
    log.forEach(b -> out.add(TpRecord.decode(b)));
    return out;
  }

  /**
   * What the logs show. A transaction's decision is the coordinator's, or, if it logged none, a
   * backup's; decisions that differ between nodes are counted ({@code decisions.split}) and show
   * as a transaction that is not atomic.
   */
  @Override
  public CommitOutcome outcome(CommitSpec spec, Map<NodeId, List<byte[]>> logs, Set<NodeId> down, Set<Long> expected) {
    SortedMap<String, Long> counted = new TreeMap<>();
    Map<Long, Verdict> decisions = new TreeMap<>();
    Map<Long, Verdict> backups = new TreeMap<>();
    TreeSet<Long> ids = new TreeSet<>(expected);
    for (CommitRecord r : records(logs.getOrDefault(spec.coordinator(), List.of()))) {
      ids.add(r.txn());
      if (r instanceof TpRecord.Decided d && decisions.putIfAbsent(d.txn(), d.decision()) != null
          && decisions.get(d.txn()) != d.decision()) {
        counted.merge("log.contradictions", 1L, Long::sum);
      }
    }
    Map<NodeId, Map<Long, CommitOutcome.State>> states = new TreeMap<>();
    Map<NodeId, Map<Long, Vote>> votes = new TreeMap<>();
    for (NodeId p : spec.participantIds()) {
      Map<Long, CommitOutcome.State> byTxn = new TreeMap<>();
      Map<Long, Vote> cast = new TreeMap<>();
      for (CommitRecord r : records(logs.getOrDefault(p, List.of()))) {
        ids.add(r.txn());
        CommitOutcome.State s = byTxn.get(r.txn());
        if (r instanceof TpRecord.Ready) {
          byTxn.putIfAbsent(r.txn(), CommitOutcome.State.READY);
          cast.putIfAbsent(r.txn(), Vote.COMMIT);
        } else if (r instanceof TpRecord.Voted v) {
          byTxn.putIfAbsent(r.txn(), v.vote() == Vote.ABORT ? CommitOutcome.State.ABORT
              : CommitOutcome.State.READ_ONLY);
          cast.putIfAbsent(r.txn(), v.vote());
        } else if (r instanceof TpRecord.Outcome o) {
          CommitOutcome.State logged = o.outcome() == Verdict.COMMIT ? CommitOutcome.State.COMMIT
              : CommitOutcome.State.ABORT;
          if (s == null || s == CommitOutcome.State.READY) {
            byTxn.put(r.txn(), logged);
          } else if (s != logged) {
            counted.merge("log.contradictions", 1L, Long::sum);
          }
        } else if (r instanceof TpRecord.Decided d) {
          Verdict before = backups.putIfAbsent(d.txn(), d.decision());
          if (before != null && before != d.decision()) {
            counted.merge("decisions.split", 1L, Long::sum);
          }
        }
      }
      states.put(p, byTxn);
      votes.put(p, cast);
    }
    backups.forEach((id, v) -> {
      Verdict coordinator = decisions.get(id);
      if (coordinator == null) {
        decisions.put(id, v);
      } else if (coordinator != v) {
        counted.merge("decisions.split", 1L, Long::sum);
      }
    });
    SortedMap<Long, CommitOutcome.Txn> txns = new TreeMap<>();
    for (long id : ids) {
      SortedMap<NodeId, CommitOutcome.State> byNode = new TreeMap<>();
      SortedMap<NodeId, Vote> castBy = new TreeMap<>();
      for (NodeId p : spec.participantIds()) {
        byNode.put(p, states.get(p).getOrDefault(id, CommitOutcome.State.INIT));
        Vote v = votes.get(p).get(id);
        if (v != null) {
          castBy.put(p, v);
        }
      }
      Optional<Verdict> decision = Optional.ofNullable(decisions.get(id));
      txns.put(id, new CommitOutcome.Txn(id, decision, byNode, castBy, blocked(spec, decision, byNode, down)));
    }
    return CommitOutcome.fromLogs(NAME, spec, txns, counted);
  }

  private static Optional<String> blocked(CommitSpec spec, Optional<Verdict> decision,
      SortedMap<NodeId, CommitOutcome.State> states, Set<NodeId> down) {
    List<String> uncertain = new ArrayList<>();
    List<String> silent = new ArrayList<>();
    states.forEach((p, s) -> {
      if (s == CommitOutcome.State.READY) {
        uncertain.add(p.toString());
      } else if (s == CommitOutcome.State.INIT) {
        silent.add(p.toString());
      }
    });
    if (uncertain.isEmpty() && silent.isEmpty()) {
      return Optional.empty();
    }
    if (decision.isEmpty() && uncertain.isEmpty() && silent.size() == states.size()) {
      return Optional.empty(); // never begun
    }
    List<String> why = new ArrayList<>();
    if (!uncertain.isEmpty()) {
      why.add("participants " + String.join(", ", uncertain) + " voted COMMIT and never learned the outcome"
          + (down.containsAll(states.keySet()) ? "" : " (the termination protocol did not finish: down at the end "
          + down + ")"));
    }
    if (!silent.isEmpty()) {
      why.add("participants " + String.join(", ", silent) + " logged nothing for it");
    }
    decision.ifPresent(d -> why.add("the decision was " + d + (down.contains(spec.coordinator())
        ? " and the coordinator is down" : "")));
    return Optional.of(String.join("; ", why));
  }

  @Override
  public boolean settled(CommitSpec spec, NodeId node, Set<Long> txns, List<byte[]> log) {
    Set<Long> done = new HashSet<>();
    boolean coordinator = node.equals(spec.coordinator());
    for (CommitRecord r : records(log)) {
      if (coordinator ? r instanceof TpRecord.End : r instanceof TpRecord.Ended
          || r instanceof TpRecord.Voted v && v.vote() == Vote.READ_ONLY) {
        done.add(r.txn());
      }
    }
    return done.containsAll(txns);
  }

  @Override
  public Map<Long, List<String>> describeLog(List<byte[]> log) {
    Map<Long, List<String>> byTxn = new LinkedHashMap<>();
    for (CommitRecord r : records(log)) {
      byTxn.computeIfAbsent(r.txn(), k -> new ArrayList<>()).add(TpRecord.describe(r));
    }
    return byTxn;
  }
}
