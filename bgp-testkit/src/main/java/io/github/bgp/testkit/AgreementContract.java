package io.github.bgp.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.bgp.api.AgreementProtocol;
import io.github.bgp.api.AgreementSpec;
import io.github.bgp.api.InstanceId;
import io.github.bgp.api.Outcome;
import io.github.bgp.api.Protocols;
import io.github.bgp.api.Scenario;
import io.github.bgp.api.Strategy;
import io.github.bgp.api.Value;
import io.github.bgp.api.ValueCodec;
import io.github.bgp.check.Gen;
import io.github.bgp.sim.Simulation;
import io.github.bgp.spi.Environment;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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
 *   <li>application values (kind {@code BYTES}): agreed on as orders are, or refused by name;
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

  /** The contract for the protocol called {@code protocol} on {@code runtime}. */
  protected AgreementContract(String protocol, AgreementRuntime runtime) {
    this.protocolName = protocol;
    this.runtime = runtime;
  }

  /** The protocol under test. */
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

  /** {@code count} scenarios of 4 to 7 generals that the protocol guarantees IC1 and IC2 for. */
  protected List<Scenario> guaranteed(int count, long seed) {
    return guaranteed(count, seed, List.of(Value.ATTACK, Value.RETREAT));
  }

  /** {@code count} scenarios of 4 to 7 generals whose commander proposes one of {@code orders}, all guaranteed. */
  protected List<Scenario> guaranteed(int count, long seed, List<Value> orders) {
    AgreementProtocol p = protocol();
    Gen<Scenario> gen = Scenarios.generator().generals(4, 7).anyM().strategies(strategies())
        .orders(orders).build();
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

  /**
   * Whether the protocol under test must carry application values (kind {@code BYTES}); false by
   * default, when a protocol may instead refuse them, clearly.
   */
  protected boolean mustCarryApplicationValues() {
    return false;
  }

  /**
   * Application values: a protocol that carries them holds IC1 and IC2 on them in every
   * guaranteed scenario (traitors sending values no loyal general proposed) and decides what the
   * simulator decides; one that does not refuses an instance of them with an error that says so.
   */
  @Test
  void agreesOnApplicationValuesOrRefusesThemByName() throws Exception {
    try {
      protocol().create(AgreementSpec.bytes(4, 1, AgreementSpec.DEFAULT_MAX_VALUE_BYTES),
          Environment.builder(InstanceId.of(1)).build());
    } catch (IllegalArgumentException refused) {
      assertFalse(mustCarryApplicationValues(), protocolName + " must carry application values: " + refused);
      String why = String.valueOf(refused.getMessage()).toLowerCase(Locale.ROOT);
      assertTrue(why.contains("application value") || why.contains("bytes"),
          "the refusal names application values: " + refused.getMessage());
      return;
    }
    List<Value> values = List.of(ValueCodec.utf8().toValue("pay 12.50 EUR to account 7"), Value.parse("0x00ff"));
    List<Scenario> scenarios = guaranteed(Math.max(4, runtime.budget() / 2), SEED + 2, values);
    List<Outcome> outcomes = runtime.run(protocol(), scenarios);
    for (int i = 0; i < scenarios.size(); i++) {
      Scenario s = scenarios.get(i);
      Outcome o = outcomes.get(i);
      assertTrue(o.undecided().isEmpty(), "every loyal lieutenant decides: " + where(s) + " -> " + o);
      assertTrue(o.ic1(), "IC1: " + where(s) + " -> " + o);
      assertTrue(o.ic2(), "IC2: " + where(s) + " -> " + o);
      o.values().values().forEach(v -> assertEquals(Value.Kind.BYTES, v.kind(), where(s)));
      assertEquals(Simulation.run(protocol(), s).decisions(), o.decisions(), "decisions: " + where(s));
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
