package io.github.bgp.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.bgp.api.DropReason;
import io.github.bgp.api.LogicalMessage;
import io.github.bgp.api.NodeId;
import io.github.bgp.api.Outcome;
import io.github.bgp.api.Scenario;
import io.github.bgp.api.Strategy;
import io.github.bgp.api.Value;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SimulationTest {

  private final DirectOrders direct = new DirectOrders();

  @Test
  void loyalCommanderIsObeyed() {
    Outcome o = Simulation.run(direct, Scenario.builder(5).order(Value.RETREAT).build());
    assertEquals(Map.of(NodeId.of(1), Value.RETREAT, NodeId.of(2), Value.RETREAT, NodeId.of(3), Value.RETREAT,
        NodeId.of(4), Value.RETREAT), o.values());
    assertEquals(4, o.messages());
    assertEquals(4, o.frames());
    assertEquals(36, o.bytes(), "9 bytes per frame, as encoded");
    assertEquals(1, o.rounds());
    assertTrue(o.ic1() && o.ic2());
    assertEquals("direct", o.protocol());
  }

  @Test
  void aSilentCommanderIsDetectedAtTheDeadlineAndTheDefaultIsUsed() {
    Outcome o = Simulation.run(direct, Scenario.builder(4).traitors(0).strategy(Strategy.SILENT).build());
    assertEquals(0, o.messages());
    o.values().values().forEach(v -> assertEquals(Value.RETREAT, v));
    assertTrue(o.undecided().isEmpty());
  }

  @Test
  void everyFrameGoesThroughTheCodec() {
    // A codec that flips the code on the wire: receivers see what was decoded, not what was sent.
    direct.corruptWire = bytes -> {
      bytes[8] ^= 1;
      return bytes;
    };
    Outcome o = Simulation.run(direct, Scenario.builder(3).order(Value.ATTACK).build());
    o.values().values().forEach(v -> assertEquals(Value.RETREAT, v));
  }

  @Test
  void framesThatDoNotDecodeAreDroppedAndCounted() {
    direct.corruptWire = bytes -> new byte[] {1, 2, 3};
    Outcome o = Simulation.run(direct, Scenario.builder(4).build());
    assertEquals(Map.of(DropReason.MALFORMED, 3L), o.dropped());
    assertEquals(3, o.droppedTotal());
    assertEquals(0, o.received().get(NodeId.of(1)));
    o.values().values().forEach(v -> assertEquals(Value.RETREAT, v, "a dropped frame is an absent one"));
  }

  @Test
  void aRunThatCannotFitIsRefusedBeforeItStarts() {
    direct.estimatedBytes = Long.MAX_VALUE / 2;
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Simulation.run(direct, Scenario.builder(4).build()));
    assertTrue(e.getMessage().contains("needs about") && e.getMessage().contains("-Xmx"), e.getMessage());
  }

  @Test
  void aTraceTooLargeToRecordIsRefused() {
    DirectOrders big = new DirectOrders() {
      @Override
      public io.github.bgp.spi.Setup<Order> create(io.github.bgp.api.AgreementSpec s, io.github.bgp.spi.Environment env,
          io.github.bgp.spi.Adversary adversary) {
        io.github.bgp.spi.Setup<Order> inner = super.create(s, env, adversary);
        return new ForwardingAgreement<>(inner) {
          @Override
          public long expectedMessages() {
            return Simulation.TRACE_LIMIT + 1;
          }
        };
      }
    };
    Simulation traced = Simulation.builder().trace(true).build();
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> traced.execute(big, Scenario.builder(4).build()));
    assertTrue(e.getMessage().contains("too large to record"), e.getMessage());
    Simulation.run(big, Scenario.builder(4).build()); // fine without a trace
  }

  @Test
  void aNodeThatSendsToItselfIsAProtocolBug() {
    direct.lieutenantsEcho = true;
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> Simulation.run(direct, Scenario.builder(3).build()));
    assertTrue(e.getMessage().contains("sent a message to itself"), e.getMessage());
  }

  @Test
  void tracesCarryLamportTimesThatRespectCausality() {
    Outcome o = Simulation.builder().trace(true).build().execute(direct, Scenario.builder(4).build());
    assertEquals(3, o.trace().size());
    for (LogicalMessage m : o.trace()) {
      assertTrue(m.receivedAt() > m.sentAt(), m.toString());
      assertEquals(NodeId.COMMANDER, m.from());
    }
    // The commander's clock ticks once to start, once for its input (the order), then once per send.
    assertEquals(java.util.List.of(3L, 4L, 5L), o.trace().stream().map(LogicalMessage::sentAt).sorted().toList());
  }

  @Test
  void theSameScenarioGivesTheSameOutcome() {
    Scenario s = Scenario.builder(6).traitors(0).strategy(Strategy.RANDOM).seed(99).build();
    Simulation traced = Simulation.builder().trace(true).build();
    assertEquals(traced.execute(direct, s), traced.execute(direct, s));
  }

  @Test
  void settingsAreValidated() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Simulation.builder().latency(5).roundTimeout(5).build());
    assertTrue(e.getMessage().contains("less than the round timeout"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Simulation.builder().latency(0).build());
  }

  @Test
  void slowerMessagesStillArriveWithinTheirRound() {
    Outcome o = Simulation.builder().latency(999).build().execute(direct, Scenario.builder(4).build());
    assertTrue(o.ic1() && o.ic2());
    assertFalse(o.values().isEmpty());
  }

  @Test
  void faultsAndATimeLimitAreRefusedForAnAgreementRunRatherThanHalfApplied() {
    Simulation lossy = Simulation.builder().faults(Faults.NONE.network(0.5, 0, 0)).build();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> lossy.execute(direct, Scenario.builder(4).build()));
    assertTrue(e.getMessage().contains("commit runs only"), e.getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> Simulation.builder().until(100).build().execute(direct, Scenario.builder(4).build()));
  }
}
