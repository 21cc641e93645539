package io.github.bgp.twophase;

import io.github.bgp.api.Commit;
import io.github.bgp.api.CommitOutcome;
import io.github.bgp.api.CommitProtocol;
import io.github.bgp.api.CommitScenario;
import io.github.bgp.api.Environment;
import io.github.bgp.api.NodeId;
import io.github.bgp.api.Resource;
import io.github.bgp.api.Transaction;
import io.github.bgp.api.Verdict;
import io.github.bgp.api.Vote;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Two-phase commit (Gray; CS162 lecture 24): a coordinator asks every participant to vote, logs
 * and announces COMMIT only if all voted COMMIT, ABORT otherwise; every node keeps a durable
 * log, forced before a decision or a promise leaves, and recovers from it after a crash as the
 * seed's table says. Timeouts: the coordinator aborts a transaction whose votes do not all
 * arrive; a participant aborts one whose vote request does not arrive; a participant that voted
 * COMMIT (READY) cannot abort on its own and waits, asking the coordinator and its peers
 * (cooperative termination) until someone who knows tells it, or it is blocked.
 *
 * <p>Registered under the name {@code 2pc}: {@code Protocols.byName("2pc", CommitProtocol.class)}.
 */
public final class TwoPhaseCommit implements CommitProtocol {

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
  public Commit<?> create(CommitScenario scenario, Environment environment, Function<NodeId, Resource> resources) {
    return new TpcCommit(scenario, resources);
  }

  @Override
  public Function<NodeId, Resource> scriptedResources(CommitScenario scenario) {
    return id -> new ScriptedResource(scenario, id);
  }

  @Override
  public CommitOutcome outcome(CommitScenario scenario, Map<NodeId, List<byte[]>> logs, Set<NodeId> down,
      long messages, Map<String, Long> counters, List<String> events) {
    SortedMap<String, Long> counted = new TreeMap<>(counters);
    Map<Long, Verdict> decisions = new TreeMap<>();
    for (TpcRecord r : records(logs.getOrDefault(scenario.coordinator(), List.of()))) {
      if (r instanceof TpcRecord.Decided d) {
        Verdict before = decisions.putIfAbsent(d.txn(), d.decision());
        if (before != null && before != d.decision()) {
          counted.merge("log.contradictions", 1L, Long::sum);
        }
      }
    }
    Map<NodeId, Map<Long, CommitOutcome.State>> states = new TreeMap<>();
    for (NodeId p : scenario.participantIds()) {
      Map<Long, CommitOutcome.State> byTxn = new TreeMap<>();
      for (TpcRecord r : records(logs.getOrDefault(p, List.of()))) {
        CommitOutcome.State s = byTxn.get(r.txn());
        if (r instanceof TpcRecord.Ready) {
          byTxn.putIfAbsent(r.txn(), CommitOutcome.State.READY);
        } else if (r instanceof TpcRecord.Outcome o) {
          CommitOutcome.State logged = o.outcome() == Verdict.COMMIT ? CommitOutcome.State.COMMIT : CommitOutcome.State.ABORT;
          if (s == null || s == CommitOutcome.State.READY) {
            byTxn.put(r.txn(), logged);
          } else if (s != logged) {
            counted.merge("log.contradictions", 1L, Long::sum);
          }
        }
      }
      states.put(p, byTxn);
    }
    SortedMap<Long, CommitOutcome.Txn> txns = new TreeMap<>();
    for (CommitScenario.Txn spec : scenario.transactions()) {
      long id = spec.transaction().id();
      SortedMap<NodeId, CommitOutcome.State> byNode = new TreeMap<>();
      for (NodeId p : scenario.participantIds()) {
        byNode.put(p, states.get(p).getOrDefault(id, CommitOutcome.State.INIT));
      }
      Optional<Verdict> decision = Optional.ofNullable(decisions.get(id));
      txns.put(id, new CommitOutcome.Txn(id, decision, byNode, blocked(scenario, decision, byNode, down)));
    }
    return new CommitOutcome(NAME, scenario, txns, messages, counted, events);
  }

  /** Why a transaction is undecided somewhere at the end, if it is. */
  private static Optional<String> blocked(CommitScenario scenario, Optional<Verdict> decision,
      SortedMap<NodeId, CommitOutcome.State> states, Set<NodeId> down) {
    List<NodeId> uncertain = new ArrayList<>();
    List<NodeId> silent = new ArrayList<>();
    states.forEach((p, s) -> {
      if (s == CommitOutcome.State.READY) {
        uncertain.add(p);
      } else if (s == CommitOutcome.State.INIT) {
        silent.add(p);
      }
    });
    if (uncertain.isEmpty() && silent.isEmpty()) {
      return Optional.empty();
    }
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
    for (NodeId p : states.keySet()) {
      if (down.contains(p)) {
        downParticipants.add(p);
      }
    }
    if (!downParticipants.isEmpty()) {
      why.append(" (down at the end: ").append(who(downParticipants)).append(')');
    }
    return Optional.of(why.toString());
  }

  private static String who(List<NodeId> ids) {
    List<String> names = new ArrayList<>();
    ids.forEach(id -> names.add(id.toString()));
    return (ids.size() == 1 ? "participant " : "participants ") + String.join(", ", names);
  }

  private static List<TpcRecord> records(List<byte[]> log) {
    List<TpcRecord> records = new ArrayList<>();
    for (byte[] bytes : log) {
      records.add(TpcRecord.decode(bytes));
    }
    return records;
  }

  @Override
  public boolean settled(CommitScenario scenario, NodeId node, List<byte[]> log) {
    Set<Long> done = new java.util.HashSet<>();
    boolean coordinator = node.equals(scenario.coordinator());
    for (TpcRecord r : records(log)) {
      if (coordinator ? r instanceof TpcRecord.End : r instanceof TpcRecord.Outcome) {
        done.add(r.txn());
      }
    }
    return scenario.transactions().stream().allMatch(t -> done.contains(t.transaction().id()));
  }

  @Override
  public Map<Long, List<String>> describeLog(List<byte[]> log) {
    Map<Long, List<String>> byTxn = new LinkedHashMap<>();
    for (TpcRecord r : records(log)) {
      byTxn.computeIfAbsent(r.txn(), k -> new ArrayList<>()).add(TpcRecord.describe(r));
    }
    return byTxn;
  }

  /** A resource that votes as the scenario says and keeps nothing else. */
  static final class ScriptedResource implements Resource {
    private final Map<Long, Verdict> votes = new java.util.HashMap<>();

    ScriptedResource(CommitScenario scenario, NodeId id) {
      for (CommitScenario.Txn t : scenario.transactions()) {
        votes.put(t.transaction().id(), t.votes().get(id.index() - 1));
      }
    }

    @Override
    public Vote prepare(Transaction t) {
      Verdict v = votes.get(t.id());
      if (v == null) {
        throw new IllegalArgumentException("no transaction " + t.id() + " in this scenario");
      }
      return v == Verdict.COMMIT ? Vote.COMMIT : Vote.ABORT;
    }

    @Override
    public void commit(Transaction t) {}

    @Override
    public void abort(Transaction t) {}
  }
}
