package io.github.bgp.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** The built-in majority functions, behind {@link Majority}'s factories. */
final class Majorities {

  private Majorities() {}

  /** Majority with a default value. */
  record WithDefault(Value fallback) implements Majority {

    WithDefault {
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

    @Override
    public Optional<Value> defaultValue() {
      return Optional.of(fallback);
    }
  }

  /** The lower median. */
  static final class Median implements Majority {
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

  static void checkVotes(List<Value> votes) {
    if (votes.isEmpty()) {
      throw new IllegalArgumentException("a majority needs at least one vote");
    }
    Value.Kind kind = votes.get(0).kind();
    for (Value v : votes) {
      if (v.kind() != kind) {
        throw new IllegalArgumentException("votes mix kinds of value: " + votes);
      }
    }
  }
}
