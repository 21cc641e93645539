package io.github.bgp.generals;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * What the exhaustive {@link Search} of one protocol found. The counts are of loss patterns
 * (2^messengers of them, summing to {@code patterns}); {@code runs} is how many distinct runs
 * they give.
 *
 * @param protocol the protocol searched
 * @param messengers the most messengers it sends: the length of every loss pattern
 * @param patterns how many loss patterns there are: 2^messengers
 * @param runs how many distinct runs they give
 * @param bothAttack patterns under which both attack
 * @param neitherAttacks patterns under which neither does
 * @param onlyA patterns under which A attacks alone
 * @param onlyB patterns under which B attacks alone
 * @param allDelivered the ending when every messenger arrives
 * @param allLost the ending when every messenger is captured
 * @param disagreements the distinct runs in which exactly one general attacks, as the losses
 *     of the messengers that set out, the most instructive first ({@link Search#MOST_INSTRUCTIVE})
 * @param mostInstructive the run of the first of them, if there is one
 * @since 0.1.0
 */
public record SearchResult(MessengerProtocol protocol, int messengers, long patterns, long runs, long bothAttack,
    long neitherAttacks, long onlyA, long onlyB, Ending allDelivered, Ending allLost, List<LossPattern> disagreements,
    Optional<Run> mostInstructive) {


  /**
   * Checks its components and copies its collections.
   *
   * @param protocol the protocol searched
   * @param messengers the most messengers it sends: the length of every loss pattern
   * @param patterns how many loss patterns there are: 2^messengers
   * @param runs how many distinct runs they give
   * @param bothAttack patterns under which both attack
   * @param neitherAttacks patterns under which neither does
   * @param onlyA patterns under which A attacks alone
   * @param onlyB patterns under which B attacks alone
   * @param allDelivered the ending when every messenger arrives
   * @param allLost the ending when every messenger is captured
   * @param disagreements the distinct runs in which exactly one general attacks, as the losses
   *     of the messengers that set out, the most instructive first ({@link Search#MOST_INSTRUCTIVE})
   * @param mostInstructive the run of the first of them, if there is one
   * @throws IllegalArgumentException if the four counts do not add up to {@code patterns}
   * @throws NullPointerException if a part is null
   */
  public SearchResult {
    Objects.requireNonNull(protocol, "protocol");
    Objects.requireNonNull(allDelivered, "allDelivered");
    Objects.requireNonNull(allLost, "allLost");
    disagreements = List.copyOf(disagreements);
    Objects.requireNonNull(mostInstructive, "mostInstructive");
    if (bothAttack + neitherAttacks + onlyA + onlyB != patterns) {
      throw new IllegalArgumentException("the counts do not add up to the " + patterns + " patterns");
    }
  }

  /**
   * Patterns under which exactly one general attacks.
   *
   * @return the number of such patterns
   */
  public long disagreement() {
    return onlyA + onlyB;
  }

  /**
   * Whether some pattern ends in disagreement.
   *
   * @return whether a disagreement was found
   */
  public boolean found() {
    return !disagreements.isEmpty();
  }

  /**
   * One line: {@code acks(3): 1 of 8 loss patterns ends in disagreement (both attack: 1, neither: 6)};
   * or, when none does, what the protocol does when every messenger arrives.
   *
   * @return the summary
   */
  public String summary() {
    if (!found()) {
      return String.format(Locale.ROOT, "%s: none of %,d loss pattern%s ends in disagreement; when every messenger"
          + " arrives, %s", protocol.name(), patterns, patterns == 1 ? "" : "s", allDelivered.describe());
    }
    long d = disagreement();
    return String.format(Locale.ROOT, "%s: %,d of %,d loss patterns %s in disagreement (both attack: %,d, neither: %,d)",
        protocol.name(), d, patterns, d == 1 ? "ends" : "end", bothAttack, neitherAttacks);
  }
}
