/**
 * Test support for protocol authors: the contract suites, the scenario generators and the
 * counterexample searches. The contract suites are JUnit 5 tests, so JUnit's API is needed only by
 * a caller that runs them ({@code requires static}).
 *
 * @since 0.1.0
 */
module io.github.bgp.testkit {
  requires transitive io.github.bgp.api;
  requires transitive io.github.bgp.sim;
  requires transitive io.github.bgp.check;
  requires static org.junit.jupiter.api;

  exports io.github.bgp.testkit;
}
