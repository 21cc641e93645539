package io.github.bgp.api;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One workload for an atomic commit protocol, to simulate: a coordinator (node 0) and
 * {@code participants} (nodes 1..p), the transactions the coordinator is given (each with the
 * time it is submitted and the vote every participant's scripted resource will give), the
 * protocol's timeouts, and the seed of the run. The simulator drives it into the same nodes a live
 * cluster runs: each transaction is submitted to the coordinator at its start, and each
 * participant's resource votes as the script says.
 *
 * @param participants p, at least 1
 * @param transactions distinct ids, each with one vote per participant
 * @param timeouts the protocol's waits, in the runtime's clock units
 * @param seed the seed every random choice of the run is derived from
 * @param tolerance F, the crashed acceptors a protocol that replicates its decision must survive
 *     (Paxos Commit runs 2F+1 acceptors); 0 for two-phase commit, which has one decider
 */
public record CommitScenario(int participants, List<Txn> transactions, Timeouts timeouts, long seed, int tolerance) {

  public CommitScenario {
    if (participants < 1) {
      throw new IllegalArgumentException("a commit needs at least 1 participant, got " + participants);
    }
    if (tolerance < 0) {
      throw new IllegalArgumentException("the tolerance F is at least 0, got " + tolerance);
    }
    transactions = List.copyOf(Objects.requireNonNull(transactions, "transactions"));
    Objects.requireNonNull(timeouts, "timeouts");
    Set<Long> ids = new HashSet<>();
    for (Txn t : transactions) {
      if (t.votes().size() != participants) {
        throw new IllegalArgumentException(t.transaction() + " has " + t.votes().size() + " votes for "
            + participants + " participants");
      }
      if (!ids.add(t.transaction().id())) {
        throw new IllegalArgumentException("transaction id " + t.transaction().id() + " is used twice");
      }
    }
  }

  /** A workload with F = 0, the tolerance of two-phase commit. */
  public CommitScenario(int participants, List<Txn> transactions, Timeouts timeouts, long seed) {
    this(participants, transactions, timeouts, seed, 0);
  }

  /** What every node of the run knows alike: the participants, the tolerance F and the timeouts. */
  public CommitSpec spec() {
    return new CommitSpec(participants, tolerance, timeouts);
  }

  /** This workload with another tolerance F. */
  public CommitScenario withTolerance(int f) {
    return new CommitScenario(participants, transactions, timeouts, seed, f);
  }

  /** The coordinator: node 0. */
  public NodeId coordinator() {
    return NodeId.COMMANDER;
  }

  /** Nodes 1..p. */
  public List<NodeId> participantIds() {
    return spec().participantIds();
  }

  /**
   * The coordinator and the participants. A protocol may run more nodes (Paxos Commit's
   * acceptors): a runtime asks {@link CommitProtocol#nodes(CommitSpec)}.
   */
  public int nodes() {
    return participants + 1;
  }

  /** The transaction with this id. */
  public Txn transaction(long id) {
    for (Txn t : transactions) {
      if (t.transaction().id() == id) {
        return t;
      }
    }
    throw new IllegalArgumentException("no transaction " + id + " in this scenario");
  }

  /**
   * One transaction of the workload.
   *
   * @param transaction what is committed
   * @param votes participant i+1's scripted vote at index i (what its simulated resource answers)
   * @param start when it is submitted to the coordinator
   */
  public record Txn(Transaction transaction, List<Verdict> votes, long start) {
    public Txn {
      Objects.requireNonNull(transaction, "transaction");
      votes = List.copyOf(Objects.requireNonNull(votes, "votes"));
      if (start < 0) {
        throw new IllegalArgumentException("a transaction starts at a time >= 0, got " + start);
      }
    }

    /** Whether every participant votes to commit. */
    public boolean unanimous() {
      return votes.stream().allMatch(v -> v == Verdict.COMMIT);
    }
  }

  /**
   * How long the protocol waits, in the runtime's clock units (the simulator's messages take 1).
   *
   * @param votes how long the coordinator waits for every vote before aborting
   * @param request how long a participant that expects a transaction waits for its vote request
   *     before aborting it
   * @param retry how often a participant that voted COMMIT and has no decision asks for it, and
   *     how often the coordinator repeats its decision to participants that have not acknowledged
   */
  public record Timeouts(long votes, long request, long retry) {
    public Timeouts {
      if (votes <= 0 || request <= 0 || retry <= 0) {
        throw new IllegalArgumentException("timeouts must be positive, got votes " + votes + ", request " + request
            + ", retry " + retry);
      }
    }

    /** Defaults for the simulator, where a message takes 1 time unit. */
    public static final Timeouts DEFAULT = new Timeouts(20, 40, 30);
  }

  /** Starts a scenario with {@code participants} participants. */
  public static Builder builder(int participants) {
    return new Builder(participants);
  }

  /** Builds a {@link CommitScenario}. */
  public static final class Builder {
    private final int participants;
    private final List<Txn> transactions = new ArrayList<>();
    private Timeouts timeouts = Timeouts.DEFAULT;
    private long seed = Scenario.DEFAULT_SEED;
    private int tolerance;

    private Builder(int participants) {
      this.participants = participants;
    }

    /** A transaction every participant votes to commit, starting at {@code start}. */
    public Builder commit(long id, long start) {
      return transaction(id, start, java.util.Collections.nCopies(Math.max(0, participants), Verdict.COMMIT));
    }

    /** A transaction with these votes (participant 1 first), starting at {@code start}. */
    public Builder transaction(long id, long start, List<Verdict> votes) {
      transactions.add(new Txn(new Transaction(id, new byte[0]), votes, start));
      return this;
    }

    /** A transaction with a payload for the resources. */
    public Builder transaction(Transaction t, long start, List<Verdict> votes) {
      transactions.add(new Txn(t, votes, start));
      return this;
    }

    public Builder timeouts(Timeouts timeouts) {
      this.timeouts = Objects.requireNonNull(timeouts, "timeouts");
      return this;
    }

    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    /** F, the crashed acceptors a replicated decision survives; 0 by default. */
    public Builder tolerance(int f) {
      this.tolerance = f;
      return this;
    }

    public CommitScenario build() {
      return new CommitScenario(participants, transactions, timeouts, seed, tolerance);
    }
  }
}
