package io.github.bgp.twophase;

import io.github.bgp.api.CommitOutcome;
import io.github.bgp.api.CommitProtocol;
import io.github.bgp.api.CommitSpec;
import io.github.bgp.api.NodeId;
import io.github.bgp.api.Verdict;
import io.github.bgp.api.Vote;
import io.github.bgp.spi.Environment;
import io.github.bgp.spi.Setup;
import io.github.bgp.twophase.internal.CommitLogs;
import io.github.bgp.twophase.internal.CommitRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Two-phase commit (Gray; CS162 lecture 24): a coordinator, given transactions by its
 * application, asks every participant to vote, logs
 * and announces COMMIT only if all voted COMMIT, ABORT otherwise; every node keeps a durable
 * log, forced before a decision or a promise leaves, and recovers from it after a crash as the
 * seed's table says. Timeouts: the coordinator aborts a transaction whose votes do not all
 * arrive; a participant aborts one whose vote request does not arrive; a participant that voted
 * COMMIT (READY) cannot abort on its own and waits, asking the coordinator and its peers
 * (cooperative termination) until someone who knows tells it, or it is blocked.
 *
 * <p>Registered under the name {@code 2pc}: {@code Protocols.commit("2pc")}.
 *
 * @since 0.1.0
 */
public final class TwoPhaseCommit implements CommitProtocol {

  /** The provider that {@link io.github.bgp.api.Protocols} instantiates through {@code ServiceLoader}. */
  public TwoPhaseCommit() {}

  /** The name this protocol is registered under. */
  public static final String NAME = "2pc";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String summary() {
    return "two-phase commit with a durable log, timeouts, recovery and cooperative termination: all or nothing,"
        + " blocking only while the coordinator is down and every participant is uncertain";
  }

  @Override
  public Setup<?> create(CommitSpec spec, Environment environment) {
    return new TpcCommit(spec, environment);
  }

  @Override
  public Optional<Milestone> milestone(byte[] record) {
    return CommitLogs.milestone(TpcRecord.decode(record));
  }

  @Override
  public CommitOutcome outcome(CommitSpec spec, Map<NodeId, List<byte[]>> logs, Set<NodeId> down, Set<Long> expected) {
    CommitLogs read = new CommitLogs(spec, TpcRecord::decode, expected);
    Map<Long, Verdict> decisions = new TreeMap<>();
    for (CommitRecord r : read.records(logs.getOrDefault(spec.coordinator(), List.of()))) {
      read.saw(r.txn());
      if (r instanceof TpcRecord.Decided d) {
        Verdict before = decisions.putIfAbsent(d.txn(), d.decision());
        if (before != null && before != d.decision()) {
          read.count("log.contradictions");
        }
      }
    }
    read.participants(logs, (p, r) -> {});
    return read.outcome(NAME, decisions, (decision, uncertain, silent) -> blocked(spec, decision, uncertain, silent,
        down));
  }

  /** Why a transaction is undecided somewhere at the end. */
  private static String blocked(CommitSpec scenario, Optional<Verdict> decision, List<NodeId> uncertain,
      List<NodeId> silent, Set<NodeId> down) {
    StringBuilder why = new StringBuilder();
    if (!uncertain.isEmpty()) {
      why.append(who(uncertain)).append(" voted COMMIT and never learned the outcome (READY)");
      if (decision.isPresent()) {
        why.append("; the coordinator decided ").append(decision.get());
        why.append(down.contains(scenario.coordinator()) ? " and is down" : " but its announcement did not get through");
      } else {
        why.append(down.contains(scenario.coordinator())
            ? "; the coordinator is down without having decided, and no participant knew the outcome"
            : "; the coordinator has not decided");
      }
    }
    if (!silent.isEmpty()) {
      if (why.length() > 0) {
        why.append("; ");
      }
      why.append(who(silent)).append(" logged nothing for it");
    }
    List<NodeId> downParticipants = new ArrayList<>();
    for (NodeId p : scenario.participantIds()) {
      if (down.contains(p)) {
        downParticipants.add(p);
      }
    }
    if (!downParticipants.isEmpty()) {
      why.append(" (down at the end: ").append(who(downParticipants)).append(')');
    }
    return why.toString();
  }

  private static String who(List<NodeId> ids) {
    return (ids.size() == 1 ? "participant " : "participants ") + CommitLogs.names(ids);
  }

  private static List<CommitRecord> records(List<byte[]> log) {
    return CommitLogs.records(log, TpcRecord::decode);
  }

  @Override
  public boolean settled(CommitSpec spec, NodeId node, Set<Long> txns, List<byte[]> log) {
    Set<Long> done = new java.util.HashSet<>();
    Set<Long> readOnly = new java.util.HashSet<>();
    boolean coordinator = node.equals(spec.coordinator());
    for (CommitRecord r : records(log)) {
      if (coordinator ? r instanceof TpcRecord.End : r instanceof TpcRecord.Ended) {
        done.add(r.txn());
      } else if (r instanceof TpcRecord.Voted v && v.vote() == Vote.READ_ONLY) {
        readOnly.add(r.txn());
      }
    }
    return txns.stream().allMatch(t -> done.contains(t) || readOnly.contains(t));
  }

  @Override
  public Map<Long, List<String>> describeLog(List<byte[]> log) {
    return CommitLogs.describe(log, TpcRecord::decode, TpcRecord::describe);
  }
}
