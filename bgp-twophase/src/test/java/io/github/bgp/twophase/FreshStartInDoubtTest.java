package io.github.bgp.twophase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.bgp.api.CommitOutcome;
import io.github.bgp.api.CommitProtocol;
import io.github.bgp.api.CommitScenario;
import io.github.bgp.api.InstanceId;
import io.github.bgp.api.NodeId;
import io.github.bgp.api.Protocols;
import io.github.bgp.api.Resource;
import io.github.bgp.api.Transaction;
import io.github.bgp.api.Verdict;
import io.github.bgp.api.Vote;
import io.github.bgp.sim.Simulation;
import io.github.bgp.spi.Call;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A participant that starts on an empty log still asks its resource what it holds in doubt, in
 * every commit protocol: its store may hold branches an earlier run prepared and died before
 * voting on (or whose log was replaced by a new one). None was voted COMMIT in this log, so none
 * was promised to the coordinator: each is rolled back (presumed abort), and a prepare of the same
 * id waits for that rollback instead of taking the old branch for its own.
 */
class FreshStartInDoubtTest {

  /** A durable store that starts with branches prepared before this run, and records every call in order. */
  static final class Store implements Resource {
    final Set<Long> prepared = new TreeSet<>();
    final Set<Long> committed = new TreeSet<>();
    final List<String> calls = new ArrayList<>();
    /** What each prepare of this run did: "work" if it ran the transaction's work, "held" if it found the branch. */
    final Map<Long, String> prepares = new TreeMap<>();

    Store(Set<Long> preparedBefore) {
      prepared.addAll(preparedBefore);
    }

    @Override
    public synchronized Vote prepare(Transaction t) {
      calls.add("prepare " + t.id());
      // As XaResource does: a branch it still holds prepared votes COMMIT again without running the work.
      prepares.put(t.id(), prepared.add(t.id()) ? "work" : "held");
      return Vote.COMMIT;
    }

    @Override
    public synchronized void commit(Transaction t) {
      calls.add("commit " + t.id());
      if (prepared.remove(t.id())) {
        committed.add(t.id());
      }
    }

    @Override
    public synchronized void abort(Transaction t) {
      calls.add("abort " + t.id());
      prepared.remove(t.id());
    }

    @Override
    public synchronized Set<Long> inDoubt(String cluster, InstanceId instance) {
      calls.add("inDoubt");
      return Set.copyOf(prepared);
    }
  }

  private static CommitOutcome run(String protocol, CommitScenario s, Map<NodeId, Store> stores,
      Simulation.ResourceDelay delay) {
    CommitProtocol p = Protocols.commit(protocol);
    return Simulation.builder().resourceDelay(delay).build().execute(p, s, stores::get);
  }

  @ParameterizedTest
  @ValueSource(strings = {"2pc", "3pc", "paxos-commit"})
  void aBranchAStoreHoldsPreparedAtAFreshStartIsRolledBack(String protocol) {
    CommitScenario s = CommitScenario.builder(2).tolerance(1).commit(1, 50).build();
    Store left = new Store(Set.of(7L)); // prepared by a run that died before its READY reached the log
    Store clean = new Store(Set.of());
    CommitOutcome o = run(protocol, s, Map.of(NodeId.of(1), left, NodeId.of(2), clean), Simulation.ResourceDelay.NONE);

    assertEquals(Set.of(), left.prepared, protocol + ": nothing left prepared");
    assertEquals(List.of("inDoubt", "abort 7"), left.calls.subList(0, 2), protocol + ": asked at once, then rolled back");
    assertEquals(List.of("inDoubt"), clean.calls.subList(0, 1), protocol + ": every participant asks");
    assertEquals(1, o.counter("recovery.unvoted.aborted"), protocol);
    assertEquals(0, o.counter("recoveries"), protocol + ": a fresh start, not a recovery");
    // The run's own transaction is untouched by it.
    assertEquals(Verdict.COMMIT, o.transactions().get(1L).outcome().orElseThrow(), protocol);
    assertEquals(Set.of(1L), left.committed, protocol);
    assertTrue(o.atomic() && o.valid() && o.decided(), protocol + ": " + o.transactions());
  }

  @ParameterizedTest
  @ValueSource(strings = {"2pc", "3pc", "paxos-commit"})
  void anOldBranchOfTheSameIdIsRolledBackBeforeTheIdIsPreparedAgain(String protocol) {
    // Started on new logs beside a store that still holds txn 1 from an earlier run: this run's txn 1
    // is submitted at once, and the store takes a while to list its branches, so the vote request comes first.
    CommitScenario s = CommitScenario.builder(2).tolerance(1).commit(1, 0).build();
    Store left = new Store(Set.of(1L));
    Store clean = new Store(Set.of());
    Simulation.ResourceDelay slowList = (node, call) -> call.kind() == Call.Kind.IN_DOUBT ? 10 : 0;
    CommitOutcome o = run(protocol, s, Map.of(NodeId.of(1), left, NodeId.of(2), clean), slowList);

    assertEquals(List.of("inDoubt", "abort 1", "prepare 1", "commit 1"), left.calls, protocol);
    assertEquals("work", left.prepares.get(1L), protocol + ": this run's txn 1 ran its own work");
    assertEquals(Verdict.COMMIT, o.transactions().get(1L).outcome().orElseThrow(), protocol);
    assertEquals(Set.of(), left.prepared, protocol);
    assertTrue(o.atomic() && o.valid() && o.decided(), protocol + ": " + o.transactions());
  }
}
