package io.github.bgp.check;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * A generated value together with the smaller values it can shrink to, each again a sample:
 * a lazily built tree. Shrinking walks down it, keeping a smaller value as long as the
 * property still fails on it. Because generators combine trees rather than values
 * ("integrated shrinking"), a shrunk value always satisfies every constraint its generator
 * was built with.
 *
 * @since 0.1.0
 */
public final class Sample<T> {

  private final T value;
  private final Supplier<List<Sample<T>>> shrinks;

  private Sample(T value, Supplier<List<Sample<T>>> shrinks) {
    this.value = value;
    this.shrinks = shrinks;
  }

  /**
   * A value that does not shrink.
   *
   * @param <T> the value's type
   * @param value the value
   * @return the sample
   */
  public static <T> Sample<T> of(T value) {
    return new Sample<>(value, List::of);
  }

  /**
   * A value with its shrinks, computed only when asked for, smallest first.
   *
   * @param <T> the value's type
   * @param value the value
   * @param shrinks its shrinks, computed when asked for
   * @return the sample
   */
  public static <T> Sample<T> of(T value, Supplier<List<Sample<T>>> shrinks) {
    return new Sample<>(value, Objects.requireNonNull(shrinks, "shrinks"));
  }

  /**
   * The value drawn.
   *
   * @return the value
   */
  public T value() {
    return value;
  }

  /**
   * The values this one shrinks to, most aggressive first.
   *
   * @return the shrinks, each a sample of its own
   */
  public List<Sample<T>> shrinks() {
    return shrinks.get();
  }

  /**
   * The same tree with {@code f} applied to every value.
   *
   * @param <R> the new values' type
   * @param f the function
   * @return the mapped tree
   */
  public <R> Sample<R> map(Function<? super T, ? extends R> f) {
    return new Sample<>(f.apply(value), () -> {
      List<Sample<R>> out = new ArrayList<>();
      for (Sample<T> s : shrinks()) {
        out.add(s.map(f));
      }
      return out;
    });
  }

  /**
   * The same tree without the shrinks (and their subtrees) whose values fail {@code keep}.
   *
   * @param keep the condition shrinks must meet
   * @return the filtered tree
   */
  public Sample<T> filter(Predicate<? super T> keep) {
    return new Sample<>(value, () -> {
      List<Sample<T>> out = new ArrayList<>();
      for (Sample<T> s : shrinks()) {
        if (keep.test(s.value())) {
          out.add(s.filter(keep));
        }
      }
      return out;
    });
  }

  @Override
  public String toString() {
    return String.valueOf(value);
  }
}
