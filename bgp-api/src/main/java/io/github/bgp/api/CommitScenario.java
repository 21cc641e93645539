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
 * @since 0.1.0
 */
public record CommitScenario(int participants, List<Txn> transactions, Timeouts timeouts, long seed, int tolerance) {

  /**
   * Checks the workload and keeps an immutable copy of the transactions; prefer
   * {@link #builder(int)}.
   *
   * @param participants p, at least 1
   * @param transactions distinct ids, each with one vote per participant
   * @param timeouts the protocol's waits, in the runtime's clock units
   * @param seed the seed every random choice of the run is derived from
   * @param tolerance F, the crashed acceptors a protocol that replicates its decision must survive
   *     (Paxos Commit runs 2F+1 acceptors); 0 for two-phase commit, which has one decider
   * @throws IllegalArgumentException if {@code participants} is less than 1, {@code tolerance} is
   *     negative, a transaction does not have one vote per participant, or an id is used twice
   * @throws NullPointerException if {@code transactions} or {@code timeouts} is null
   */
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

  /**
   * A workload with F = 0, the tolerance of two-phase commit.
   *
   * @param participants p, at least 1
   * @param transactions distinct ids, each with one vote per participant
   * @param timeouts the protocol's waits, in the runtime's clock units
   * @param seed the seed every random choice of the run is derived from
   */
  public CommitScenario(int participants, List<Txn> transactions, Timeouts timeouts, long seed) {
    this(participants, transactions, timeouts, seed, 0);
  }

  /**
   * What every node of the run knows alike: the participants, the tolerance F and the timeouts.
   *
   * @return the spec; the transactions and the seed stay with the scenario
   */
  public CommitSpec spec() {
    return new CommitSpec(participants, tolerance, timeouts);
  }

  /**
   * This workload with another tolerance F.
   *
   * @param f the crashed acceptors a replicated decision must survive, at least 0
   * @return a scenario with the same transactions, timeouts and seed
   * @throws IllegalArgumentException if {@code f} is negative
   */
  public CommitScenario withTolerance(int f) {
    return new CommitScenario(participants, transactions, timeouts, seed, f);
  }

  /**
   * The coordinator.
   *
   * @return node 0, always
   */
  public NodeId coordinator() {
    return NodeId.COMMANDER;
  }

  /**
   * The participants' ids.
   *
   * @return nodes 1..p, in order, unmodifiable
   */
  public List<NodeId> participantIds() {
    return spec().participantIds();
  }

  /**
   * The coordinator and the participants. A protocol may run more nodes (Paxos Commit's
   * acceptors): a runtime asks {@link CommitProtocol#nodes(CommitSpec)}.
   *
   * @return p + 1
   */
  public int nodes() {
    return participants + 1;
  }

  /**
   * The transaction with this id.
   *
   * @param id a transaction id of this workload
   * @return the transaction, with its votes and start
   * @throws IllegalArgumentException if the workload has no transaction {@code id}
   */
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
   * @since 0.1.0
   */
  public record Txn(Transaction transaction, List<Verdict> votes, long start) {
    /**
     * Checks the parts and keeps an immutable copy of the votes (their number is checked by the
     * scenario).
     *
     * @param transaction what is committed
     * @param votes participant i+1's scripted vote at index i (what its simulated resource answers)
     * @param start when it is submitted to the coordinator
     * @throws NullPointerException if {@code transaction} or {@code votes} is null
     * @throws IllegalArgumentException if {@code start} is negative
     */
    public Txn {
      Objects.requireNonNull(transaction, "transaction");
      votes = List.copyOf(Objects.requireNonNull(votes, "votes"));
      if (start < 0) {
        throw new IllegalArgumentException("a transaction starts at a time >= 0, got " + start);
      }
    }

