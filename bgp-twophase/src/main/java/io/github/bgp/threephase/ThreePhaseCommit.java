package io.github.bgp.threephase;

import io.github.bgp.api.CommitOutcome;
import io.github.bgp.api.CommitProtocol;
import io.github.bgp.api.CommitSpec;
import io.github.bgp.api.NodeId;
import io.github.bgp.api.Verdict;
import io.github.bgp.api.Vote;
import io.github.bgp.spi.Environment;
import io.github.bgp.spi.Node;
import io.github.bgp.spi.Setup;
import io.github.bgp.twophase.Timers;
import io.github.bgp.twophase.internal.CommitLogs;
import io.github.bgp.twophase.internal.CommitRecord;
import io.github.bgp.twophase.internal.CommitSetup;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

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
    return new CommitSetup<TpMessage>(TpMessage.CODEC, t -> Timers.describe(t, TIMERS), TpRecord::decode,
        TpRecord::describe) {
      @Override
      public Node<TpMessage> node(NodeId id) {
        if (id.equals(spec.coordinator())) {
          return new TpCoordinator(spec);
        }
        return new TpParticipant(spec, CommitSetup.participant(spec, id), environment.cluster(),
            environment.instance());
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
    };
  }

  @Override
  public Optional<Milestone> milestone(byte[] record) {
    return CommitLogs.milestone(TpRecord.decode(record));
  }

  private static List<CommitRecord> records(List<byte[]> log) {
    return CommitLogs.records(log, TpRecord::decode);
  }

  /**
   * What the logs show. A transaction's decision is the coordinator's, or, if it logged none, a
   * backup's; decisions that differ between nodes are counted ({@code decisions.split}) and show
   * as a transaction that is not atomic.
   */
  @Override
  public CommitOutcome outcome(CommitSpec spec, Map<NodeId, List<byte[]>> logs, Set<NodeId> down, Set<Long> expected) {
    CommitLogs read = new CommitLogs(spec, TpRecord::decode, expected);
    Map<Long, Verdict> decisions = new TreeMap<>();
    Map<Long, Verdict> backups = new TreeMap<>();
    for (CommitRecord r : read.records(logs.getOrDefault(spec.coordinator(), List.of()))) {
      read.saw(r.txn());
      if (r instanceof TpRecord.Decided d && decisions.putIfAbsent(d.txn(), d.decision()) != null
          && decisions.get(d.txn()) != d.decision()) {
        read.count("log.contradictions");
      }
    }
    read.participants(logs, (p, r) -> {
      if (r instanceof TpRecord.Decided d) {
        Verdict before = backups.putIfAbsent(d.txn(), d.decision());
        if (before != null && before != d.decision()) {
          read.count("decisions.split");
        }
      }
    });
    backups.forEach((id, v) -> {
      Verdict coordinator = decisions.get(id);
      if (coordinator == null) {
        decisions.put(id, v);
      } else if (coordinator != v) {
        read.count("decisions.split");
      }
    });
    return read.outcome(NAME, decisions, (decision, uncertain, silent) -> blocked(spec, decision, uncertain, silent,
        down));
  }

  private static String blocked(CommitSpec spec, Optional<Verdict> decision, List<NodeId> uncertain,
      List<NodeId> silent, Set<NodeId> down) {
    List<String> why = new ArrayList<>();
    if (!uncertain.isEmpty()) {
      why.add("participants " + CommitLogs.names(uncertain) + " voted COMMIT and never learned the outcome"
          + (down.containsAll(spec.participantIds()) ? "" : " (the termination protocol did not finish: down at the"
          + " end " + down + ")"));
    }
    if (!silent.isEmpty()) {
      why.add("participants " + CommitLogs.names(silent) + " logged nothing for it");
    }
    decision.ifPresent(d -> why.add("the decision was " + d + (down.contains(spec.coordinator())
        ? " and the coordinator is down" : "")));
    return String.join("; ", why);
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
    return CommitLogs.describe(log, TpRecord::decode, TpRecord::describe);
  }
}
