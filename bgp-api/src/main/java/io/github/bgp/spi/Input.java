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
   * @since 0.1.0
   */
  record Propose(Value value) implements Input {
    public Propose {
      Objects.requireNonNull(value, "value");
    }

    /**
     * The value {@code input} proposes, for a node that takes nothing else.
     *
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
   * @since 0.1.0
   */
  record Submit(Transaction transaction) implements Input {
    public Submit {
      Objects.requireNonNull(transaction, "transaction");
    }
  }

  /**
   * The answer to a {@link Call}: the vote of a prepare, the transactions in doubt of an
   * in-doubt query, or why the call failed ({@code failure}: its message; {@code heuristic}: the
   * store resolved the transaction on its own, saying how).
   *
   * @since 0.1.0
   */
  record Answer(Call call, Optional<Vote> vote, Set<Long> inDoubt, Optional<String> failure,
      Optional<String> heuristic) implements Input {
    public Answer {
      Objects.requireNonNull(call, "call");
      Objects.requireNonNull(vote, "vote");
      inDoubt = Set.copyOf(inDoubt);
      Objects.requireNonNull(failure, "failure");
      Objects.requireNonNull(heuristic, "heuristic");
    }

    /** The call succeeded (with a vote for a prepare). */
    public static Answer ok(Call call, Optional<Vote> vote) {
      return new Answer(call, vote, Set.of(), Optional.empty(), Optional.empty());
    }

    /** An in-doubt query answered. */
    public static Answer inDoubt(Call call, Set<Long> txns) {
      return new Answer(call, Optional.empty(), txns, Optional.empty(), Optional.empty());
    }

    /** The call failed, and may be tried again. */
    public static Answer failed(Call call, String why) {
      return new Answer(call, Optional.empty(), Set.of(), Optional.of(why), Optional.empty());
    }

    /** The store resolved the transaction on its own; the call must not be retried. */
    public static Answer heuristic(Call call, String what) {
      return new Answer(call, Optional.empty(), Set.of(), Optional.empty(), Optional.of(what));
    }

    /** Whether the call did what it was asked. */
    public boolean succeeded() {
      return failure.isEmpty() && heuristic.isEmpty();
    }
  }
}
