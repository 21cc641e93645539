package io.github.bgp.om;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.bgp.api.AgreementSpec;
import io.github.bgp.api.DropReason;
import io.github.bgp.api.InstanceId;
import io.github.bgp.api.Majority;
import io.github.bgp.api.NodeId;
import io.github.bgp.api.Outcome;
import io.github.bgp.api.Scenario;
import io.github.bgp.api.Strategy;
import io.github.bgp.api.Value;
import io.github.bgp.api.ValueCodec;
import io.github.bgp.check.Gen;
import io.github.bgp.check.Property;
import io.github.bgp.sim.Simulation;
import io.github.bgp.spi.Environment;
import io.github.bgp.testkit.Scenarios;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * OM(m) on application values: the commander's bytes are agreed on by majority with a default,
 * compared by equality, in flat arrays of codes ({@link ValueTable}); frames carry each distinct
 * value once, and a lieutenant numbers only what it is sent.
 */
class ApplicationValuesTest {

  private static final Value PROPOSED = ValueCodec.utf8().toValue("transfer 100 from A to B");

  @Test
  void loyalLieutenantsObeyALoyalCommanderWhateverTheTraitorsSend() {
    for (Strategy strategy : List.of(Strategy.FLIP, Strategy.SPLIT, Strategy.RANDOM, Strategy.SILENT)) {
      Scenario s = Scenario.builder(7).m(2).traitors(5, 6).strategy(strategy).order(PROPOSED).build();
      Outcome o = Fixtures.run(s);
      assertTrue(o.ic1() && o.ic2(), strategy + ": " + o);
      for (Value v : o.values().values()) {
        assertEquals("transfer 100 from A to B", ValueCodec.utf8().fromValue(v), strategy.name());
      }
    }
  }

  @Test
  void aValueNoLoyalGeneralProposedIsAgreedOnWhenATraitorCommanderSendsItToAMajority() {
    // split: 0x01 to lieutenants 1 and 3, 0x00 to 2. Each relays what it got; 0x01 holds 2 of 3.
    Scenario s = Scenario.builder(4).m(1).traitors(0).strategy(Strategy.SPLIT).order(PROPOSED).build();
    Outcome o = Fixtures.run(s);
    assertTrue(o.ic1(), o.toString());
    assertEquals(List.of(Value.parse("0x01"), Value.parse("0x01"), Value.parse("0x01")),
        List.copyOf(o.values().values()));
    assertEquals(Value.parse("0x00"), o.decisions().get(NodeId.of(1)).heard().get(NodeId.of(2)));
  }

  @Test
  void withNoMajorityTheDefaultIsChosenAndItNeedNotBeTheFallback() {
    // Three lieutenants, three different values from a traitor commander, relayed faithfully: no
    // value holds a majority at anyone, so all choose the majority's default, not the fallback.
    Strategy distinct = new Strategy() {
      @Override
      public String name() {
        return "distinct";
      }

      @Override
      public Optional<Value> send(Outgoing m) {
        return Optional.of(m.from().equals(NodeId.COMMANDER)
            ? Value.bytes(new byte[] {(byte) m.to().index()}) : m.honest());
      }
    };
    Value fallback = Value.parse("0xfa11");
    Value chosen = Value.parse("0xde");
    Scenario s = Scenario.builder(4).m(1).traitors(0).strategy(distinct).order(PROPOSED).fallback(fallback)
        .majority(Majority.withDefault(chosen)).build();
    Outcome run = Fixtures.run(s);
    assertEquals(List.of(chosen, chosen, chosen), List.copyOf(run.values().values()));
    assertEquals(run.decisions(), Evaluator.evaluate(s).decisions());
  }

  @Test
  void theCodecRoundTripAndTheInMemoryHandOverDecideAlike() {
    Gen<Scenario> scenarios = Scenarios.generator().generals(4, 9).m(2)
        .strategies(List.of(Strategy.FLIP, Strategy.SPLIT, Strategy.RANDOM, Strategy.SILENT))
        .orders(List.of(PROPOSED, Value.EMPTY)).build();
    Property.forAll(scenarios).tries(60).describedAs(Fixtures::describe).check(s -> {
      Outcome wire = Simulation.builder().codec(true).build().execute(Fixtures.OM, s);
      Outcome memory = Simulation.builder().codec(false).build().execute(Fixtures.OM, s);
      assertEquals(wire.decisions(), memory.decisions());
      assertEquals(wire.messages(), memory.messages());
      return wire.ic1() == memory.ic1();
    });
  }

