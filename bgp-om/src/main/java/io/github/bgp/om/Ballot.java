package io.github.bgp.om;

import io.github.bgp.api.AgreementSpec;
import io.github.bgp.api.Majority;
import io.github.bgp.api.Value;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A scenario's majority function applied to value codes, as OM's nodes and its evaluator keep
 * them. On orders both built-in majorities reduce to counting ATTACK votes (the lower median is
 * majority with RETREAT as the default), so they need no list of votes at all.
 */
final class Ballot {

  private final Majority majority;
  private final Value.Kind kind;
  private final boolean counts;
  private final long tie;

  Ballot(AgreementSpec spec) {
    this.majority = spec.majority();
    this.kind = spec.kind();
    boolean orders = kind == Value.Kind.ORDER;
    if (majority.defaultValue().isPresent()) {
      this.counts = orders;
      this.tie = majority.defaultValue().get().code();
    } else {
      this.counts = orders && majority == Majority.median();
      this.tie = Value.RETREAT.code();
    }
  }

  /** Whether votes can be counted: orders under a built-in majority. */
  boolean counts() {
    return counts;
  }

  /** The choice among {@code votes} orders of which {@code attack} are ATTACK (only if {@link #counts()}). */
  long counted(int attack, int votes) {
    return 2 * attack > votes ? 1 : 2 * (votes - attack) > votes ? 0 : tie;
  }

  /**
   * The fewest ATTACK votes among {@code votes} for which {@link #counted} chooses ATTACK: a
   * count chooses ATTACK exactly when it is at least this (only if {@link #counts()}).
   */
  int threshold(int votes) {
    int attack = 0;
    while (attack <= votes && counted(attack, votes) != 1) {
      attack++;
    }
    return attack;
  }

  /** The choice among {@code count} vote codes starting at {@code from}. */
  long choose(long[] votes, int from, int count) {
    if (majority == Majority.median()) {
      long[] sorted = Arrays.copyOfRange(votes, from, from + count);
      Arrays.sort(sorted);
      return sorted[(count - 1) / 2];
    }
    if (majority.defaultValue().isPresent()) {
      long candidate = 0;
      int lead = 0;
      for (int i = from; i < from + count; i++) {
        if (lead == 0) {
          candidate = votes[i];
          lead = 1;
        } else if (votes[i] == candidate) {
          lead++;
        } else {
          lead--;
        }
      }
      int held = 0;
      for (int i = from; i < from + count; i++) {
        if (votes[i] == candidate) {
          held++;
        }
      }
      return 2 * held > count ? candidate : tie;
    }
    List<Value> list = new ArrayList<>(count);
    for (int i = from; i < from + count; i++) {
      list.add(Value.of(kind, votes[i]));
    }
    Value chosen = majority.choose(list);
    if (chosen.kind() != kind) {
      throw new IllegalStateException("majority '" + majority.name() + "' chose " + chosen + " from " + list);
    }
    return chosen.code();
  }
}
