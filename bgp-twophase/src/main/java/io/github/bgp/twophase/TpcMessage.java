package io.github.bgp.twophase;

import io.github.bgp.api.Transaction;
import io.github.bgp.api.Verdict;
import java.util.Objects;

/**
 * The messages of two-phase commit (CS162 lecture 24's state machines, with the cooperative
 * termination protocol for participants left uncertain). Each names its transaction.
 */
sealed interface TpcMessage {

  /** The transaction the message is about. */
  long txn();

  /** The coordinator asks a participant to prepare {@code transaction} and vote (phase 1). */
  record VoteRequest(Transaction transaction) implements TpcMessage {
    public VoteRequest {
      Objects.requireNonNull(transaction, "transaction");
    }

    @Override
    public long txn() {
      return transaction.id();
    }
  }

  /** A participant's vote. */
  record Vote(long txn, io.github.bgp.api.Vote vote) implements TpcMessage {
    public Vote {
      Objects.requireNonNull(vote, "vote");
    }
  }

  /** The outcome: GLOBAL-COMMIT or GLOBAL-ABORT from the coordinator (phase 2), or a peer's answer to a request. */
  record Decision(long txn, Verdict decision) implements TpcMessage {
    public Decision {
      Objects.requireNonNull(decision, "decision");
    }
  }

  /** A participant has logged the coordinator's decision. */
  record Ack(long txn) implements TpcMessage {}

  /** An uncertain participant asks the coordinator or a peer for the outcome. */
  record DecisionRequest(long txn) implements TpcMessage {}

  /** The coordinator logged END: every participant acknowledged, nobody will ask about it again. */
  record Ended(long txn) implements TpcMessage {}
}
