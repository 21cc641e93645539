package io.github.bgp.api;

import io.github.bgp.spi.Environment;
import io.github.bgp.spi.Setup;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * An atomic commit protocol: a coordinator and participants decide, for each transaction, to
 * commit it everywhere or nowhere, surviving crashes through a durable log at every node. Its
 * nodes take {@code Submit} inputs at the coordinator and call their {@link Resource} through the
 * runtime. Two-phase commit is {@code 2pc}; others are swappable by name.
 *
 * @since 0.1.0
 */
public interface CommitProtocol extends Protocol {

  @Override
  default Family family() {
    return Family.COMMIT;
  }

  @Override
  default Set<Capability> capabilities() {
    return Set.of(Capability.DURABLE_LOG);
  }

  /**
   * The protocol set up for one commit instance.
   *
   * @param spec the instance every node knows alike
   * @param environment the cluster and the instance id (which log headers and global ids bind)
   * @return the nodes: the coordinator, the participants and any more the protocol runs
   */
  Setup<?> create(CommitSpec spec, Environment environment);

  /**
   * How many nodes an instance runs: node 0 coordinates, nodes 1..p are the participants (each
   * with its resource), and a protocol may run more after them (Paxos Commit's acceptors, which
   * have no resource). By default the coordinator and the participants, {@link CommitSpec#nodes()}.
   *
   * @param spec the instance
   * @return the number of nodes, at least {@code spec.nodes()}
   */
  default int nodes(CommitSpec spec) {
    return spec.nodes();
  }

  /**
   * What the nodes' durable logs show ({@code logs}: node to records, in order), knowing which
   * nodes were down at the end: per transaction (every one any log names, and those of
   * {@code expected} that none does), the decision, each participant's state and the vote it cast,
   * and why it is blocked if it is.
   *
   * @param spec the instance the logs are of
   * @param logs each node's log records, in the order they were forced
   * @param down the nodes that were down at the end
   * @param expected the ids of transactions submitted, whether or not a log names them
   * @return the outcome, with its atomicity checks
   * @throws IllegalArgumentException if a record is not one of this protocol's
   */
  CommitOutcome outcome(CommitSpec spec, Map<NodeId, List<byte[]>> logs, Set<NodeId> down, Set<Long> expected);

  /**
   * Whether {@code node} has nothing left to do for the transactions {@code txns}, judging by the
   * records of its log: the coordinator has seen each to its end (every participant acknowledged
   * the decision), a participant holds each outcome and has heard that the coordinator ended it.
   * A node process may stop once it is settled.
   *
   * @param spec the instance
   * @param node the node whose log it is
   * @param txns the ids of the transactions to judge
   * @param records the node's log records, in order
   * @return whether the node is settled for every one of {@code txns}
   */
  boolean settled(CommitSpec spec, NodeId node, Set<Long> txns, List<byte[]> records);

  /**
   * Each transaction's records in one node's log, for people: {@code txn 7: READY, COMMIT}. The
   * {@code bgp 2pc log} command prints this.
   *
   * @param records one node's log records, in order
   * @return each transaction's records in words, by transaction id
   * @throws IllegalArgumentException if a record is not one of this protocol's
   */
  Map<Long, List<String>> describeLog(List<byte[]> records);

  /**
   * What a record marks, for named crash points: the coordinator's logged decision, a
   * participant's logged vote, or nothing of note.
   *
   * @param record one log record of this protocol
   * @return what it marks; empty by default
   */
  default Optional<Milestone> milestone(byte[] record) {
    return Optional.empty();
  }

  /**
   * A record that marks a point of the protocol a crash can be named after.
   *
   * @since 0.1.0
   */
  enum Milestone {
    /** The coordinator (or whoever decides) logged the decision: {@code after-decision}. */
    DECISION,
    /** A participant logged its vote: {@code after-vote}. */
    VOTE
  }
}