    /**
     * Whether every participant votes to commit, so that a correct protocol without faults commits it.
     *
     * @return {@code true} if every scripted vote is COMMIT
     */
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
   * @since 0.1.0
   */
  public record Timeouts(long votes, long request, long retry) {
    /**
     * Checks the timeouts.
     *
     * @param votes how long the coordinator waits for every vote before aborting
     * @param request how long a participant that expects a transaction waits for its vote request
     *     before aborting it
     * @param retry how often a participant that voted COMMIT and has no decision asks for it, and
     *     how often the coordinator repeats its decision to participants that have not acknowledged
     * @throws IllegalArgumentException if one is not positive
     */
    public Timeouts {
      if (votes <= 0 || request <= 0 || retry <= 0) {
        throw new IllegalArgumentException("timeouts must be positive, got votes " + votes + ", request " + request
            + ", retry " + retry);
      }
    }

    /** Defaults for the simulator, where a message takes 1 time unit. */
    public static final Timeouts DEFAULT = new Timeouts(20, 40, 30);
  }

  /**
   * Starts a scenario with {@code participants} participants, no transactions, the default
   * timeouts, {@link Scenario#DEFAULT_SEED} and F = 0.
   *
   * @param participants p; checked by {@link Builder#build()}, at least 1
   * @return a builder
   */
  public static Builder builder(int participants) {
    return new Builder(participants);
  }

  /**
   * Builds a {@link CommitScenario}.
   *
   * @since 0.1.0
   */
  public static final class Builder {
    private final int participants;
    private final List<Txn> transactions = new ArrayList<>();
    private Timeouts timeouts = Timeouts.DEFAULT;
    private long seed = Scenario.DEFAULT_SEED;
    private int tolerance;

    private Builder(int participants) {
      this.participants = participants;
    }

    /**
     * Adds a transaction, without a payload, that every participant votes to commit.
     *
     * @param id the transaction's id, non-negative and unique in the workload
     * @param start when it is submitted to the coordinator, at least 0
     * @return this builder
     * @throws IllegalArgumentException if {@code id} or {@code start} is negative
     */
    public Builder commit(long id, long start) {
      return transaction(id, start, java.util.Collections.nCopies(Math.max(0, participants), Verdict.COMMIT));
    }

    /**
     * Adds a transaction, without a payload, with these scripted votes.
     *
     * @param id the transaction's id, non-negative and unique in the workload
     * @param start when it is submitted to the coordinator, at least 0
     * @param votes one per participant, participant 1 first (their number is checked by {@link #build()})
     * @return this builder
     * @throws IllegalArgumentException if {@code id} or {@code start} is negative
     */
    public Builder transaction(long id, long start, List<Verdict> votes) {
      transactions.add(new Txn(new Transaction(id, new byte[0]), votes, start));
      return this;
    }

    /**
     * Adds a transaction with a payload for the resources, with these scripted votes.
     *
     * @param t the transaction; its id must be unique in the workload
     * @param start when it is submitted to the coordinator, at least 0
     * @param votes one per participant, participant 1 first
     * @return this builder
     * @throws IllegalArgumentException if {@code start} is negative
     */
    public Builder transaction(Transaction t, long start, List<Verdict> votes) {
      transactions.add(new Txn(t, votes, start));
      return this;
    }

    /**
     * The protocol's waits; {@link Timeouts#DEFAULT} by default.
     *
     * @param timeouts the waits, in the simulator's time units
     * @return this builder
     */
    public Builder timeouts(Timeouts timeouts) {
      this.timeouts = Objects.requireNonNull(timeouts, "timeouts");
      return this;
    }

    /**
     * The seed of the run; {@link Scenario#DEFAULT_SEED} by default.
     *
     * @param seed any 64 bits
     * @return this builder
     */
    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    /**
     * F, the crashed acceptors a replicated decision survives; 0 by default.
     *
     * @param f at least 0 (checked by {@link #build()})
     * @return this builder
     */
    public Builder tolerance(int f) {
      this.tolerance = f;
      return this;
    }

    /**
     * The scenario, with the transactions in the order they were added.
     *
     * @return the scenario
     * @throws IllegalArgumentException naming the problem, as {@link CommitScenario}'s constructor does
     */
    public CommitScenario build() {
      return new CommitScenario(participants, transactions, timeouts, seed, tolerance);
    }
  }
}
