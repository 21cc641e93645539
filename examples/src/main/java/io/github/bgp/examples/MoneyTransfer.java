package io.github.bgp.examples;

import io.github.bgp.api.CommitOutcome;
import io.github.bgp.api.CommitProtocol;
import io.github.bgp.api.CommitScenario;
import io.github.bgp.api.NodeId;
import io.github.bgp.api.Protocols;
import io.github.bgp.api.Resource;
import io.github.bgp.api.Transaction;
import io.github.bgp.api.Verdict;
import io.github.bgp.api.Vote;
import io.github.bgp.sim.Faults;
import io.github.bgp.sim.Simulation;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The seeds' classic transaction: move money from Alice's account at bank 1 to Bob's at bank 2,
 * all or nothing, with two-phase commit. The coordinator is killed in the worst place, after it
 * has logged COMMIT and before anyone hears it; the banks, having voted COMMIT, must wait (they
 * cannot abort on their own any more), and when the coordinator restarts from its log it
 * announces COMMIT again. A second transfer, larger than Alice's balance, is refused by bank 1
 * and aborted everywhere. No money is created or lost.
 */
public final class MoneyTransfer {

  private MoneyTransfer() {}

  /**
   * A bank: the participant's resource. A transfer's payload is {@code "alice:-30,bob:+30"};
   * each bank applies the entries for its own accounts. Preparing reserves the change (a debit
   * must be covered), committing applies it, aborting drops it. Its state lives outside the
   * node, like a database on disk, so it survives the node's crash; every method is idempotent.
   */
  static final class Bank implements Resource {
    final Map<String, Long> balances = new TreeMap<>();
    private final Map<Long, Map<String, Long>> prepared = new TreeMap<>();

    Bank(Map<String, Long> accounts) {
      balances.putAll(accounts);
    }

    @Override
    public Vote prepare(Transaction t) {
      Map<String, Long> mine = new TreeMap<>();
      for (String entry : new String(t.payload(), StandardCharsets.UTF_8).split(",")) {
        String[] part = entry.split(":");
        if (balances.containsKey(part[0])) {
          mine.put(part[0], Long.parseLong(part[1]));
        }
      }
      for (Map.Entry<String, Long> e : mine.entrySet()) {
        if (balances.get(e.getKey()) + e.getValue() < 0) {
          return Vote.ABORT; // not covered
        }
      }
      prepared.put(t.id(), mine);
      return Vote.COMMIT;
    }

    @Override
    public void commit(Transaction t) {
      Map<String, Long> mine = prepared.remove(t.id());
      if (mine != null) {
        mine.forEach((account, change) -> balances.merge(account, change, Long::sum));
      }
    }

    @Override
    public void abort(Transaction t) {
      prepared.remove(t.id());
    }
  }

  public static void main(String[] args) {
    Bank bank1 = new Bank(Map.of("alice", 100L));
    Bank bank2 = new Bank(Map.of("bob", 0L));
    CommitScenario scenario = CommitScenario.builder(2)
        .transaction(transfer(1, "alice:-30,bob:+30"), 0, List.of(Verdict.COMMIT, Verdict.COMMIT))
        .transaction(transfer(2, "alice:-500,bob:+500"), 0, List.of(Verdict.COMMIT, Verdict.COMMIT))
        .build();
    // The coordinator's steps: 1 forces BEGIN for both transfers, 2-5 send the vote requests,
    // 6 forces both decisions. It dies just after step 6: decided, logged, announced to no one.
    Faults killed = Faults.NONE.with(new Faults.Crash(NodeId.of(0), 6, true, 100));
    CommitOutcome outcome = Simulation.builder().faults(killed).build()
        .execute(Protocols.byName("2pc", CommitProtocol.class), scenario,
            id -> id.index() == 1 ? bank1 : bank2);
    outcome.events().forEach(e -> System.out.println(e));
    for (CommitOutcome.Txn t : outcome.transactions().values()) {
      System.out.println("transfer " + t.id() + ": " + t.outcome().map(Verdict::toString).orElse("undecided")
          + " at both banks; the coordinator logged " + t.decision().map(Verdict::toString).orElse("nothing"));
    }
    System.out.println("alice " + bank1.balances.get("alice") + ", bob " + bank2.balances.get("bob")
        + " (total " + (bank1.balances.get("alice") + bank2.balances.get("bob")) + ")");
    System.out.println("atomic " + outcome.atomic() + ", every transfer decided " + outcome.decided()
        + "; the banks asked for the outcome " + outcome.counter("termination.requests")
        + " times while the coordinator was down");
  }

  private static Transaction transfer(long id, String entries) {
    return new Transaction(id, entries.getBytes(StandardCharsets.UTF_8));
  }
}
