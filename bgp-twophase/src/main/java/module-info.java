/**
 * Atomic commit: two-phase commit ({@code 2pc}), three-phase commit ({@code 3pc}) and Paxos Commit
 * ({@code paxos-commit}), provided to {@link io.github.bgp.api.Protocols}, and the durable log on
 * disk ({@code io.github.bgp.twophase.log}).
 *
 * @since 0.1.0
 */
module io.github.bgp.twophase {
  requires transitive io.github.bgp.api;

  exports io.github.bgp.twophase;
  exports io.github.bgp.twophase.log;
  exports io.github.bgp.threephase;
  exports io.github.bgp.paxoscommit;

  provides io.github.bgp.api.Protocol
      with io.github.bgp.twophase.TwoPhaseCommit, io.github.bgp.threephase.ThreePhaseCommit,
          io.github.bgp.paxoscommit.PaxosCommit;
}
