package io.github.bgp.testkit;

import io.github.bgp.api.AgreementProtocol;
import io.github.bgp.api.Outcome;
import io.github.bgp.api.Scenario;
import io.github.bgp.api.Strategy;
import io.github.bgp.api.Value;
import io.github.bgp.check.Gen;
import io.github.bgp.check.Property;
import io.github.bgp.sim.Simulation;
import io.github.bgp.sim.Traces;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Looks for a scenario in which a protocol breaks IC1 or IC2, shrinks it to a small one, and
 * boils its traitors' behaviour down to the few lies that matter.
 *
 * <p>Under oral messages with n &le; 3m this always succeeds quickly: it is the impossibility
 * result of Lamport, Shostak and Pease made concrete. With n &gt; 3m and at most m traitors it
 * should find nothing; if it finds something, that is a bug in the protocol, and the report
 * replays it.
 *
 * <pre>{@code
 * Optional<Counterexample> c = CounterexampleSearch.of(Protocols.agreement("om"))
 *     .scenarios(Scenarios.generator().generalsShrinkingFrom(6, 2).m(2).build())
 *     .run();
 * }</pre>
 *
 * @since 0.1.0
 */
public final class CounterexampleSearch {

  private final AgreementProtocol protocol;
  private Gen<Scenario> scenarios;
  private int tries = 2_000;
  private long seed = Property.defaultSeed();
  private final Simulation simulation = Simulation.builder().build();

  private CounterexampleSearch(AgreementProtocol protocol) {
    this.protocol = Objects.requireNonNull(protocol, "protocol");
    this.scenarios = Scenarios.generator().generals(3, 7).intolerable().build();
  }

  /**
   * A search for a scenario in which {@code protocol} breaks IC1 or IC2.
   *
   * @param protocol the agreement protocol to search
   * @return the search, with its defaults
   */
  public static CounterexampleSearch of(AgreementProtocol protocol) {
    return new CounterexampleSearch(protocol);
  }

  /**
   * The scenarios to search; by default 3 to 7 generals with n &le; 3m.
   *
   * @param scenarios the generator of scenarios
   * @return this search
   */
  public CounterexampleSearch scenarios(Gen<Scenario> scenarios) {
    this.scenarios = Objects.requireNonNull(scenarios, "scenarios");
    return this;
  }

  /**
   * How many scenarios to try before giving up; 2,000 by default.
   *
   * @param tries how many scenarios, at least 1
   * @return this search
   */
  public CounterexampleSearch tries(int tries) {
    this.tries = tries;
    return this;
  }

  /**
   * The seed of the search itself; printed with what it finds.
   *
   * @param seed the seed
   * @return this search
   */
  public CounterexampleSearch seed(long seed) {
    this.seed = seed;
    return this;
  }

  /** Whether IC1 and IC2 both held in a run of {@code scenario}. */
  private boolean consistent(Scenario scenario) {
    Outcome o = simulation.execute(protocol, scenario);
    return o.ic1() && o.ic2();
  }

  /**
   * Runs the search: up to {@link #tries} scenarios drawn from the {@link #scenarios generator} with
   * the {@link #seed}, each run in the simulator; the first that breaks IC1 or IC2 is shrunk, its
   * traitors' behaviour boiled down to the lies that matter, and replayed traced. The same settings
   * and seed give the same result.
   *
   * @return the shrunk counterexample, or empty if every scenario tried kept IC1 and IC2
   * @throws IllegalArgumentException if the simulator refuses a scenario the generator made (too
   *     large, say): the generator's to fix, not a finding
   * @throws IllegalStateException if the protocol failed with an exception, naming the scenario and
   *     the seed
   */
  public Optional<Counterexample> run() {
    Optional<Property.Failure<Scenario>> failure =
        Property.forAll(scenarios.shrinkAlsoBy(ScenarioShrinker::candidates)).tries(tries).seed(seed)
            .falsify(this::consistent);
    if (failure.isEmpty()) {
      return Optional.empty();
    }
    Property.Failure<Scenario> f = failure.get();
    if (f.cause() instanceof IllegalArgumentException refused) {
      throw refused; // the runtime refused a scenario (too large, say): the caller's to fix, not a finding
    }
    if (f.cause() != null) {
      throw new IllegalStateException("protocol " + protocol.name() + " failed with an exception on "
          + f.shrunk() + " (search seed " + seed + ")", f.cause());
    }
    Scenario minimal = minimalLies(f.shrunk());
    Optional<List<Strategy.Lie>> lies = minimal.strategy() instanceof Strategy.Scripted s && minimal != f.shrunk()
        ? Optional.of(s.lies())
        : Optional.empty();
    Outcome outcome = Simulation.builder().trace(true).build().execute(protocol, minimal);
    return Optional.of(new Counterexample(f.original(), f.shrunk(), minimal, lies, outcome, seed, f.attempt(),
        f.shrinkSteps()));
  }

