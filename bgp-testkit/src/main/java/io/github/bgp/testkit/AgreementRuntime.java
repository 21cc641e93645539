package io.github.bgp.testkit;

import io.github.bgp.api.AgreementProtocol;
import io.github.bgp.api.Outcome;
import io.github.bgp.api.Scenario;
import java.util.List;

/**
 * A runtime that runs agreement instances end to end, for the {@link AgreementContract}: the
 * simulator, live nodes in one JVM, nodes over TLS. Each scenario is one instance; traitors are
 * nodes of the runtime that lie as the scenario says (a test harness: a loyal live node is never
 * configured with traitors).
 *
 * @since 0.1.0
 */
public interface AgreementRuntime {

  /**
   * A short name for failure messages: {@code simulator}, {@code local}, {@code tls}.
   *
   * @return the name
   */
  String name();

  /**
   * Runs every scenario, as many at once as the runtime likes, and returns their outcomes in the
   * same order.
   *
   * @param protocol the protocol under test
   * @param scenarios the scenarios to run
   * @return one outcome per scenario, in order
   * @throws Exception if the runtime cannot run them (a socket, a timeout): a test failure, never a pass
   */
  List<Outcome> run(AgreementProtocol protocol, List<Scenario> scenarios) throws Exception;

  /**
   * Whether time is virtual here, so that a round that waits for its deadline costs nothing and
   * no deadline can be missed. A wall-clock runtime says false, and the contract then runs no
   * scenario in which a traitor is silent: every round closes when its last frame arrives, and no
   * outcome depends on a deadline being met on a loaded machine.
   *
   * @return whether time is virtual; false by default
   */
  default boolean virtualTime() {
    return false;
  }

  /**
   * How many scenarios a contract test may give this runtime; fewer for costly runtimes.
   *
   * @return the most scenarios per test; 30 by default
   */
  default int budget() {
    return 30;
  }
}
