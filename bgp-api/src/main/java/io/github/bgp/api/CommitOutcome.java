package io.github.bgp.api;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The result of a run of an atomic commit protocol, as every node's durable log shows it at the
 * end: for each transaction, the coordinator's decision and each participant's state.
 *
 * <ul>
 *   <li>atomic: no participant committed a transaction another aborted, and none holds an
 *       outcome other than the coordinator's decision;
 *   <li>valid: a transaction committed only if every participant voted to commit it;
 *   <li>decided: every transaction reached a decision at every participant, except those the
 *       run reports as blocked, with the reason.
 * </ul>
 *
 * @param protocol the protocol that ran
 * @param spec the instance that ran: the participants, F and the timeouts
 * @param transactions by id
 * @param messages logical messages sent
 * @param counters the protocol's and the runtime's counters (forces, crashes, lost messages, ...)
 * @param events what happened, in order, for people (crashes, restarts, decisions)
 * @param steps every step every node carried out, in order, if the runtime recorded them (a
 *     simulation does): the points a crash can fall on
 * @since 0.1.0
 */
public record CommitOutcome(String protocol, CommitSpec spec, SortedMap<Long, Txn> transactions,
    long messages, SortedMap<String, Long> counters, List<String> events, List<Step> steps) {

  /**
   * Checks the parts and makes immutable, sorted copies of every collection.
   *
   * @param protocol the protocol that ran
   * @param spec the instance that ran: the participants, F and the timeouts
   * @param transactions by id
   * @param messages logical messages sent
   * @param counters the protocol's and the runtime's counters (forces, crashes, lost messages, ...)
   * @param events what happened, in order, for people (crashes, restarts, decisions)
   * @param steps every step every node carried out, in order, if the runtime recorded them (a
   *     simulation does): the points a crash can fall on
   * @throws NullPointerException if a part is null
   */
  public CommitOutcome {
    Objects.requireNonNull(protocol, "protocol");
    Objects.requireNonNull(spec, "spec");
    TreeMap<Long, Txn> byId = new TreeMap<>();
    byId.putAll(transactions);
    transactions = Collections.unmodifiableSortedMap(byId);
    TreeMap<String, Long> counted = new TreeMap<>();
    counted.putAll(counters);
    counters = Collections.unmodifiableSortedMap(counted);
    events = List.copyOf(events);
    steps = List.copyOf(steps);
  }

  /**
   * What the logs alone show, before the runtime adds what it saw: no messages, events or steps.
   *
   * @param protocol the protocol that ran
   * @param spec the instance that ran
   * @param transactions each transaction's outcome, by id
   * @param counters the protocol's counters, read from the logs
   * @return the outcome
   */
  public static CommitOutcome fromLogs(String protocol, CommitSpec spec, SortedMap<Long, Txn> transactions,
      SortedMap<String, Long> counters) {
    return new CommitOutcome(protocol, spec, transactions, 0, counters, List.of(), List.of());
  }

  /**
   * This outcome with what the runtime saw: the messages sent, its counters (added to the
   * protocol's), what happened, and every step.
   *
   * @param sent the logical messages the run sent
   * @param runtime the runtime's counters, each added to the protocol's counter of the same name
   * @param happened what happened, in order, for people
   * @param recorded every step every node carried out, in order; empty if the runtime did not record them
   * @return a new outcome with the same transactions; this one is unchanged
   */
  public CommitOutcome withRun(long sent, Map<String, Long> runtime, List<String> happened, List<Step> recorded) {
    TreeMap<String, Long> all = new TreeMap<>(counters);
    runtime.forEach((k, v) -> all.merge(k, v, Long::sum));
    return new CommitOutcome(protocol, spec, transactions, sent, all, happened, recorded);
  }

  /**
   * A participant's state for one transaction, as its log says.
   *
   * @since 0.1.0
   */
  public enum State {
    /** Nothing logged: it never voted (and aborts if asked later). */
    INIT,
    /** Voted COMMIT and logged it, and knows no decision yet: it must wait (or ask). */
    READY,
    /** Logged the decision to commit. */
    COMMIT,
    /** Logged the decision (or its own vote) to abort. */
    ABORT,
    /** Voted READ_ONLY: it takes no part in phase two, and any outcome suits it. */
    READ_ONLY
  }

  /**
   * One transaction's outcome.
   *
   * @param id the transaction's id
   * @param decision the coordinator's logged decision, if any
   * @param states each participant's state
   * @param votes the vote each participant cast, as its log records it (a participant that never
   *     voted is missing)
   * @param blocked why the transaction is undecided somewhere, empty if it is not
   * @since 0.1.0
   */
  public record Txn(long id, Optional<Verdict> decision, SortedMap<NodeId, State> states,
      SortedMap<NodeId, Vote> votes, Optional<String> blocked) {
    /**
     * Checks the parts and keeps immutable, sorted copies of the two maps.
     *
     * @param id the transaction's id
     * @param decision the coordinator's logged decision, if any
     * @param states each participant's state
     * @param votes the vote each participant cast, as its log records it (a participant that never
     *     voted is missing)
     * @param blocked why the transaction is undecided somewhere, empty if it is not
     * @throws NullPointerException if a part is null
     */
    public Txn {
      Objects.requireNonNull(decision, "decision");
      states = Collections.unmodifiableSortedMap(new TreeMap<>(states));
      votes = Collections.unmodifiableSortedMap(new TreeMap<>(votes));
      Objects.requireNonNull(blocked, "blocked");
    }

    /**
     * Whether every participant cast a vote that allows commit (COMMIT or READ_ONLY).
     *
     * @return {@code false} if one voted ABORT or never voted
     */
    public boolean unanimous() {
      return votes.keySet().containsAll(states.keySet()) && votes.values().stream().allMatch(Vote::allowsCommit);
    }

    /**
     * Whether anyone committed it: a participant or the coordinator's decision.
     *
     * @return {@code true} if a participant's state is COMMIT or the logged decision is COMMIT
     */
    public boolean committed() {
      return states.containsValue(State.COMMIT) || decision.equals(Optional.of(Verdict.COMMIT));
    }

    /**
     * Whether no participant committed while another aborted, and none contradicts the coordinator
     * (nor commits what the coordinator never decided).
     *
     * @return whether atomicity held for this transaction
     */
    public boolean atomic() {
      boolean committed = states.containsValue(State.COMMIT);
      boolean aborted = states.containsValue(State.ABORT);
      if (committed && aborted) {
        return false;
      }
      if (decision.isPresent()) {
        State contradiction = decision.get() == Verdict.COMMIT ? State.ABORT : State.COMMIT;
        return !states.containsValue(contradiction);
      }
      return !committed; // nobody may commit what the coordinator never decided
    }

    /**
     * Whether every participant holds the same decision (COMMIT or ABORT); a participant that voted
     * READ_ONLY holds whichever the others do. A transaction nobody logged anything for, the
     * coordinator included, was never begun (the coordinator crashed before logging it): it is
     * aborted by presumption, everywhere.
     *
     * @return whether {@link #outcome()} is present
     */
    public boolean decided() {
      return outcome().isPresent();
    }

    /**
     * Whether nobody logged anything for it: the coordinator never began it, and it is presumed aborted.
     *
     * @return {@code true} if there is no decision, no vote, and every participant is in INIT
     */
    public boolean neverBegun() {
      return decision.isEmpty() && votes.isEmpty() && states.values().stream().allMatch(s -> s == State.INIT);
    }

    /**
     * The common outcome, if every participant (that takes part in phase two) holds it.
     *
     * @return COMMIT or ABORT; ABORT for a transaction never begun; the coordinator's decision
     *     (COMMIT if none) when every participant voted READ_ONLY; empty if the participants differ
     *     or some have not decided
     */
    public Optional<Verdict> outcome() {
      if (neverBegun()) {
        return Optional.of(Verdict.ABORT);
      }
      List<State> taking = taking();
      if (taking.isEmpty()) {
        return Optional.of(decision.orElse(Verdict.COMMIT));
      }
      if (taking.stream().allMatch(s -> s == State.COMMIT)) {
        return Optional.of(Verdict.COMMIT);
      }
      if (taking.stream().allMatch(s -> s == State.ABORT)) {
        return Optional.of(Verdict.ABORT);
      }
      return Optional.empty();
    }

    private List<State> taking() {
      List<State> taking = new ArrayList<>();
      for (State s : states.values()) {
        if (s != State.READ_ONLY) {
          taking.add(s);
        }
      }
      return taking;
    }
  }

  /**
   * Whether every transaction is atomic ({@link Txn#atomic()}).
   *
   * @return whether the run kept atomicity
   */
  public boolean atomic() {
    return transactions.values().stream().allMatch(Txn::atomic);
  }

  /**
   * Whether every committed transaction had every participant's vote to commit, judged by the votes
   * the participants actually cast (as their logs record them), not by any script.
   *
   * @return whether the run kept validity
   */
  public boolean valid() {
    return transactions.values().stream().noneMatch(t -> t.committed() && !t.unanimous());
  }

  /**
   * Whether every transaction not reported blocked reached the same decision at every participant.
   *
   * @return whether the run decided everything it could
   */
  public boolean decided() {
    return transactions.values().stream().allMatch(t -> t.decided() || t.blocked().isPresent());
  }

  /**
   * The transactions that stayed undecided somewhere, with why ({@link Txn#blocked()}).
   *
   * @return them in id order, unmodifiable; empty if none is blocked
   */
  public List<Txn> blocked() {
    List<Txn> blocked = new ArrayList<>();
    transactions.values().forEach(t -> t.blocked().ifPresent(why -> blocked.add(t)));
    return List.copyOf(blocked);
  }

  /**
   * A counter of the protocol or the runtime ({@code forces}, {@code crashes}, ...).
   *
   * @param name the counter's name
   * @return its value, 0 if never counted
   */
  public long counter(String name) {
    return counters.getOrDefault(name, 0L);
  }
}
