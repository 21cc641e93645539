package io.github.bgp.twophase;

import io.github.bgp.api.CommitScenario;
import io.github.bgp.api.NodeId;
import io.github.bgp.api.Verdict;
import io.github.bgp.check.Gen;
import io.github.bgp.sim.Faults;
import java.util.ArrayList;
import java.util.List;

/** Generators of commit workloads and of what goes wrong with them, for property tests. */
final class CommitGen {

  private CommitGen() {}

  /** 1-4 participants, 1-5 transactions with random votes (mostly COMMIT) and starts, a seed. */
  static Gen<CommitScenario> scenarios() {
    return Gen.ints(1, 4).flatMap(p -> Gen.lists(txn(p), 1, 5).flatMap(txns -> Gen.longs().map(seed -> {
      CommitScenario.Builder b = CommitScenario.builder(p).seed(seed);
      for (int i = 0; i < txns.size(); i++) {
        b.transaction(i + 1, txns.get(i).start, txns.get(i).votes);
      }
      return b.build();
    })));
  }

  private record TxnShape(long start, List<Verdict> votes) {}

  private static Gen<TxnShape> txn(int participants) {
    Gen<Verdict> vote = Gen.ints(0, 4).map(i -> i == 0 ? Verdict.ABORT : Verdict.COMMIT);
    return Gen.ints(0, 30).zip(Gen.lists(vote, participants, participants), (start, votes) -> new TxnShape(start, votes));
  }

  /** Up to two crashes of random nodes at random steps, restarting or not, and optionally a lossy network. */
  static Gen<Faults> faults(CommitScenario s, boolean restartAlways, boolean network) {
    Gen<Faults.Crash> crash = Gen.ints(0, s.participants()).flatMap(node -> Gen.ints(1, 12).flatMap(step ->
        Gen.booleans().flatMap(after -> Gen.ints(restartAlways ? 1 : -1, 120).map(down ->
            new Faults.Crash(NodeId.of(node), step, after, down == 0 ? 1 : down)))));
    Gen<List<Faults.Crash>> crashes = Gen.lists(crash, 0, 2);
    if (!network) {
      return crashes.map(cs -> new Faults(0, 0, 0, cs));
    }
    return crashes.flatMap(cs -> Gen.ints(0, 20).flatMap(loss -> Gen.ints(0, 20).flatMap(dup -> Gen.ints(0, 5)
        .map(delay -> new Faults(loss / 100.0, dup / 100.0, delay, cs)))));
  }

  /** A scenario and its faults, for one property. */
  record Case(CommitScenario scenario, Faults faults) {
    @Override
    public String toString() {
      List<String> txns = new ArrayList<>();
      scenario.transactions().forEach(t -> txns.add(t.transaction().id() + "@" + t.start() + t.votes()));
      return "participants=" + scenario.participants() + " txns=" + txns + " seed=" + scenario.seed() + " faults=" + faults;
    }
  }

  static Gen<Case> cases(boolean restartAlways, boolean network) {
    return scenarios().flatMap(s -> faults(s, restartAlways, network).map(f -> new Case(s, f)));
  }
}
