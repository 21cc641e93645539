package io.github.bgp.paxoscommit;

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
 * Paxos Commit (Gray and Lamport, "Consensus on Transaction Commit", 2006): each participant's vote
 * is decided by its own instance of Paxos among 2F + 1 acceptors, so the transaction's outcome is
 * known to a majority and survives any F of them failing, the coordinator among them.
 *
 * <p><b>Where the acceptors are.</b> With F = {@link CommitSpec#tolerance()}, acceptor 0 is the
 * coordinator (node 0) and acceptors 1..2F are nodes p+1..p+2F, after the participants: an
 * instance runs {@code p + 1 + 2F} nodes ({@link #nodes}). Each acceptor is also a leader (leader
 * j on acceptor j's node); the coordinator is leader 0.
 *
 * <p><b>A transaction.</b> The coordinator logs BEGIN and asks every participant to prepare; each
 * logs its vote and sends it to every acceptor as a phase 2a at ballot 0 (its own); each acceptor
 * logs ACCEPTED and sends a phase 2b to the coordinator, which decides once F + 1 acceptors accepted
 * each vote (COMMIT if all allow it, ABORT at the first ABORTED), logs DECIDED, tells the
 * participants and the other leaders, and logs END once each participant acknowledged. If it does
 * not decide in time (a vote missing, or the coordinator dead), a leader takes over with phase 1 at
 * a higher ballot and chooses, for each instance, the vote accepted before, or ABORTED. Progress
 * needs F + 1 acceptors up; safety needs nothing (Paxos), partitions included.
 *
 * <p><b>2PC is its F = 0 case:</b> one acceptor, the coordinator, which learns the votes and
 * decides; its messages are 2PC's ({@code 5p} a transaction) and its forces too (BEGIN; the votes
 * and the decision in one force; END). The same durable-log discipline as 2PC: a record is forced
 * before anything that depends on it leaves. Messages when nothing fails: {@code p} prepares,
 * {@code p(2F+1)} phase 2a, {@code 2Fp} phase 2b (the coordinator's own acceptor answers itself),
 * {@code p + 2F} decisions, {@code p} acknowledgements, {@code p + 2F} ends:
 * {@code p(4F + 5) + 4F} in all ({@link #messages}).
 *
 * <p>Registered under the name {@code paxos-commit}: {@code Protocols.commit("paxos-commit")}.
 *
 * @since 0.1.0
 */
public final class PaxosCommit implements CommitProtocol {

  /** The provider that {@link io.github.bgp.api.Protocols} instantiates through {@code ServiceLoader}. */
  public PaxosCommit() {}

  /** The name this protocol is registered under. */
  public static final String NAME = "paxos-commit";

  private static final String[] TIMERS = {"", "takeover", "ask for the outcome", "prepare timeout", "end wait",
      "resource backoff", "repeat the decision", ""};

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String summary() {
    return "Paxos Commit (Gray, Lamport 2006): every vote decided by Paxos among 2F+1 acceptors, progress while F+1"
        + " are up, safe under any partition; 2PC is its F = 0 case";
  }

  /** {@code p + 1 + 2F}: the coordinator, the participants, and 2F more acceptors after them. */
  @Override
  public int nodes(CommitSpec spec) {
    return Math.addExact(spec.nodes(), Math.multiplyExact(2, spec.tolerance()));
  }

  /**
   * The messages a transaction takes when nothing fails: {@code p(4F + 5) + 4F}.
   *
   * @param participants p, the participants
   * @param tolerance F, the acceptors that may crash
   * @return the messages of one transaction without failures
   */
  public static long messages(int participants, int tolerance) {
    return (long) participants * (4L * tolerance + 5) + 4L * tolerance;
  }

  /** Where the acceptors and leaders of an instance are. */
  static final class Layout {
    private final CommitSpec spec;
    private final List<NodeId> acceptors;

    Layout(CommitSpec spec) {
      this.spec = spec;
      List<NodeId> a = new ArrayList<>();
      a.add(spec.coordinator());
      for (int j = 1; j <= 2 * spec.tolerance(); j++) {
        a.add(NodeId.of(spec.participants() + j));
      }
      this.acceptors = List.copyOf(a);
    }

    NodeId coordinator() {
      return spec.coordinator();
    }

    /** The acceptors, acceptor j at index j: node 0, then nodes p+1..p+2F. */
    List<NodeId> acceptors() {
      return acceptors;
    }

    int acceptorCount() {
      return acceptors.size();
    }

    /** F + 1. */
    int majority() {
      return spec.tolerance() + 1;
    }

    int acceptorIndex(NodeId node) {
      int j = acceptors.indexOf(node);
      if (j < 0) {
        throw new IllegalArgumentException(node + " is not an acceptor");
      }
      return j;
    }

    boolean isLeader(NodeId node) {
      return acceptors.contains(node);
    }

    /** The leader whose ballot {@code ballot} is: the coordinator for ballot 0 (the participants' own votes). */
    NodeId leaderOf(long ballot) {
      return acceptors.get((int) (ballot % acceptors.size()));
    }
  }

  @Override
  public Setup<?> create(CommitSpec spec, Environment environment) {
    Layout layout = new Layout(spec);
    int nodes = nodes(spec);
    return new CommitSetup<PcMessage>(PcMessage.CODEC, t -> Timers.describe(t, TIMERS), PcRecord::decode,
        PcRecord::describe) {
      @Override
      public Node<PcMessage> node(NodeId id) {
        if (id.index() >= nodes) {
          throw new IllegalArgumentException(id + " is not one of the " + nodes + " nodes (the coordinator, "
              + spec.participants() + " participants and " + 2 * spec.tolerance() + " more acceptors)");
        }
        if (layout.isLeader(id)) {
          return new PcLeader(spec, layout, id);
        }
        return new PcParticipant(spec, layout, id, environment.cluster(), environment.instance());
      }

      @Override
      public String describe(PcMessage m) {
        if (m instanceof PcMessage.Prepare) {
          return "PREPARE txn " + m.txn();
        }
        if (m instanceof PcMessage.Phase2a a) {
          return "2A " + a.value() + " for " + a.participant() + " at " + a.ballot() + " txn " + m.txn();
        }
        if (m instanceof PcMessage.Phase2b b) {
          return "2B " + b.value() + " for " + b.participant() + " at " + b.ballot() + " txn " + m.txn();
        }
        if (m instanceof PcMessage.Phase1a a) {
          return "1A at " + a.ballot() + " txn " + m.txn();
        }
        if (m instanceof PcMessage.Phase1b b) {
          return "1B at " + b.ballot() + " " + b.accepted() + " txn " + m.txn();
        }
        if (m instanceof PcMessage.Decision d) {
          return "GLOBAL-" + d.verdict() + " txn " + m.txn();
        }
        if (m instanceof PcMessage.Ack) {
          return "ACK txn " + m.txn();
        }
        if (m instanceof PcMessage.Ended) {
          return "END txn " + m.txn();
        }
        return "DECISION-REQ txn " + m.txn();
      }
    };
  }

  static void state(Node.Context<PcMessage> ctx, String role, long txn, String from, String to, String why) {
    if (ctx.tracing()) {
      ctx.note("state", Map.of("role", role, "txn", Long.toString(txn), "from", from, "to", to, "why", why));
    }
  }

  @Override
  public Optional<Milestone> milestone(byte[] record) {
    return CommitLogs.milestone(PcRecord.decode(record));
  }

  private static List<CommitRecord> records(List<byte[]> log) {
    return CommitLogs.records(log, PcRecord::decode);
  }

  /**
   * What the logs show. A transaction's decision is the one any leader logged (decisions that
   * differ between leaders are counted, {@code decisions.split}: Paxos makes that impossible).
   */
  @Override
  public CommitOutcome outcome(CommitSpec spec, Map<NodeId, List<byte[]>> logs, Set<NodeId> down, Set<Long> expected) {
    Layout layout = new Layout(spec);
    CommitLogs read = new CommitLogs(spec, PcRecord::decode, expected);
    Map<Long, Verdict> decisions = new TreeMap<>();
    for (NodeId leader : layout.acceptors()) {
      Map<Long, Verdict> own = new TreeMap<>();
      for (CommitRecord r : read.records(logs.getOrDefault(leader, List.of()))) {
        if (r instanceof PcRecord.Begin || r instanceof PcRecord.Decided) {
          read.saw(r.txn());
        }
        if (r instanceof PcRecord.Decided d) {
          Verdict before = own.putIfAbsent(d.txn(), d.decision());
          if (before != null && before != d.decision()) {
            read.count("log.contradictions");
          }
          Verdict other = decisions.putIfAbsent(d.txn(), d.decision());
          if (other != null && other != d.decision()) {
            read.count("decisions.split");
          }
        }
      }
    }
    read.participants(logs, (p, r) -> {});
    return read.outcome(NAME, decisions, (decision, uncertain, silent) -> blocked(layout, decision, uncertain,
        silent, down));
  }

  private static String blocked(Layout layout, Optional<Verdict> decision, List<NodeId> uncertain,
      List<NodeId> silent, Set<NodeId> down) {
    List<String> why = new ArrayList<>();
    if (!uncertain.isEmpty()) {
      why.add("participants " + CommitLogs.names(uncertain) + " voted COMMIT and never learned the outcome");
    }
    if (!silent.isEmpty()) {
      why.add("participants " + CommitLogs.names(silent) + " logged nothing for it");
    }
    List<NodeId> acceptorsDown = new ArrayList<>();
    for (NodeId a : layout.acceptors()) {
      if (down.contains(a)) {
        acceptorsDown.add(a);
      }
    }
    if (layout.acceptorCount() - acceptorsDown.size() < layout.majority()) {
      why.add("only " + (layout.acceptorCount() - acceptorsDown.size()) + " of " + layout.acceptorCount()
          + " acceptors are up, fewer than the F+1 = " + layout.majority() + " a decision needs (down: "
          + acceptorsDown + ")");
    }
    decision.ifPresent(d -> why.add("a leader decided " + d));
    return String.join("; ", why);
  }

  @Override
  public boolean settled(CommitSpec spec, NodeId node, Set<Long> txns, List<byte[]> log) {
    Set<Long> done = new HashSet<>();
    for (CommitRecord r : records(log)) {
      if (r instanceof PcRecord.End || r instanceof PcRecord.Ended
          || r instanceof PcRecord.Voted v && v.vote() == Vote.READ_ONLY) {
        done.add(r.txn());
      }
    }
    return done.containsAll(txns);
  }

  @Override
  public Map<Long, List<String>> describeLog(List<byte[]> log) {
    return CommitLogs.describe(log, PcRecord::decode, PcRecord::describe);
  }
}
