package io.github.bgp.api;

import io.github.bgp.check.Gen;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/** Generators of API values, shared by the property tests. */
final class ApiGens {

  private ApiGens() {}

  static final Gen<Value> ORDERS = Gen.elements(List.of(Value.RETREAT, Value.ATTACK));

  /** Numbers from a small range, so that repeats, majorities and ties are common. */
  static Gen<Value> numbers(int lo, int hi) {
    return Gen.ints(lo, hi).map(Value::number);
  }

  /** Numbers from the whole long range, the extremes included now and then. */
  static final Gen<Value> ANY_NUMBER = Gen.ints(0, 9).flatMap(pick -> switch (pick) {
    case 0 -> Gen.elements(List.of(Long.MIN_VALUE, Long.MAX_VALUE, -1L, 0L, 1L)).map(Value::number);
    default -> Gen.longs().map(Value::number);
  });

  /** Any value: an order or a number. */
  static final Gen<Value> ANY_VALUE = Gen.booleans().flatMap(order -> order ? ORDERS : ANY_NUMBER);

  /** A copy of {@code list} in an order fixed by {@code seed}. */
  static <T> List<T> shuffled(List<T> list, long seed) {
    List<T> copy = new ArrayList<>(list);
    Collections.shuffle(copy, new Random(seed));
    return copy;
  }

  /** A vote list in which {@code winner} holds a strict majority. */
  record MajorityCase(Value winner, List<Value> votes) {}

  /** Vote lists with a strict majority for one value, others drawn from {@code values}, in any order. */
  static Gen<MajorityCase> withStrictMajority(Gen<Value> values) {
    return Gen.ints(1, 12).flatMap(k -> values.flatMap(winner -> Gen.lists(values, 0, k - 1)
        .flatMap(others -> Gen.longs().map(seed -> {
          List<Value> votes = new ArrayList<>(others);
          for (int i = 0; i < k; i++) {
            votes.add(winner);
          }
          return new MajorityCase(winner, shuffled(votes, seed));
        }))));
  }
}
