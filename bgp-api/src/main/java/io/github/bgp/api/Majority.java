package io.github.bgp.api;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The function a lieutenant applies to the values it has gathered (Lamport, Shostak and Pease
 * 1982, section 3): it must have the property that if a strict majority of the votes equal
 * {@code v}, the result is {@code v}. The paper names two natural choices, and both are here:
 *
 * <ul>
 *   <li>{@link #withDefault(Value)}: the value more than half of the votes hold, otherwise the
 *       default. With orders and the default RETREAT this is "attack only with strictly more
 *       ATTACK than RETREAT votes".
 *   <li>{@link #median()}: the median of values from an ordered set. For an even number of
 *       votes it is the <em>lower</em> of the two middle values, so that it is always one of the
 *       votes (no averaging, no overflow). On orders (RETREAT &lt; ATTACK) the lower median is
 *       exactly majority-with-default-RETREAT: a tie goes to RETREAT.
 * </ul>
 *
 * @since 0.1.0
 */
public interface Majority {

  /**
   * Chooses one value from the votes.
   *
   * @param votes at least one vote, all of one kind
   * @return the chosen value: for a majority function, {@code v} whenever more than half of the
   *     votes are {@code v}
   * @throws IllegalArgumentException if {@code votes} is empty or mixes orders and numbers
   */
  Value choose(List<Value> votes);

  /**
   * The name scenarios and the command line use.
   *
   * @return {@code default}, {@code median}, or a custom function's own name
   */
  String name();

  /**
   * Majority with a default: the value held by more than half of the votes, else {@code fallback}.
   *
   * @param fallback what to choose when no value holds a strict majority (RETREAT for orders)
   * @return the function, named {@code default}
   * @throws NullPointerException if {@code fallback} is null
   */
  static Majority withDefault(Value fallback) {
    return new Majorities.WithDefault(Objects.requireNonNull(fallback, "fallback"));
  }

  /**
   * The lower median of the votes: always one of them, and a tie of orders goes to RETREAT.
   *
   * @return the function, named {@code median}
   */
  static Majority median() {
    return Majorities.Median.INSTANCE;
  }

  /**
   * The majority function called {@code name}: {@code default} (with {@code fallback} as the
   * default) or {@code median}, in any case.
   *
   * @param name {@code default} or {@code median}
   * @param fallback the default for {@code default}; ignored by {@code median}
   * @return the function
   * @throws IllegalArgumentException for any other name, listing the valid ones
   */
  static Majority byName(String name, Value fallback) {
    switch (name == null ? "" : name.toLowerCase(Locale.ROOT)) {
      case "default":
        return withDefault(fallback);
      case "median":
        return median();
      default:
        throw new IllegalArgumentException("unknown majority '" + name + "' (expected default or median)");
    }
  }

  /**
   * The default of a majority with a default ({@link #withDefault}): what it chooses when no value
   * holds more than half of the votes; empty for every other majority.
   *
   * @return the fallback value, or empty
   */
  default Optional<Value> defaultValue() {
    return Optional.empty();
  }
}
