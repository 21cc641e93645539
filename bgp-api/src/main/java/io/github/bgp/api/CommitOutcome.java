package io.github.bgp.api;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
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
 * @param transactions by id
 * @param messages logical messages sent
 * @param counters the protocol's and the runtime's counters (forces, crashes, lost messages, ...)
 * @param events what happened, in order, for people (crashes, restarts, decisions)
 */
public record CommitOutcome(String protocol, CommitScenario scenario, SortedMap<Long, Txn> transactions,
    long messages, SortedMap<String, Long> counters, List<String> events) {

  public CommitOutcome {
    Objects.requireNonNull(protocol, "protocol");
    Objects.requireNonNull(scenario, "scenario");
    TreeMap<Long, Txn> byId = new TreeMap<>();
    byId.putAll(transactions);
    transactions = Collections.unmodifiableSortedMap(byId);
    TreeMap<String, Long> counted = new TreeMap<>();
    counted.putAll(counters);
    counters = Collections.unmodifiableSortedMap(counted);
    events = List.copyOf(events);
  }

  /** A participant's state for one transaction, as its log says. */
  public enum State {
    /** Nothing logged: it never voted (and aborts if asked later). */
    INIT,
    /** Voted COMMIT and logged it, and knows no decision yet: it must wait (or ask). */
    READY,
    /** Logged the decision to commit. */
    COMMIT,
    /** Logged the decision (or its own vote) to abort. */
    ABORT
  }

  /**
   * One transaction's outcome.
   *
   * @param id the transaction's id
   * @param decision the coordinator's logged decision, if any
   * @param states each participant's state
   * @param blocked why the transaction is undecided somewhere, empty if it is not
   */
  public record Txn(long id, Optional<Verdict> decision, SortedMap<NodeId, State> states, Optional<String> blocked) {
    public Txn {
      Objects.requireNonNull(decision, "decision");
      TreeMap<NodeId, State> byId = new TreeMap<>();
      byId.putAll(states);
      states = Collections.unmodifiableSortedMap(byId);
      Objects.requireNonNull(blocked, "blocked");
    }

    /** Whether no participant committed while another aborted, and none contradicts the coordinator. */
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

    /** Whether every participant holds the same decision (COMMIT or ABORT). */
    public boolean decided() {
      return states.values().stream().allMatch(s -> s == State.COMMIT)
          || states.values().stream().allMatch(s -> s == State.ABORT);
    }

    /** The common outcome, if every participant holds it. */
    public Optional<Verdict> outcome() {
      if (!decided()) {
        return Optional.empty();
      }
      return Optional.of(states.values().iterator().next() == State.COMMIT ? Verdict.COMMIT : Verdict.ABORT);
    }
  }

  /** Whether every transaction is atomic. */
  public boolean atomic() {
    return transactions.values().stream().allMatch(Txn::atomic);
  }

  /** Whether every committed transaction had every participant's vote to commit. */
  public boolean valid() {
    for (Txn t : transactions.values()) {
      boolean committed = t.states().containsValue(State.COMMIT) || t.decision().equals(Optional.of(Verdict.COMMIT));
      if (committed && !scenario.transaction(t.id()).unanimous()) {
        return false;
      }
    }
    return true;
  }

  /** Whether every transaction not reported blocked reached the same decision at every participant. */
  public boolean decided() {
    return transactions.values().stream().allMatch(t -> t.decided() || t.blocked().isPresent());
  }

  /** The transactions that stayed undecided somewhere, with why. */
  public List<Txn> blocked() {
    List<Txn> blocked = new ArrayList<>();
    transactions.values().forEach(t -> t.blocked().ifPresent(why -> blocked.add(t)));
    return List.copyOf(blocked);
  }

  /** A counter, 0 if never counted. */
  public long counter(String name) {
    return counters.getOrDefault(name, 0L);
  }
}
