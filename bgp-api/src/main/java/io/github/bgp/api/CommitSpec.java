package io.github.bgp.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What every node of a commit instance knows alike: how many participants (nodes 1..p; node 0
 * coordinates), how many crashed acceptors a protocol that replicates its decision must survive
 * ({@code tolerance}; 0 for two-phase commit), and the protocol's timeouts. Nothing here is a
 * workload: transactions are given to a running coordinator ({@code submit}), and in a simulation
 * by its {@link CommitScenario}.
 *
 * @param participants p, at least 1
 * @param tolerance F, the crashes a replicated decision survives (Paxos Commit runs 2F+1 acceptors)
 * @param timeouts the protocol's waits, in the runtime's clock units
 * @since 0.1.0
 */
public record CommitSpec(int participants, int tolerance, CommitScenario.Timeouts timeouts) {

  /**
   * Checks the parts.
   *
   * @param participants p, at least 1
   * @param tolerance F, the crashes a replicated decision survives (Paxos Commit runs 2F+1 acceptors)
   * @param timeouts the protocol's waits, in the runtime's clock units
   * @throws IllegalArgumentException if {@code participants} is less than 1 or {@code tolerance}
   *     is negative
   * @throws NullPointerException if {@code timeouts} is null
   */
  public CommitSpec {
    if (participants < 1) {
      throw new IllegalArgumentException("a commit needs at least 1 participant, got " + participants);
    }
    if (tolerance < 0) {
      throw new IllegalArgumentException("the tolerance F is at least 0, got " + tolerance);
    }
    Objects.requireNonNull(timeouts, "timeouts");
  }

  /**
   * {@code participants} participants, F = 0, the simulator's default timeouts.
   *
   * @param participants p, at least 1
   * @return the spec
   * @throws IllegalArgumentException if {@code participants} is less than 1
   */
  public static CommitSpec of(int participants) {
    return new CommitSpec(participants, 0, CommitScenario.Timeouts.DEFAULT);
  }

  /**
   * The coordinator.
   *
   * @return node 0, always
   */
  public NodeId coordinator() {
    return NodeId.COMMANDER;
  }

  /**
   * The participants' ids.
   *
   * @return nodes 1..p, in order, unmodifiable
   */
  public List<NodeId> participantIds() {
    List<NodeId> ids = new ArrayList<>();
    for (int i = 1; i <= participants; i++) {
      ids.add(NodeId.of(i));
    }
    return List.copyOf(ids);
  }

  /**
   * How many nodes the coordinator and the participants are (a protocol may run more, say
   * acceptors: {@link CommitProtocol#nodes(CommitSpec)}).
   *
   * @return p + 1
   */
  public int nodes() {
    return participants + 1;
  }

  /**
   * This spec with other timeouts.
   *
   * @param t the timeouts to use, not null
   * @return a spec with the same participants and tolerance
   */
  public CommitSpec withTimeouts(CommitScenario.Timeouts t) {
    return new CommitSpec(participants, tolerance, t);
  }
}
