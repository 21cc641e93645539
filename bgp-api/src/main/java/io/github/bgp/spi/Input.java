package io.github.bgp.spi;

import io.github.bgp.api.Transaction;
import io.github.bgp.api.Value;
import io.github.bgp.api.Vote;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What a node's application gives it, delivered by {@link Node#input}. A family defines what its
 * nodes take; a protocol of a new family may define inputs of its own.
 *
 * @since 0.1.0
 */
public interface Input {

  /**
   * The value this node proposes: the commander's order, or this node's own reading.
   *
   * @param value the value proposed, of the instance's kind
   * @since 0.1.0
   */
  record Propose(Value value) implements Input {
    /**
     * Checks the value is there.
     *
     * @param value the value proposed, of the instance's kind
     * @throws NullPointerException if {@code value} is null
     */
    public Propose {
      Objects.requireNonNull(value, "value");
    }

    /**
     * The value {@code input} proposes, for a node that takes nothing else.
     *
     * @param input the input the node was given
     * @return the proposed value
     * @throws IllegalArgumentException if {@code input} is not a proposal, naming what it is
     */
    public static Value of(Input input) {
      if (input instanceof Propose p) {
        return p.value();
      }
      throw new IllegalArgumentException("this node takes the value to propose, not " + input);
    }
  }

  /**
   * A transaction for the coordinator to commit.
   *
   * @param transaction the transaction, with its id and payload
   * @since 0.1.0
   */
  record Submit(Transaction transaction) implements Input {
    /**
     * Checks the transaction is there.
     *
     * @param transaction the transaction, with its id and payload
     * @throws NullPointerException if {@code transaction} is null
     */
    public Submit {
      Objects.requireNonNull(transaction, "transaction");
    }
  }

  /**
   * The answer to a {@link Call}: the vote of a prepare, the transactions in doubt of an
   * in-doubt query, or why the call failed ({@code failure}: its message; {@code heuristic}: the
   * store resolved the transaction on its own, saying how).
   *
   * @param call the call answered
   * @param vote the resource's vote, for a prepare that succeeded; empty otherwise
   * @param inDoubt the transaction ids the store holds in doubt, for an in-doubt query; empty otherwise
   * @param failure why the call failed, if it did; it may be tried again
   * @param heuristic how the store resolved the transaction on its own, if it did; not to be retried
   * @since 0.1.0
   */
  record Answer(Call call, Optional<Vote> vote, Set<Long> inDoubt, Optional<String> failure,
      Optional<String> heuristic) implements Input {
    /**
     * Checks the parts and copies the set; prefer the factories, which fill in the rest.
     *
     * @param call the call answered
     * @param vote the resource's vote, for a prepare that succeeded; empty otherwise
     * @param inDoubt the transaction ids the store holds in doubt; empty otherwise
     * @param failure why the call failed, if it did
     * @param heuristic how the store resolved the transaction on its own, if it did
     * @throws NullPointerException if a part is null
     */
    public Answer {
      Objects.requireNonNull(call, "call");
      Objects.requireNonNull(vote, "vote");
      inDoubt = Set.copyOf(inDoubt);
      Objects.requireNonNull(failure, "failure");
      Objects.requireNonNull(heuristic, "heuristic");
    }

    /**
     * The call succeeded (with a vote for a prepare).
     *
     * @param call the call
     * @param vote the resource's vote for a prepare; empty for a commit or an abort
     * @return the answer
     */
    public static Answer ok(Call call, Optional<Vote> vote) {
      return new Answer(call, vote, Set.of(), Optional.empty(), Optional.empty());
    }

    /**
     * An in-doubt query answered.
     *
     * @param call the query
     * @param txns the ids of the transactions the store holds prepared and unresolved
     * @return the answer
     */
    public static Answer inDoubt(Call call, Set<Long> txns) {
      return new Answer(call, Optional.empty(), txns, Optional.empty(), Optional.empty());
    }

    /**
     * The call failed, and may be tried again.
     *
     * @param call the call
     * @param why the failure's message, for the log
     * @return the answer
     */
    public static Answer failed(Call call, String why) {
      return new Answer(call, Optional.empty(), Set.of(), Optional.of(why), Optional.empty());
    }

    /**
     * The store resolved the transaction on its own; the call must not be retried.
     *
     * @param call the call
     * @param what how the store resolved it (a {@link io.github.bgp.api.HeuristicException}'s message)
     * @return the answer
     */
    public static Answer heuristic(Call call, String what) {
      return new Answer(call, Optional.empty(), Set.of(), Optional.empty(), Optional.of(what));
    }

    /**
     * Whether the call did what it was asked.
     *
     * @return {@code true} if it neither failed nor met a heuristic outcome
     */
    public boolean succeeded() {
      return failure.isEmpty() && heuristic.isEmpty();
    }
  }
}
