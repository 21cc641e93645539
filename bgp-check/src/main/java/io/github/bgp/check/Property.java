package io.github.bgp.check;

import java.security.SecureRandom;
import java.util.Objects;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Checks that a property holds for many generated values, and when it does not, shrinks the
 * value that broke it to a small one and reports it with the seed that replays the whole check.
 *
 * <pre>{@code
 * Property.forAll(scenarios).tries(200).check(s -> simulate(s).ic1());
 * }</pre>
 *
 * <p>The seed is {@code -Dbgp.seed} if set, so that a reported failure replays exactly;
 * otherwise a fresh random one, printed with every failure. The same machinery finds
 * counterexamples on purpose: {@link #falsify} returns the shrunk failure instead of throwing.
 *
 * @since 0.1.0
 */
public final class Property<T> {

  /** The system property that fixes the seed of every property check in the JVM. */
  public static final String SEED_PROPERTY = "bgp.seed";

  private final Gen<T> gen;
  private int tries = 100;
  private long seed = defaultSeed();
  private int maxShrinks = 2_000;
  private Function<? super T, String> describe = String::valueOf;

  private Property(Gen<T> gen) {
    this.gen = Objects.requireNonNull(gen, "gen");
  }

  /**
   * A property over the values of {@code gen}.
   *
   * @param <T> the values' type
   * @param gen the generator of the values to try
   * @return the property, to configure and check
   */
  public static <T> Property<T> forAll(Gen<T> gen) {
    return new Property<>(gen);
  }

  /**
   * The seed checks start from: {@code -Dbgp.seed} if it is set, else a fresh random seed.
   *
   * @return the seed
   * @throws IllegalArgumentException if {@code bgp.seed} is set but is not a number
   */
  public static long defaultSeed() {
    String fixed = System.getProperty(SEED_PROPERTY, "").strip();
    if (!fixed.isEmpty()) {
      try {
        return Long.parseLong(fixed);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("-D" + SEED_PROPERTY + "=" + fixed + " is not a number");
      }
    }
    return new SecureRandom().nextLong();
  }

  /**
   * How many values to try; 100 by default.
   *
   * @param tries the number of values, at least 1
   * @return this property
   * @throws IllegalArgumentException if {@code tries} is less than 1
   */
  public Property<T> tries(int tries) {
    if (tries < 1) {
      throw new IllegalArgumentException("tries must be at least 1, got " + tries);
    }
    this.tries = tries;
    return this;
  }

  /**
   * The seed to start from, overriding {@link #defaultSeed()}.
   *
   * @param seed the seed
   * @return this property
   */
  public Property<T> seed(long seed) {
    this.seed = seed;
    return this;
  }

  /**
   * The most property evaluations to spend on shrinking; 2,000 by default.
   *
   * @param maxShrinks the budget
   * @return this property
   */
  public Property<T> maxShrinks(int maxShrinks) {
    this.maxShrinks = maxShrinks;
    return this;
  }

  /**
   * How to print a value in a failure report; {@code toString} by default.
   *
   * @param describe how to print a value
   * @return this property
   */
  public Property<T> describedAs(Function<? super T, String> describe) {
    this.describe = Objects.requireNonNull(describe, "describe");
    return this;
  }

  /**
   * The seed this property starts from, which replays it.
   *
   * @return the seed
   */
  public long seed() {
    return seed;
  }

  /**
   * Checks that {@code holds} is true (and does not throw) for every value tried.
   *
   * @param holds the property, true for a good value
   * @throws PropertyFailure naming the seed, the value that failed and its shrunk form
   */
  public void check(Predicate<? super T> holds) {
    Optional<Failure<T>> failure = falsify(holds);
    if (failure.isPresent()) {
      throw new PropertyFailure(failure.get().report(describe), failure.get().cause());
    }
  }

  /**
   * Looks for a value on which {@code holds} is false (or throws), and shrinks it.
   *
   * @return the shrunk failure, or empty if every value tried satisfied the property
   * @param holds the property, true for a good value
   */
  public Optional<Failure<T>> falsify(Predicate<? super T> holds) {
    SplittableRandom random = new SplittableRandom(seed);
    for (int attempt = 1; attempt <= tries; attempt++) {
      Sample<T> sample = gen.sample(random.split());
      Throwable cause = failureOf(holds, sample.value());
      if (cause != null) {
        return Optional.of(shrink(holds, sample, cause, attempt));
      }
    }
    return Optional.empty();
  }

  /** Null if the property holds on {@code value}; the exception (or a marker) if it does not. */
  private static <T> Throwable failureOf(Predicate<? super T> holds, T value) {
    try {
      return holds.test(value) ? null : NOT_SATISFIED;
    } catch (Throwable t) {
      // Anything the property throws is a failure to shrink and report, even a checked
      // exception thrown without being declared, but the JVM running out of memory is not.
      if (t instanceof VirtualMachineError && !(t instanceof StackOverflowError)) {
        throw (VirtualMachineError) t;
      }
      return t;
    }
  }

  private static final Throwable NOT_SATISFIED = new Throwable("the property returned false", null, false, false) {};

  private Failure<T> shrink(Predicate<? super T> holds, Sample<T> failing, Throwable cause, int attempt) {
    Sample<T> current = failing;
    Throwable currentCause = cause;
    int steps = 0;
    int evaluations = 0;
    boolean progress = true;
    while (progress && evaluations < maxShrinks) {
      progress = false;
      for (Sample<T> smaller : current.shrinks()) {
        if (++evaluations > maxShrinks) {
          break;
        }
        Throwable c = failureOf(holds, smaller.value());
        if (c != null) {
          current = smaller;
          currentCause = c;
          steps++;
          progress = true;
          break;
        }
      }
    }
    return new Failure<>(failing.value(), current.value(), seed, attempt, steps,
        currentCause == NOT_SATISFIED ? null : currentCause);
  }

  /**
   * A value that broke a property.
   *
   * @param original the value first found to fail
   * @param shrunk the smallest failing value shrinking reached
   * @param seed the seed that replays the check
   * @param attempt which try found it (1-based)
   * @param shrinkSteps how many times shrinking found a smaller failing value
   * @param cause what the property threw on the shrunk value, or null if it returned false
   * @since 0.1.0
   */
  public record Failure<T>(T original, T shrunk, long seed, int attempt, int shrinkSteps, Throwable cause) {

    /**
     * A report a person can act on: what failed, how small it got, and how to replay it.
     *
     * @param describe how to print a value
     * @return the report, several lines
     */
    public String report(Function<? super T, String> describe) {
      StringBuilder b = new StringBuilder();
      b.append("property failed on try ").append(attempt).append(" (seed ").append(seed).append(")\n");
      b.append("  shrunk (").append(shrinkSteps).append(" steps): ").append(describe.apply(shrunk)).append('\n');
      b.append("  original: ").append(describe.apply(original)).append('\n');
      if (cause != null) {
        b.append("  cause: ").append(cause).append('\n');
      }
      b.append("  replay: mvn verify -D").append(SEED_PROPERTY).append('=').append(seed);
      return b.toString();
    }
  }

  /**
   * Thrown by {@link #check} when a property does not hold.
   *
   * @since 0.1.0
   */
  public static final class PropertyFailure extends AssertionError {
    private static final long serialVersionUID = 1L;

    PropertyFailure(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
