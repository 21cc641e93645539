package io.github.bgp.twophase.log;

import io.github.bgp.api.CommitSpec;
import io.github.bgp.api.NodeId;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Whose a log is: the cluster, the node, its role and the protocol it runs, as a
 * {@link FileLog}'s header records them. {@link FileLog#open} refuses a log whose header names
 * another owner, so that a node never recovers from another cluster's, another node's or another
 * role's records.
 *
 * @param cluster the cluster's name, at most 255 bytes of UTF-8 ({@code ""}: no cluster, as in a simulation)
 * @param node the node
 * @param role what the node is in the protocol
 * @param protocol the protocol's name ({@code 2pc}), 1 to 255 bytes of UTF-8
 */
public record LogOwner(String cluster, NodeId node, Role role, String protocol) {

  /** The longest cluster or protocol name, in bytes of UTF-8. */
  public static final int MAX_NAME_BYTES = 255;

  /** What a node is in a commit protocol. */
  public enum Role {
    /** Node 0: it decides. */
    COORDINATOR,
    /** Nodes 1..p: each votes and carries out the decision at its resource. */
    PARTICIPANT,
    /** A node past the participants that a protocol runs too, such as Paxos Commit's acceptors. */
    ACCEPTOR;

    /** {@code coordinator} or {@code participant}. */
    public String word() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /**
   * Checks the names.
   *
   * @throws IllegalArgumentException if a name is too long, or the protocol's is empty
   */
  public LogOwner {
    Objects.requireNonNull(cluster, "cluster");
    Objects.requireNonNull(node, "node");
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(protocol, "protocol");
    if (cluster.getBytes(StandardCharsets.UTF_8).length > MAX_NAME_BYTES) {
      throw new IllegalArgumentException("a log's cluster name is at most " + MAX_NAME_BYTES
          + " bytes of UTF-8, got " + cluster.getBytes(StandardCharsets.UTF_8).length);
    }
    int p = protocol.getBytes(StandardCharsets.UTF_8).length;
    if (p == 0 || p > MAX_NAME_BYTES) {
      throw new IllegalArgumentException("a log's protocol name is 1 to " + MAX_NAME_BYTES
          + " bytes of UTF-8, got " + p);
    }
  }

  /**
   * The owner of node {@code node}'s log in a commit instance of {@code spec} on {@code cluster}:
   * the coordinator's, a participant's, or (any node past the participants, as Paxos Commit's
   * acceptors are) an acceptor's.
   */
  public static LogOwner of(String cluster, CommitSpec spec, NodeId node, String protocol) {
    Objects.requireNonNull(spec, "spec");
    if (node.equals(spec.coordinator())) {
      return new LogOwner(cluster, node, Role.COORDINATOR, protocol);
    }
    return new LogOwner(cluster, node, spec.participantIds().contains(node) ? Role.PARTICIPANT : Role.ACCEPTOR,
        protocol);
  }

  /** {@code node 1 of cluster "b" (participant, 2pc)}. */
  public String describe() {
    return "node " + node + " of cluster \"" + cluster + "\" (" + role.word() + ", " + protocol + ")";
  }

  @Override
  public String toString() {
    return describe();
  }
}
