package io.github.bgp.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.bgp.api.AgreementProtocol;
import io.github.bgp.api.Outcome;
import io.github.bgp.api.Protocols;
import io.github.bgp.api.Scenario;
import io.github.bgp.api.Strategy;
import io.github.bgp.api.Value;
import io.github.bgp.check.Gen;
import io.github.bgp.sim.Simulation;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The agreement contract, one suite for every protocol and every runtime (Ratis's shape): a
 * subclass names a protocol and a runtime in three lines, and inherits every test.
 *
 * <pre>{@code
 * class OmOnSimulatorTest extends AgreementContract {
 *   OmOnSimulatorTest() { super("om", new SimulatedRuntime()); }
 * }
 * }</pre>
 *
 * <ul>
 *   <li>IC1 and IC2 hold in every generated scenario the protocol guarantees them for, with every
 *       strategy the runtime can run, traitor sets with and without the commander;
 *   <li>the runtime decides exactly what the simulator decides for the same scenario (same seed),
 *       with the same number of messages;
 *   <li>the textbook case: four generals, one traitor lieutenant, the loyal commander obeyed.
 * </ul>
 *
 * Scenarios are drawn from a fixed seed ({@link #SEED}), printed with every failure.
 *
 * @since 0.1.0
 */
public abstract class AgreementContract {

  /** The seed the suite's scenarios are drawn from. */
  public static final long SEED = 0x5EED_C0DEL;

  private final String protocolName;
  private final AgreementRuntime runtime;

  /**
   * The contract for the protocol called {@code protocol} on {@code runtime}.
   *
   * @param protocol the name the protocol is registered under
   * @param runtime where the contract's scenarios run
   */
  protected AgreementContract(String protocol, AgreementRuntime runtime) {
    this.protocolName = protocol;
    this.runtime = runtime;
  }

  /**
   * The protocol under test.
   *
   * @return the protocol, found by name
   */
  protected AgreementProtocol protocol() {
    return Protocols.agreement(protocolName);
  }

  /** The strategies this runtime can run without depending on a deadline being met. */
  private List<Strategy> strategies() {
    List<Strategy> s = new ArrayList<>(List.of(Strategy.FLIP, Strategy.SPLIT, Strategy.RANDOM, Strategy.HONEST));
    if (runtime.virtualTime()) {
      s.add(Strategy.SILENT);
    }
    return s;
  }

  /**
   * {@code count} scenarios of 4 to 7 generals that the protocol guarantees IC1 and IC2 for.
   *
   * @param count how many scenarios
   * @param seed the seed they are drawn with
   * @return the scenarios
   */
  protected List<Scenario> guaranteed(int count, long seed) {
    AgreementProtocol p = protocol();
    Gen<Scenario> gen = Scenarios.generator().generals(4, 7).anyM().strategies(strategies())
        .orders(List.of(Value.ATTACK, Value.RETREAT)).build();
    SplittableRandom random = new SplittableRandom(seed);
    List<Scenario> out = new ArrayList<>();
    for (int tries = 0; out.size() < count && tries < 100 * count; tries++) {
      Scenario s = gen.sample(random).value();
      if (s.m() <= 2 && p.guarantee(s).holds()) {
        out.add(s);
      }
    }
    assertEquals(count, out.size(), "could not draw " + count + " guaranteed scenarios for " + p.name());
    return out;
  }

  private String where(Scenario s) {
    return protocolName + " on " + runtime.name() + " (suite seed " + SEED + "): " + s;
  }

  @Test
  void icOneAndIcTwoHoldWheneverTheProtocolGuaranteesThem() throws Exception {
    List<Scenario> scenarios = guaranteed(runtime.budget(), SEED);
    assertTrue(scenarios.stream().anyMatch(s -> s.isTraitor(io.github.bgp.api.NodeId.COMMANDER)),
        "some scenarios have a traitor commander");
    assertTrue(scenarios.stream().anyMatch(s -> s.commanderIsLoyal() && !s.traitors().isEmpty()),
        "some have traitor lieutenants under a loyal commander");
    List<Outcome> outcomes = runtime.run(protocol(), scenarios);
    assertEquals(scenarios.size(), outcomes.size());
    for (int i = 0; i < scenarios.size(); i++) {
      Outcome o = outcomes.get(i);
      assertTrue(o.undecided().isEmpty(), "every loyal lieutenant decides: " + where(scenarios.get(i)) + " -> " + o);
      assertTrue(o.ic1(), "IC1: " + where(scenarios.get(i)) + " -> " + o);
      assertTrue(o.ic2(), "IC2: " + where(scenarios.get(i)) + " -> " + o);
    }
  }

  @Test
  void decidesWhatTheSimulatorDecidesForTheSameScenario() throws Exception {
    List<Scenario> scenarios = guaranteed(Math.max(4, runtime.budget() / 2), SEED + 1);
    List<Outcome> outcomes = runtime.run(protocol(), scenarios);
    for (int i = 0; i < scenarios.size(); i++) {
      Outcome simulated = Simulation.run(protocol(), scenarios.get(i));
      Outcome here = outcomes.get(i);
      assertEquals(simulated.decisions(), here.decisions(), "decisions: " + where(scenarios.get(i)));
      assertEquals(simulated.messages(), here.messages(), "messages: " + where(scenarios.get(i)));
      assertEquals(simulated.frames(), here.frames(), "frames: " + where(scenarios.get(i)));
    }
  }

  @Test
  void aTraitorLieutenantCannotMisleadTheLoyalOnesUnderALoyalCommander() throws Exception {
    Scenario textbook = Scenario.builder(4).m(1).traitors(3).strategy(Strategy.FLIP).order(Value.ATTACK).build();
    Outcome o = runtime.run(protocol(), List.of(textbook)).get(0);
    assertEquals(List.of(Value.ATTACK, Value.ATTACK), List.copyOf(o.values().values()), where(textbook) + " -> " + o);
    assertTrue(o.ic1() && o.ic2());
    assertFalse(o.decisions().containsKey(io.github.bgp.api.NodeId.of(3)), "a traitor's decision is not recorded");
  }
}
