package io.github.bgp.check;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A seeded generator of values that know how to shrink.
 *
 * <p>A generator is a function of a random source: the same source (the same seed) gives the
 * same sample. Generators compose with {@link #map}, {@link #flatMap} and {@link #filter}, and
 * shrinking composes with them: a value built from a shrunk part is rebuilt consistently, so a
 * shrunk counterexample still satisfies every constraint the generator encodes.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface Gen<T> {

  /**
   * Draws one sample from {@code random}.
   *
   * @param random the randomness to draw from
   * @return a value with its shrinks
   */
  Sample<T> sample(SplittableRandom random);

  /**
   * Draws one sample from the generator seeded with {@code seed}.
   *
   * @param seed the seed
   * @return a value with its shrinks
   */
  default Sample<T> sample(long seed) {
    return sample(new SplittableRandom(seed));
  }

  /**
   * The values of this generator through {@code f}; they shrink as this generator's do.
   *
   * @param <R> the new values' type
   * @param f the function applied to every value and every shrink
   * @return the mapped generator
   */
  default <R> Gen<R> map(Function<? super T, ? extends R> f) {
    return random -> sample(random).map(f);
  }

  /**
   * A generator whose values depend on this one's. When this one's value shrinks, the
   * dependent generator is run again with the same randomness, then its own value shrinks.
   *
   * @param <R> the dependent values' type
   * @param f the dependent generator for each of this one's values
   * @return the combined generator
   */
  default <R> Gen<R> flatMap(Function<? super T, Gen<R>> f) {
    return random -> {
      Sample<T> outer = sample(random);
      long innerSeed = random.nextLong();
      return bind(outer, f, innerSeed);
    };
  }

  private static <T, R> Sample<R> bind(Sample<T> outer, Function<? super T, Gen<R>> f, long innerSeed) {
    Sample<R> inner = f.apply(outer.value()).sample(new SplittableRandom(innerSeed));
    return Sample.of(inner.value(), () -> {
      List<Sample<R>> out = new ArrayList<>();
      for (Sample<T> o : outer.shrinks()) {
        out.add(bind(o, f, innerSeed));
      }
      out.addAll(inner.shrinks());
      return out;
    });
  }

  /**
   * The same values, with {@code more} offering extra, domain-aware shrinks of every value
   * (tried before the generator's own). A value reached through {@code more} shrinks further
   * through {@code more} alone. Candidates must be valid values of this generator.
   *
   * @param more the extra shrinks of a value, most aggressive first
   * @return the generator with the extra shrinks
   */
  default Gen<T> shrinkAlsoBy(Function<? super T, ? extends List<T>> more) {
    return random -> withMore(sample(random), more);
  }

  private static <T> Sample<T> withMore(Sample<T> s, Function<? super T, ? extends List<T>> more) {
    return Sample.of(s.value(), () -> {
      List<Sample<T>> out = new ArrayList<>();
      for (T candidate : more.apply(s.value())) {
        out.add(unfold(candidate, more));
      }
      for (Sample<T> child : s.shrinks()) {
        out.add(withMore(child, more));
      }
      return out;
    });
  }

  private static <T> Sample<T> unfold(T value, Function<? super T, ? extends List<T>> more) {
    return Sample.of(value, () -> {
      List<Sample<T>> out = new ArrayList<>();
      for (T candidate : more.apply(value)) {
        out.add(unfold(candidate, more));
      }
      return out;
    });
  }

  /**
   * Combines this generator with an independent one.
   *
   * @param <U> the other generator's type
   * @param <R> the combined values' type
   * @param other the independent generator
   * @param f how a pair of values combines
   * @return the combined generator, which shrinks either side
   */
  default <U, R> Gen<R> zip(Gen<U> other, BiFunction<? super T, ? super U, ? extends R> f) {
    return flatMap(t -> other.map(u -> f.apply(t, u)));
  }

  /**
   * Only values satisfying {@code keep}. Draws again (up to 1,000 times) when a value does not.
   *
   * @param keep the condition values must meet
   * @return the filtered generator
   * @throws IllegalStateException from {@link #sample} if no value in 1,000 draws satisfies it
   */
  default Gen<T> filter(Predicate<? super T> keep) {
    return random -> {
      for (int i = 0; i < 1_000; i++) {
        Sample<T> s = sample(random);
        if (keep.test(s.value())) {
          return s.filter(keep);
        }
      }
      throw new IllegalStateException("the filter rejected 1,000 values in a row; generate valid values directly");
    };
  }

  /**
   * Always {@code value}.
   *
   * @param <T> the value's type
   * @param value the value
   * @return a generator that does not shrink
   */
  static <T> Gen<T> constant(T value) {
    return random -> Sample.of(value);
  }

  /**
   * An int in [lo, hi], uniformly, that shrinks towards {@code lo}.
   *
   * @param lo the smallest value, and the shrink target
   * @param hi the largest value
   * @return the generator
   * @throws IllegalArgumentException if lo &gt; hi
   */
  static Gen<Integer> ints(int lo, int hi) {
    if (lo > hi) {
      throw new IllegalArgumentException("empty range [" + lo + ", " + hi + "]");
    }
    return random -> intTree(lo, lo + (int) random.nextLong((long) hi - lo + 1));
  }

  private static Sample<Integer> intTree(int target, int value) {
    return Sample.of(value, () -> {
      List<Sample<Integer>> out = new ArrayList<>();
      for (long candidate : towards(target, value)) {
        out.add(intTree(target, (int) candidate));
      }
      return out;
    });
  }

  /**
   * Always {@code value}, shrinking towards {@code target}: for a size a search starts at and
   * may shrink below.
   *
   * @param value the value generated
   * @param target the value it shrinks towards
   * @return the generator
   */
  static Gen<Integer> startingAt(int value, int target) {
    return random -> intTree(target, value);
  }

  /**
   * Any long, uniformly, shrinking towards 0: for seeds.
   *
   * @return the generator
   */
  static Gen<Long> longs() {
    return random -> longTree(random.nextLong());
  }

  private static Sample<Long> longTree(long value) {
    return Sample.of(value, () -> {
      List<Sample<Long>> out = new ArrayList<>();
      for (long candidate : towards(0, value)) {
        out.add(longTree(candidate));
      }
      return out;
    });
  }

  /** Candidates between target and value: target itself, then halfway, a quarter of the way, ... value - 1. */
  private static List<Long> towards(long target, long value) {
    List<Long> out = new ArrayList<>();
    if (value == target) {
      return out;
    }
    // Work with the (possibly huge) distance as an unsigned magnitude, stepping from the target.
    boolean up = value > target;
    long distance = up ? value - target : target - value; // may overflow to negative for extreme spans
    if (distance < 0) {
      distance = Long.MAX_VALUE;
    }
    out.add(target);
    for (long d = distance / 2; d > 0; d /= 2) {
      long candidate = up ? value - d : value + d;
      if (candidate != target && !out.contains(candidate)) {
        out.add(candidate);
      }
    }
    return out;
  }

  /**
   * One of {@code choices}, uniformly; shrinks towards the first.
   *
   * @param <T> the choices' type
   * @param choices the values to choose from, at least one
   * @return the generator
   */
  static <T> Gen<T> elements(List<T> choices) {
    List<T> copy = List.copyOf(choices);
    if (copy.isEmpty()) {
      throw new IllegalArgumentException("no choices to draw from");
    }
    return ints(0, copy.size() - 1).map(copy::get);
  }

  /**
   * True or false; shrinks towards false.
   *
   * @return the generator
   */
  static Gen<Boolean> booleans() {
    return ints(0, 1).map(i -> i == 1);
  }

  /**
   * A subset of {@code items} of size in [0, maxSize], in the items' order. Shrinks by
   * dropping items and by replacing an item with an earlier one.
   *
   * @param <T> the items' type
   * @param items the items to choose from
   * @param maxSize the largest subset
   * @return the generator
   */
  static <T> Gen<List<T>> subsets(List<T> items, int maxSize) {
    List<T> copy = List.copyOf(items);
    int max = Math.min(maxSize, copy.size());
    if (max < 0) {
      throw new IllegalArgumentException("negative subset size " + maxSize);
    }
    return random -> {
      int size = (int) random.nextLong(max + 1L);
      boolean[] chosen = new boolean[copy.size()];
      int picked = 0;
      while (picked < size) {
        int i = random.nextInt(copy.size());
        if (!chosen[i]) {
          chosen[i] = true;
          picked++;
        }
      }
      return subsetTree(copy, chosen);
    };
  }

  private static <T> Sample<List<T>> subsetTree(List<T> items, boolean[] chosen) {
    List<T> value = new ArrayList<>();
    for (int i = 0; i < chosen.length; i++) {
      if (chosen[i]) {
        value.add(items.get(i));
      }
    }
    return Sample.of(List.copyOf(value), () -> {
      List<Sample<List<T>>> out = new ArrayList<>();
      for (int i = 0; i < chosen.length; i++) {
        if (chosen[i]) {
          boolean[] fewer = chosen.clone();
          fewer[i] = false;
          out.add(subsetTree(items, fewer));
        }
      }
      for (int i = 0; i < chosen.length; i++) {
        if (chosen[i] && i > 0 && !chosen[i - 1]) {
          boolean[] earlier = chosen.clone();
          earlier[i] = false;
          earlier[i - 1] = true;
          out.add(subsetTree(items, earlier));
        }
      }
      return out;
    });
  }

  /**
   * A list of {@code min}..{@code max} values of {@code element}. Shrinks by dropping
   * elements, then by shrinking each element.
   *
   * @param <T> the elements' type
   * @param element the generator of each element
   * @param min the shortest list
   * @param max the longest list
   * @return the generator
   */
  static <T> Gen<List<T>> lists(Gen<T> element, int min, int max) {
    Objects.requireNonNull(element, "element");
    if (min < 0 || min > max) {
      throw new IllegalArgumentException("bad list size range [" + min + ", " + max + "]");
    }
    return random -> {
      int size = min + (int) random.nextLong(max - min + 1L);
      List<Sample<T>> parts = new ArrayList<>();
      for (int i = 0; i < size; i++) {
        parts.add(element.sample(random));
      }
      return listTree(parts, min);
    };
  }

  private static <T> Sample<List<T>> listTree(List<Sample<T>> parts, int min) {
    List<T> value = new ArrayList<>();
    for (Sample<T> p : parts) {
      value.add(p.value());
    }
    return Sample.of(java.util.Collections.unmodifiableList(value), () -> {
      List<Sample<List<T>>> out = new ArrayList<>();
      if (parts.size() > min) {
        for (int i = 0; i < parts.size(); i++) {
          List<Sample<T>> fewer = new ArrayList<>(parts);
          fewer.remove(i);
          out.add(listTree(fewer, min));
        }
      }
      for (int i = 0; i < parts.size(); i++) {
        for (Sample<T> smaller : parts.get(i).shrinks()) {
          List<Sample<T>> changed = new ArrayList<>(parts);
          changed.set(i, smaller);
          out.add(listTree(changed, min));
        }
      }
      return out;
    });
  }
}
