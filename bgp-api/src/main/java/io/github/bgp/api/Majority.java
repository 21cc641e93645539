package io.github.bgp.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

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
 */
public interface Majority {

  /**
   * Chooses one value from the votes.
   *
   * @param votes at least one vote, all of one kind
   * @throws IllegalArgumentException if {@code votes} is empty or mixes orders and numbers
   */
  Value choose(List<Value> votes);

  /** The name scenarios and the command line use: {@code default}, {@code median}, or a custom one. */
  String name();

  /** Majority with a default: the value held by more than half of the votes, else {@code fallback}. */
  static Majority withDefault(Value fallback) {
    return new WithDefault(Objects.requireNonNull(fallback, "fallback"));
  }

  /** The lower median of the votes. */
  static Majority median() {
    return Median.INSTANCE;
  }

  /**
   * The majority function called {@code name}: {@code default} (with {@code fallback} as the
   * default) or {@code median}.
   *
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

  /** Majority with a default value. */
  record WithDefault(Value fallback) implements Majority {

    public WithDefault {
      Objects.requireNonNull(fallback, "fallback");
    }

    @Override
    public Value choose(List<Value> votes) {
      checkVotes(votes);
      // Boyer-Moore vote, then a check that the candidate really holds more than half.
      Value candidate = null;
      int lead = 0;
      for (Value v : votes) {
        if (lead == 0) {
          candidate = v;
          lead = 1;
        } else if (v.equals(candidate)) {
          lead++;
        } else {
          lead--;
        }
      }
      int count = 0;
      for (Value v : votes) {
        if (v.equals(candidate)) {
          count++;
        }
      }
      return 2L * count > votes.size() ? candidate : fallback;
    }

    @Override
    public String name() {
      return "default";
    }
  }

  /** The lower median. */
  final class Median implements Majority {
    static final Median INSTANCE = new Median();

    private Median() {}

    @Override
    public Value choose(List<Value> votes) {
      checkVotes(votes);
      List<Value> sorted = new ArrayList<>(votes);
      sorted.sort(null);
      return sorted.get((sorted.size() - 1) / 2);
    }

    @Override
    public String name() {
      return "median";
    }

    @Override
    public String toString() {
      return "Majority.median()";
    }
  }

  private static void checkVotes(List<Value> votes) {
    if (votes.isEmpty()) {
      throw new IllegalArgumentException("a majority needs at least one vote");
    }
    Value.Kind kind = votes.get(0).kind();
    for (Value v : votes) {
      if (v.kind() != kind) {
        throw new IllegalArgumentException("votes mix orders and numbers: " + votes);
      }
    }
  }
}