  @Test
  void framesOfValuesRoundTripWithEachDistinctValueOnce() {
    Gen<List<Integer>> choices = Gen.lists(Gen.ints(-1, 4), 0, 200);
    Property.forAll(choices).tries(300).check(list -> {
      OmFrame.Values frame = frame(list);
      byte[] bytes = OmCodec.INSTANCE.encode(frame);
      assertEquals(OmCodec.INSTANCE.size(frame), bytes.length);
      OmFrame decoded = OmCodec.INSTANCE.decode(ByteBuffer.wrap(bytes).asReadOnlyBuffer());
      for (int i = 0; i < list.size(); i++) {
        assertEquals(frame.valueAt(i), decoded.valueAt(i), "value " + i);
      }
      return decoded.present() == frame.present()
          && ((OmFrame.Values) decoded).table().length == list.stream().filter(c -> c >= 0).distinct().count();
    });
  }

  /** Values 0x, 0x00, 0x0000... by length: -1 absent, else c bytes. */
  private static OmFrame.Values frame(List<Integer> lengths) {
    ValueTable table = new ValueTable(AgreementSpec.bytes(4, 1, 64));
    long[] codes = new long[lengths.size()];
    boolean[] absent = new boolean[lengths.size()];
    for (int i = 0; i < codes.length; i++) {
      int c = lengths.get(i);
      absent[i] = c < 0;
      codes[i] = c < 0 ? 0 : table.intern(Value.bytes(new byte[c]));
    }
    return table.frame(codes, absent);
  }

  @Test
  void aFrameWhoseTableRepeatsOrWastesAValueIsRefused() {
    Value a = Value.parse("0xaa");
    Value b = Value.parse("0xbb");
    assertThrows(IllegalArgumentException.class, () -> new OmFrame.Values(new long[] {0, 1}, null, new Value[] {a, a}),
        "a repeated value");
    IllegalArgumentException unused = assertThrows(IllegalArgumentException.class,
        () -> new OmFrame.Values(new long[] {0, 0}, null, new Value[] {a, b}));
    assertTrue(unused.getMessage().contains("used by none"), unused.getMessage());
    IllegalArgumentException outside = assertThrows(IllegalArgumentException.class,
        () -> new OmFrame.Values(new long[] {0, 2}, null, new Value[] {a, b}));
    assertTrue(outside.getMessage().contains("outside its table"), outside.getMessage());
    // On the wire: a table longer than the frame's values.
    ByteBuffer wire = ByteBuffer.allocate(64);
    wire.put(OmCodec.VALUES).putInt(1).put((byte) 0).putInt(2).putInt(1).put((byte) 1).putInt(1).put((byte) 2)
        .putInt(0);
    wire.flip();
    IllegalArgumentException longer = assertThrows(IllegalArgumentException.class,
        () -> OmCodec.INSTANCE.decode(wire));
    assertTrue(longer.getMessage().contains("table of 2"), longer.getMessage());
  }

  @Test
  void aLieutenantHoldsAtMostTheValuesItWasSent() {
    AgreementSpec spec = AgreementSpec.bytes(7, 2, 16);
    ValueTable mine = new ValueTable(spec);
    long sent = 0;
    List<OmFrame.Values> frames = new ArrayList<>();
    for (int f = 0; f < 20; f++) {
      ValueTable sender = new ValueTable(spec);
      long[] codes = new long[30];
      for (int i = 0; i < codes.length; i++) {
        codes[i] = sender.intern(Value.bytes(new byte[] {(byte) f, (byte) i}));
      }
      frames.add(sender.frame(codes, null));
      sent += codes.length;
    }
    for (OmFrame.Values frame : frames) {
      mine.resolve(frame);
    }
    assertEquals(1 + sent, mine.size(), "the fallback and every distinct value sent, no more");
    for (OmFrame.Values frame : frames) {
      mine.resolve(frame);
    }
    assertEquals(1 + sent, mine.size(), "values seen before are not numbered again");
  }

  @Test
  void aFrameCarryingAValueLargerThanTheInstanceAllowsIsDropped() {
    AgreementSpec spec = AgreementSpec.bytes(4, 1, 8);
    OmAgreement run = (OmAgreement) Fixtures.OM.create(spec, Environment.builder(InstanceId.of(1)).build());
    Lieutenant lieutenant = new Lieutenant(run, 1, null);
    OmFrame fits = new OmFrame.Values(new long[] {0}, null, new Value[] {Value.bytes(new byte[8])});
    OmFrame larger = new OmFrame.Values(new long[] {0}, null, new Value[] {Value.bytes(new byte[9])});
    assertEquals(Optional.empty(), lieutenant.check(NodeId.COMMANDER, 1, fits));
    assertEquals(Optional.of(DropReason.OVERSIZE), lieutenant.check(NodeId.COMMANDER, 1, larger));
    assertEquals(Optional.of(DropReason.MALFORMED),
        lieutenant.check(NodeId.COMMANDER, 1, new OmFrame.Numbers(new long[] {1}, null)));
  }
}
