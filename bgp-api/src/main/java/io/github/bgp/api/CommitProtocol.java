package io.github.bgp.api;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * An atomic commit protocol: a coordinator and participants decide, for each transaction, to
 * commit it everywhere or nowhere, surviving crashes through a durable log at every node. Two-
 * phase commit is the one in this library (name {@code 2pc}); another would be swappable by
 * name.
 */
public interface CommitProtocol extends Protocol {

  /**
   * The protocol set up for one run of {@code scenario}, each participant protecting the
   * resource {@code resources} gives for it.
   */
  Commit<?> create(CommitScenario scenario, Environment environment, Function<NodeId, Resource> resources);

  /**
   * A resource for each participant that votes as the scenario says and otherwise keeps
   * nothing: for simulations that test the protocol rather than an application.
   */
  Function<NodeId, Resource> scriptedResources(CommitScenario scenario);

  /**
   * What a run came to, read from every node's durable log at its end ({@code logs}: node to
   * records, in order), knowing which nodes were down then, with the runtime's counters and
   * events.
   */
  CommitOutcome outcome(CommitScenario scenario, Map<NodeId, List<byte[]>> logs, Set<NodeId> down, long messages,
      Map<String, Long> counters, List<String> events);

  /**
   * Whether {@code node} has nothing left to do in any of {@code scenario}'s transactions, judging
   * by the records of its log: the coordinator has seen every transaction to its end (every
   * participant acknowledged the decision), a participant holds every outcome. A node process may
   * stop once it is settled (a participant, once its peers no longer need it to answer).
   */
  boolean settled(CommitScenario scenario, NodeId node, List<byte[]> records);

  /**
   * Each transaction's records in one node's log, for people: {@code txn 7: READY, COMMIT}. The
   * {@code bgp 2pc log} command prints this.
   */
  Map<Long, List<String>> describeLog(List<byte[]> records);
}
