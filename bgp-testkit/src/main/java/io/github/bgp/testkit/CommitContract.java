package io.github.bgp.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.bgp.api.CommitOutcome;
import io.github.bgp.api.CommitProtocol;
import io.github.bgp.api.CommitScenario;
import io.github.bgp.api.Protocols;
import io.github.bgp.api.Verdict;
import io.github.bgp.sim.Simulation;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The atomic commit contract, one suite for every commit protocol and every runtime: a subclass
 * names a protocol and a runtime in three lines.
 *
 * <ul>
 *   <li>atomicity: no participant commits a transaction another aborts, none contradicts the decision;
 *   <li>validity: a transaction commits only if every participant's resource voted to commit it,
 *       judged by the votes the logs record;
 *   <li>every transaction decided everywhere when nothing fails, as the simulator decides it;
 *   <li>durability: after every node restarts from its log, nothing logged is lost or changed.
 * </ul>
 *
 * @since 0.1.0
 */
public abstract class CommitContract {

  /** The seed the suite's workloads are drawn from. */
  public static final long SEED = 0xC0FFEEL;

  private final String protocolName;
  private final CommitRuntime runtime;

  /** The contract for the commit protocol called {@code protocol} on {@code runtime}. */
  protected CommitContract(String protocol, CommitRuntime runtime) {
    this.protocolName = protocol;
    this.runtime = runtime;
  }

  /** The protocol under test. */
  protected CommitProtocol protocol() {
    return Protocols.commit(protocolName);
  }

  /**
   * A workload: 1-4 participants, 1-6 transactions, mostly unanimous, some with an ABORT vote; F = 1,
   * so a protocol that replicates its decision runs 2F + 1 = 3 acceptors (the others ignore F).
   */
  static CommitScenario workload(SplittableRandom random) {
    int p = 1 + random.nextInt(4);
    CommitScenario.Builder b = CommitScenario.builder(p).tolerance(1).seed(random.nextLong());
    int txns = 1 + random.nextInt(6);
    for (int t = 1; t <= txns; t++) {
      List<Verdict> votes = new ArrayList<>();
      for (int i = 0; i < p; i++) {
        votes.add(random.nextInt(6) == 0 ? Verdict.ABORT : Verdict.COMMIT);
      }
      b.transaction(t, random.nextInt(20), votes);
    }
    return b.build();
  }

  private String where(CommitScenario s) {
    List<String> txns = new ArrayList<>();
    s.transactions().forEach(t -> txns.add(t.transaction().id() + t.votes().toString()));
    return protocolName + " on " + runtime.name() + " (suite seed " + SEED + "): " + s.participants()
        + " participants, " + txns;
  }

  /** What every run must show, whatever the runtime. */
  private void holds(CommitScenario s, CommitOutcome o) {
    assertTrue(o.atomic(), "atomic: " + where(s) + " -> " + o.transactions());
    assertTrue(o.valid(), "valid: " + where(s) + " -> " + o.transactions());
    assertEquals(0, o.counter("decisions.contradicted"), "no participant was told the opposite of its log: " + where(s));
    assertEquals(0, o.counter("log.contradictions"), "no log contradicts itself: " + where(s));
  }

  @Test
  void everyWorkloadIsAtomicValidAndDecidedAsTheSimulatorDecidesIt() throws Exception {
    SplittableRandom random = new SplittableRandom(SEED);
    for (int i = 0; i < runtime.budget(); i++) {
      CommitScenario s = workload(random);
      CommitOutcome here = runtime.run(protocol(), s);
      holds(s, here);
      CommitOutcome simulated = Simulation.builder().build().execute(protocol(), s);
      for (CommitScenario.Txn t : s.transactions()) {
        long id = t.transaction().id();
        CommitOutcome.Txn txn = here.transactions().get(id);
        assertTrue(txn.decided(), "decided everywhere: " + where(s) + " -> " + txn);
        assertEquals(simulated.transactions().get(id).outcome(), txn.outcome(), "as simulated: " + where(s));
        assertEquals(t.unanimous() ? Verdict.COMMIT : Verdict.ABORT, txn.outcome().orElseThrow(),
            "commit exactly when every vote is COMMIT: " + where(s));
      }
    }
  }

  @Test
  void whatIsLoggedSurvivesARestartOfEveryNode() throws Exception {
    SplittableRandom random = new SplittableRandom(SEED + 1);
    for (int i = 0; i < Math.max(2, runtime.budget() / 4); i++) {
      CommitScenario s = workload(random);
      CommitRuntime.Recovered run = runtime.runAndRecover(protocol(), s);
      CommitOutcome before = run.before();
      CommitOutcome after = run.after();
      holds(s, before);
      holds(s, after);
      for (long id : before.transactions().keySet()) {
        assertEquals(before.transactions().get(id).outcome(), after.transactions().get(id).outcome(),
            "a recovered node keeps what it logged: " + where(s));
        assertEquals(before.transactions().get(id).votes(), after.transactions().get(id).votes(),
            "and the votes it cast: " + where(s));
      }
    }
  }
}
