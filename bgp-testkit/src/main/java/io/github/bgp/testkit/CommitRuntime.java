package io.github.bgp.testkit;

import io.github.bgp.api.CommitOutcome;
import io.github.bgp.api.CommitProtocol;
import io.github.bgp.api.CommitScenario;

/**
 * A runtime that runs a commit workload end to end, for the {@link CommitContract}: every
 * transaction submitted to the coordinator, every participant's resource voting as the scenario's
 * script says, each node with a durable log.
 *
 * @since 0.1.0
 */
public interface CommitRuntime {

  /**
   * A short name for failure messages.
   *
   * @return the name
   */
  String name();

  /**
   * Runs the workload until every transaction is decided everywhere (or the runtime gives up),
   * and returns what the nodes' logs show, with the runtime's counters.
   *
   * @param protocol the commit protocol under test
   * @param scenario the workload, its votes and its faults
   * @return what the logs show
   * @throws Exception if the runtime cannot run it: a test failure, never a pass
   */
  CommitOutcome run(CommitProtocol protocol, CommitScenario scenario) throws Exception;

  /**
   * Runs the workload, then restarts every node from its durable log and lets it recover, and
   * returns what the logs showed before the restart and after the recovery: durability says
   * nothing logged is lost and nothing logged changes.
   *
   * @param protocol the commit protocol under test
   * @param scenario the workload, its votes and its faults
   * @return the logs before the restart and after the recovery
   * @throws Exception if the runtime cannot run it: a test failure, never a pass
   */
  Recovered runAndRecover(CommitProtocol protocol, CommitScenario scenario) throws Exception;

  /**
   * What one run's logs showed before every node restarted, and after it recovered.
   *
   * @since 0.1.0
   */
  record Recovered(CommitOutcome before, CommitOutcome after) {}

  /**
   * How many workloads a contract test may give this runtime.
   *
   * @return the most workloads per test; 20 by default
   */
  default int budget() {
    return 20;
  }
}