  /**
   * The same run as {@code scenario}, with its traitors' behaviour written out as a script of
   * only the lies needed to break IC1 or IC2: every message a traitor sent that differs from
   * what a loyal general would have sent, minus each one the violation does not depend on.
   */
  Scenario minimalLies(Scenario scenario) {
    Recorder recorder = new Recorder(scenario.strategy());
    simulation.execute(protocol, scenario.toBuilder().strategy(recorder).build());
    List<Strategy.Lie> lies = new ArrayList<>();
    java.util.Map<List<Object>, Strategy.Lie> byKey = new java.util.HashMap<>();
    for (Strategy.Lie lie : recorder.lies()) {
      Strategy.Lie before = byKey.putIfAbsent(List.of(lie.path(), lie.to()), lie);
      if (before == null) {
        lies.add(lie);
      } else if (!before.value().equals(lie.value())) {
        // The same traitor told the same general different things on one path (in different rounds, say):
        // a script of (path, recipient) cannot say that. Keep the scenario as it is.
        return scenario;
      }
    }
    Scenario scripted = withLies(scenario, lies);
    if (consistent(scripted)) {
      return scenario; // the protocol's traitors do more than strategies can say; keep the original
    }
    for (int i = lies.size() - 1; i >= 0; i--) {
      List<Strategy.Lie> fewer = new ArrayList<>(lies);
      fewer.remove(i);
      Scenario candidate = withLies(scenario, fewer);
      if (!consistent(candidate)) {
        lies = fewer;
        scripted = candidate;
      }
    }
    return scripted;
  }

  private static Scenario withLies(Scenario scenario, List<Strategy.Lie> lies) {
    return scenario.toBuilder().strategy(Strategy.scripted(lies, Strategy.HONEST)).build();
  }

  /** Passes every message to a strategy and writes down the ones where it lied. */
  private static final class Recorder implements Strategy {
    private final Strategy inner;
    private final List<Lie> lies = Collections.synchronizedList(new ArrayList<>());

    Recorder(Strategy inner) {
      this.inner = inner;
    }

    @Override
    public String name() {
      return inner.name();
    }

    @Override
    public Optional<Value> send(Outgoing m) {
      Optional<Value> v = inner.send(m);
      if (!v.equals(Optional.of(m.honest()))) {
        lies.add(new Lie(m.path(), m.to(), v));
      }
      return v;
    }

    List<Lie> lies() {
      List<Lie> sorted = new ArrayList<>(lies);
      sorted.sort((a, b) -> {
        int c = Traces.comparePaths(a.path(), b.path());
        return c != 0 ? c : a.to().compareTo(b.to());
      });
      return sorted;
    }
  }

  /**
   * A scenario that breaks IC1 or IC2.
   *
   * @param found the first scenario found
   * @param shrunk the smallest one shrinking reached
   * @param minimal {@code shrunk} with its traitors reduced to a script of only the lies that
   *     matter; {@code shrunk} itself if its traitors' behaviour could not be scripted
   * @param lies the lies of {@code minimal}'s script, in path order; empty if there is no script
   * @param outcome the traced run of {@code minimal}
   * @param seed the search's seed, which replays the search
   * @param attempt which try found it
   * @param shrinkSteps how many times shrinking found a smaller counterexample
   * @since 0.1.0
   */
  public record Counterexample(Scenario found, Scenario shrunk, Scenario minimal, Optional<List<Strategy.Lie>> lies,
      Outcome outcome, long seed, int attempt, int shrinkSteps) {

    /**
     * Copies the lies.
     *
     * @param found the first scenario found
     * @param shrunk the smallest one shrinking reached
     * @param minimal {@code shrunk} with its traitors reduced to the lies that matter
     * @param lies the lies of {@code minimal}'s script (copied), or empty
     * @param outcome the traced run of {@code minimal}
     * @param seed the search's seed
     * @param attempt which try found it
     * @param shrinkSteps how many times shrinking found a smaller counterexample
     */
    public Counterexample {
      lies = lies.map(List::copyOf);
    }
  }
}
