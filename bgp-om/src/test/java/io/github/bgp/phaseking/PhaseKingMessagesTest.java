package io.github.bgp.phaseking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.bgp.api.AgreementSpec;
import io.github.bgp.api.InstanceId;
import io.github.bgp.api.NodeId;
import io.github.bgp.api.Outcome;
import io.github.bgp.api.Scenario;
import io.github.bgp.api.Strategy;
import io.github.bgp.api.Value;
import io.github.bgp.check.Gen;
import io.github.bgp.check.Property;
import io.github.bgp.sim.Faults;
import io.github.bgp.sim.Simulation;
import io.github.bgp.spi.Adversary;
import io.github.bgp.spi.Environment;
import io.github.bgp.spi.Setup;
import io.github.bgp.testkit.Scenarios;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Phase King's message count is exactly its formula, (n - 1)(1 + (m + 1)(2n + 1)), and its wire format is one byte. */
class PhaseKingMessagesTest {

  private static final Scenario TWENTY_TWO = Scenario.builder(22).traitors(1, 5, 9, 13, 17).build();

  @Test
  void theFormulaIsTheCommandersRoundAndThreeRoundsPerPhase() {
    for (int n = 2; n <= 30; n++) {
      for (int m = 0; m <= 10; m++) {
        long perPhase = (long) n * (n - 1) + (long) n * (n - 1) + (n - 1);
        assertEquals((n - 1) + (m + 1) * perPhase, PhaseKing.messages(n, m), "n=" + n + " m=" + m);
      }
    }
    assertEquals(57, PhaseKing.messages(4, 1));
    assertEquals(276, PhaseKing.messages(7, 2));
    assertEquals(765, PhaseKing.messages(10, 3));
    assertEquals(Long.MAX_VALUE, PhaseKing.messages(Integer.MAX_VALUE, Integer.MAX_VALUE - 1), "saturates");
  }

  @Test
  void twentyTwoGeneralsWithFiveTraitorsDecideWithExactlyTheFormulasMessages() {
    for (Scenario s : List.of(TWENTY_TWO, TWENTY_TWO.toBuilder().m(5).build())) {
      long started = System.nanoTime();
      Outcome o = Simulation.run(PhaseKingPropertiesTest.PK, s);
      long micros = (System.nanoTime() - started) / 1000;
      System.out.printf("phase-king n=22 m=%d traitors=%s: %,d messages in %,d us%n", s.m(), s.traitors(),
          o.messages(), micros);
      assertTrue(o.ic1() && o.ic2(), o.toString());
      assertEquals(16, o.decisions().size(), "21 lieutenants, 5 traitors");
      assertEquals(PhaseKing.messages(22, s.m()), o.messages(), "m=" + s.m());
      assertEquals(o.messages(), o.frames(), "one message a frame");
      assertEquals(o.messages(), o.bytes(), "one byte a message");
      assertEquals(1 + 3 * (s.m() + 1), o.rounds());
    }
    assertEquals(7, TWENTY_TWO.m(), "the largest m with 22 > 3m");
    assertEquals(7581, PhaseKing.messages(22, 7));
    assertEquals(5691, PhaseKing.messages(22, 5));
  }

  @Test
  void countsMatchTheFormulaWheneverNobodyIsSilentAndSilenceCostsExactlyTheTraitorsShare() {
    Gen<Scenario> scenarios = Scenarios.generator().generals(2, 12).anyM().strategies(Strategy.builtins()).build();
    Property.forAll(scenarios).tries(300).describedAs(PhaseKingPropertiesTest::describe).check(s -> {
      Outcome o = Simulation.run(PhaseKingPropertiesTest.PK, s);
      long expected = PhaseKing.messages(s.generals(), s.m());
      if (!Strategy.SILENT.equals(s.strategy())) {
        return o.messages() == expected;
      }
      int n = s.generals();
      long missing = 0;
      for (NodeId t : s.traitors()) {
        missing += (t.equals(NodeId.COMMANDER) ? n - 1 : 0) + (s.m() + 1L) * 2 * (n - 1);
        for (int p = 1; p <= s.m() + 1; p++) {
          missing += p % n == t.index() ? n - 1 : 0;
        }
      }
      return o.messages() == expected - missing;
    });
  }

  @Test
  void aGeneralCutOffForTheWholeRunIsAnOmissionTheOthersOutvoteAndEachLostFrameIsCounted() {
    Scenario s = Scenario.builder(7).m(2).order(Value.ATTACK).build();
    Faults cut = Faults.NONE.with(Faults.Partition.parse("6|0,1,2,3,4,5@0-1000000"));
    Outcome o = Simulation.builder().faults(cut).build().execute(PhaseKingPropertiesTest.PK, s);
    // The order to 6; per phase 6 values to it and 6 from it, as many proposals, and the king's value to it.
    assertEquals(1 + 3 * (12 + 12 + 1), o.counter("messages.partitioned"));
    for (int l = 1; l <= 5; l++) {
      assertEquals(Value.ATTACK, o.values().get(NodeId.of(l)), "lieutenant " + l + " outvotes the silence");
    }
    assertEquals(PhaseKing.messages(7, 2), o.messages(), "every frame was sent; 76 of them were lost on the way");
  }

  @Test
  void setupSaysTheFormulaAndRefusesApplicationValues() {
    Environment env = Environment.builder(InstanceId.of(1)).build();
    Setup<?> setup = PhaseKingPropertiesTest.PK.create(AgreementSpec.orders(10, 3), env, Adversary.NONE);
    assertEquals(765, setup.expectedMessages());
    IllegalArgumentException bytes = assertThrows(IllegalArgumentException.class,
        () -> PhaseKingPropertiesTest.PK.create(AgreementSpec.bytes(4, 1, 10), env));
    assertTrue(bytes.getMessage().contains("orders and numbers"), bytes.getMessage());
    assertThrows(IllegalArgumentException.class, () -> setup.node(NodeId.of(10)));
  }

  @Test
  void aMessageIsOneByteForAnOrderOrNothingAndTheCodecRefusesAnythingElse() {
    for (PkMessage m : List.of(PkMessage.of(Value.ATTACK), PkMessage.of(Value.RETREAT), PkMessage.NOTHING,
        PkMessage.of(Value.number(-42)))) {
      byte[] bytes = PkMessage.CODEC.encode(m);
      assertEquals(PkMessage.CODEC.size(m), bytes.length);
      assertEquals(m, PkMessage.CODEC.decode(ByteBuffer.wrap(bytes)));
    }
    assertEquals(1, PkMessage.CODEC.encode(PkMessage.of(Value.ATTACK)).length);
    for (byte[] bad : List.of(new byte[0], new byte[] {7}, new byte[] {1, 0}, new byte[] {3, 0, 0})) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> PkMessage.CODEC.decode(ByteBuffer.wrap(bad)));
      assertTrue(e.getMessage().contains("Phase King"), e.getMessage());
    }
    assertEquals(Optional.empty(), PkMessage.NOTHING.value());
  }
}
