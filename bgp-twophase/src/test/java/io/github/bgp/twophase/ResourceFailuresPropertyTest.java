package io.github.bgp.twophase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.bgp.api.CommitOutcome;
import io.github.bgp.api.CommitScenario;
import io.github.bgp.api.InstanceId;
import io.github.bgp.api.NodeId;
import io.github.bgp.api.Resource;
import io.github.bgp.api.Transaction;
import io.github.bgp.api.Verdict;
import io.github.bgp.api.Vote;
import io.github.bgp.check.Gen;
import io.github.bgp.check.Property;
import io.github.bgp.sim.Faults;
import io.github.bgp.sim.Simulation;
import io.github.bgp.spi.Call;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The resource contract under generated workloads, in the simulator: each participant's store
 * votes as generated, or its {@code prepare} throws, answers after the prepare timeout, or never
 * answers (blocked); its {@code commit} and {@code abort} throw a few times before they succeed;
 * its first {@code inDoubt} (at its node's start) fails; and nodes crash at generated steps, most of them
 * coming back. The store is durable (a crash of its node loses nothing it prepared), so a
 * restarted participant finds in doubt what it prepared. After the run, judged both from the logs
 * ({@link CommitOutcome}) and from what each store did:
 *
 * <ul>
 *   <li>atomicity: no store committed a transaction another prepared and then rolled back, and no
 *       store committed a transaction it did not prepare;
 *   <li>validity against the votes cast: a transaction committed anywhere had every store answer
 *       its prepare with COMMIT or READ_ONLY (a prepare that threw, timed out or never answered
 *       is never taken for a vote to commit), and the logs' votes say the same;
 *   <li>nothing left undecided (no transaction undecided in a log, no branch left prepared in a
 *       store of a node that is up) unless it is blocked in READY with its coordinator gone for
 *       good;
 *   <li>a failed commit or abort is retried until it succeeds, and reported.
 * </ul>
 */
class ResourceFailuresPropertyTest {

  /** How a store's prepare of one transaction goes. */
  enum Prepare {
    /** It answers with the generated vote, at once. */
    ANSWERS,
    /** It throws: a vote to ABORT. */
    THROWS,
    /** It answers after the prepare timeout: too late, a vote to ABORT, and the branch is undone. */
    SLOW,
    /** It never answers (a lock wait that never ends): a vote to ABORT at the timeout. */
    BLOCKED
  }

  /** One store's behaviour for one transaction. */
  record Behaviour(Vote vote, Prepare prepare, int phaseTwoFailures) {
    @Override
    public String toString() {
      return vote + "/" + prepare + (phaseTwoFailures > 0 ? "/fails" + phaseTwoFailures : "");
    }
  }

  /** A workload: behaviours by participant (1..p) and transaction (1..t), crashes, and which stores fail their first inDoubt. */
  record Case(CommitScenario scenario, Map<Integer, List<Behaviour>> behaviours, Faults faults,
      Set<Integer> inDoubtFails) {
    @Override
    public String toString() {
      return "participants=" + scenario.participants() + " txns=" + scenario.transactions().size() + " behaviours="
          + behaviours + " faults=" + faults + " inDoubtFails=" + inDoubtFails;
    }
  }

  /** A durable store that records what it was asked and what it did. */
  static final class Store implements Resource {
    final int node;
    final List<Behaviour> behaviours;
    boolean inDoubtFailsOnce;
    /** The answer each prepare gave, by transaction: COMMIT, ABORT, READ_ONLY, or absent if it threw. */
    final Map<Long, Vote> answered = new TreeMap<>();
    final Set<Long> prepared = new TreeSet<>();
    final Set<Long> committed = new TreeSet<>();
    /** Prepared here, then rolled back. */
    final Set<Long> rolledBack = new TreeSet<>();
    final List<String> violations = new ArrayList<>();
    final Map<Long, Integer> failuresLeft = new TreeMap<>();
    int thrown;

    Store(int node, List<Behaviour> behaviours, boolean inDoubtFailsOnce) {
      this.node = node;
      this.behaviours = behaviours;
      this.inDoubtFailsOnce = inDoubtFailsOnce;
      for (int i = 0; i < behaviours.size(); i++) {
        failuresLeft.put(i + 1L, behaviours.get(i).phaseTwoFailures());
      }
    }

    Behaviour of(long txn) {
      return behaviours.get((int) txn - 1);
    }

    @Override
    public Vote prepare(Transaction t) {
      Behaviour b = of(t.id());
      if (b.prepare() == Prepare.THROWS) {
        throw new IllegalStateException("store " + node + " cannot prepare txn " + t.id());
      }
      if (prepared.contains(t.id()) || committed.contains(t.id())) {
        return Vote.COMMIT; // asked again: it holds the branch
      }
      answered.put(t.id(), b.vote());
      if (b.vote() == Vote.COMMIT) {
        prepared.add(t.id());
      }
      return b.vote();
    }

    @Override
    public void commit(Transaction t) {
      failMaybe(t.id(), "commit");
      if (rolledBack.contains(t.id())) {
        violations.add("store " + node + " committed txn " + t.id() + " after rolling it back");
      } else if (!prepared.remove(t.id()) && !committed.contains(t.id())) {
        violations.add("store " + node + " was told to commit txn " + t.id() + ", which it never prepared");
      }
      committed.add(t.id());
    }

    @Override
    public void abort(Transaction t) {
      failMaybe(t.id(), "abort");
      if (committed.contains(t.id())) {
        violations.add("store " + node + " was told to abort txn " + t.id() + " after committing it");
      }
      if (prepared.remove(t.id())) {
        rolledBack.add(t.id());
      }
    }

    @Override
    public Set<Long> inDoubt(String cluster, InstanceId instance) {
      if (inDoubtFailsOnce) {
        inDoubtFailsOnce = false;
        thrown++;
        throw new IllegalStateException("store " + node + " cannot list its prepared branches yet");
      }
      return Set.copyOf(prepared);
    }

    private void failMaybe(long txn, String what) {
      int left = failuresLeft.getOrDefault(txn, 0);
      if (left > 0) {
        failuresLeft.put(txn, left - 1);
        thrown++;
        throw new IllegalStateException("store " + node + " failed to " + what + " txn " + txn + " (" + left
            + " more failures)");
      }
    }
  }

  private static Gen<Behaviour> behaviour() {
    Gen<Vote> vote = Gen.ints(0, 9).map(i -> i == 0 ? Vote.ABORT : i == 1 ? Vote.READ_ONLY : Vote.COMMIT);
    Gen<Prepare> prepare = Gen.ints(0, 11).map(i -> i < 8 ? Prepare.ANSWERS : Prepare.values()[i - 8]);
    Gen<Integer> failures = Gen.ints(0, 5).map(i -> Math.max(0, i - 2));
    return vote.flatMap(v -> prepare.flatMap(p -> failures.map(f -> new Behaviour(v, p, f))));
  }

  static Gen<Case> cases() {
    return Gen.ints(1, 3).flatMap(p -> Gen.ints(1, 5).flatMap(t -> Gen.lists(Gen.ints(0, 30), t, t)
        .flatMap(starts -> Gen.lists(Gen.lists(behaviour(), t, t), p, p).flatMap(bs -> Gen.longs().flatMap(seed -> {
          CommitScenario.Builder b = CommitScenario.builder(p).seed(seed);
          for (int i = 0; i < t; i++) {
            b.commit(i + 1, starts.get(i));
          }
          CommitScenario s = b.build();
          Map<Integer, List<Behaviour>> behaviours = new TreeMap<>();
          for (int i = 0; i < p; i++) {
            behaviours.put(i + 1, bs.get(i));
          }
          return CommitGen.faults(s, false, false).flatMap(f -> Gen.subsets(participants(p), p)
              .map(fails -> new Case(s, behaviours, f, Set.copyOf(fails))));
        })))));
  }

  private static List<Integer> participants(int p) {
    List<Integer> ids = new ArrayList<>();
    for (int i = 1; i <= p; i++) {
      ids.add(i);
    }
    return ids;
  }

  /** When a store answers: a slow prepare after the prepare timeout, a blocked one never, the rest at once. */
  private static Simulation.ResourceDelay delays(Case c) {
    long late = c.scenario().timeouts().request() + 10;
    return (node, call) -> {
      if (call.kind() != Call.Kind.PREPARE) {
        return 0;
      }
      Prepare p = c.behaviours().get(node.index()).get((int) call.txn() - 1).prepare();
      return p == Prepare.SLOW ? late : p == Prepare.BLOCKED ? -1 : 0;
    };
  }

  /** The nodes that crash and never come back. */
  private static Set<Integer> goneForGood(Faults f) {
    Set<Integer> gone = new TreeSet<>();
    for (Faults.Crash crash : f.crashes()) {
      if (crash.downFor() < 0) {
        gone.add(crash.node().index());
      }
    }
    return gone;
  }

  static boolean holds(Case c) {
    Map<Integer, Store> stores = new TreeMap<>();
    c.behaviours().forEach((node, bs) -> stores.put(node, new Store(node, bs, c.inDoubtFails().contains(node))));
    CommitOutcome o = Simulation.builder().faults(c.faults()).resourceDelay(delays(c)).build()
        .execute(CrashRecoveryTest.TPC, c.scenario(), id -> stores.get(id.index()));
    Set<Integer> gone = goneForGood(c.faults());

    assertTrue(o.atomic(), "atomic in the logs: " + o.transactions());
    assertTrue(o.valid(), "valid against the votes the logs record: " + o.transactions());
    assertTrue(o.decided(), "decided or reported blocked: " + o.transactions());
    assertEquals(0, o.counter("decisions.contradicted"), "a participant was told the opposite of what it logged");
    for (Store s : stores.values()) {
      assertEquals(List.of(), s.violations, "store " + s.node);
    }
    for (CommitOutcome.Txn t : o.transactions().values()) {
      long id = t.id();
      boolean committedSomewhere = stores.values().stream().anyMatch(s -> s.committed.contains(id));
      boolean rolledBackSomewhere = stores.values().stream().anyMatch(s -> s.rolledBack.contains(id));
      assertFalse(committedSomewhere && rolledBackSomewhere, "txn " + id + " committed at one store and rolled back"
          + " at another");
      if (committedSomewhere) {
        for (Store s : stores.values()) {
          Vote v = s.answered.get(id);
          Prepare p = s.of(id).prepare();
          assertTrue(p == Prepare.ANSWERS && v != null && v.allowsCommit(), "txn " + id + " committed, but store "
              + s.node + "'s prepare " + (p == Prepare.ANSWERS ? "answered " + v : "was " + p));
        }
        assertEquals(Verdict.COMMIT, t.decision().orElseThrow(), "txn " + id + " committed without a decision");
      }
      if (t.blocked().isPresent()) {
        // Undecided only at nodes gone for good, or, with the coordinator gone, where READY (or never
        // asked, INIT, holding nothing): every node that is up knows its outcome otherwise.
        boolean coordinatorGone = gone.contains(0);
        t.states().forEach((node, state) -> {
          Store s = stores.get(node.index());
          boolean known = state == CommitOutcome.State.COMMIT || state == CommitOutcome.State.ABORT
              || state == CommitOutcome.State.READ_ONLY;
          if (gone.contains(node.index()) || known) {
            return;
          }
          assertTrue(coordinatorGone, "txn " + id + " is blocked (" + t.blocked().get() + ") with its coordinator up,"
              + " and participant " + node + ", which is up, is in " + state);
          if (state == CommitOutcome.State.INIT) {
            assertFalse(s.prepared.contains(id), "txn " + id + ": participant " + node + " in INIT holds it prepared");
          } else {
            assertEquals(CommitOutcome.State.READY, state, "txn " + id + " is blocked at participant " + node);
          }
        });
        continue;
      }
      for (Store s : stores.values()) {
        if (!gone.contains(s.node)) {
          assertFalse(s.prepared.contains(id), "txn " + id + " is decided (" + t.decision() + "), yet store " + s.node
              + " still holds it prepared");
          if (t.decision().orElse(Verdict.ABORT) == Verdict.COMMIT && s.answered.get(id) == Vote.COMMIT) {
            assertTrue(s.committed.contains(id), "txn " + id + " committed, but not at store " + s.node);
          }
        }
      }
    }
    int thrown = stores.values().stream().mapToInt(s -> s.thrown).sum();
    if (thrown > 0) {
      assertTrue(o.counter("resource.failures") > 0, thrown + " failures thrown, none reported");
    }
    return true;
  }

  @Test
  void storesThatVoteFailBlockAndRecoverKeepEveryTransactionAtomicValidAndDecided() {
    Property.forAll(cases()).tries(200).check(ResourceFailuresPropertyTest::holds);
  }

  @Test
  void aCommitThatFailsIsRetriedWithBackoffUntilItSucceedsAndEachFailureIsReported() {
    CommitScenario s = CommitScenario.builder(2).commit(1, 0).build();
    Behaviour flaky = new Behaviour(Vote.COMMIT, Prepare.ANSWERS, 3);
    Behaviour fine = new Behaviour(Vote.COMMIT, Prepare.ANSWERS, 0);
    Store one = new Store(1, List.of(flaky), false);
    Store two = new Store(2, List.of(fine), false);
    CommitOutcome o = Simulation.builder().build().execute(CrashRecoveryTest.TPC, s,
        id -> id.index() == 1 ? one : two);

    assertEquals(Verdict.COMMIT, o.transactions().get(1L).outcome().orElseThrow());
    assertEquals(Set.of(1L), one.committed, "committed at the fourth try");
    assertEquals(3, one.thrown);
    assertEquals(3, o.counter("resource.retries"), "three retries");
    assertTrue(o.counter("resource.failures") >= 3, "every failure reported: " + o.counter("resource.failures"));
  }

  @Test
  void aRestartedParticipantAbortsWhatItsStorePreparedButItsLogNeverVotedOn() {
    CommitScenario s = CommitScenario.builder(1).commit(1, 0).build();
    Store store = new Store(1, List.of(new Behaviour(Vote.COMMIT, Prepare.ANSWERS, 0)), false);
    // Participant 1's first step is the force of its READY: crashing just before it leaves the store prepared, unvoted.
    Faults crash = Faults.NONE.with(new Faults.Crash(NodeId.of(1), 1, false, 5));
    CommitOutcome o = Simulation.builder().faults(crash).build().execute(CrashRecoveryTest.TPC, s, id -> store);

    assertEquals(Set.of(), store.prepared, "nothing left in doubt");
    assertEquals(Set.of(1L), store.rolledBack);
    assertEquals(1, o.counter("recovery.unvoted.aborted"), "aborted from the store's in-doubt list");
    assertEquals(Verdict.ABORT, o.transactions().get(1L).outcome().orElseThrow());
  }

  @Test
  void anInDoubtThatFailsIsAskedAgainAndThePreparesWaitForIt() {
    CommitScenario s = CommitScenario.builder(1).commit(1, 0).commit(2, 200).build();
    Behaviour commits = new Behaviour(Vote.COMMIT, Prepare.ANSWERS, 0);
    Store store = new Store(1, List.of(commits, commits), true); // its first inDoubt, at the node's start, fails
    CommitOutcome o = Simulation.builder().build().execute(CrashRecoveryTest.TPC, s, id -> store);

    assertFalse(store.inDoubtFailsOnce, "it asked its store at the start");
    assertEquals(1, store.thrown);
    assertEquals(1, o.counter("resource.retries"), "and asked again after a backoff");
    // Txn 1's prepare waited for the store's list, past the coordinator's vote timeout: it aborts.
    assertEquals(Verdict.ABORT, o.transactions().get(1L).outcome().orElseThrow());
    assertEquals(Set.of(), store.prepared, "nothing left in doubt");
    assertEquals(Verdict.COMMIT, o.transactions().get(2L).outcome().orElseThrow(), "the next transaction commits");
  }
}
