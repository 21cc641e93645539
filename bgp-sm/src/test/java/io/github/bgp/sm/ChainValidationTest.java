package io.github.bgp.sm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.bgp.api.Decision;
import io.github.bgp.api.DropReason;
import io.github.bgp.api.InstanceId;
import io.github.bgp.api.NodeId;
import io.github.bgp.api.Scenario;
import io.github.bgp.api.Value;
import io.github.bgp.spi.Environment;
import io.github.bgp.spi.Node;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * What a lieutenant accepts and what it rejects: driven directly, frame by frame, through a
 * recording context, so a test can hand it exactly the message an attacker would.
 */
class ChainValidationTest {

  private static final Scenario FOUR = Scenario.builder(4).m(2).build();

  /** A context that records what the node did. */
  static final class Recorder implements Node.Context<SmFrame> {
    final NodeId self;
    final List<SmFrame> sent = new ArrayList<>();
    final Map<DropReason, Integer> dropped = new TreeMap<>();
    final Map<String, Long> counted = new TreeMap<>();
    Decision decision;

    Recorder(NodeId self) {
      this.self = self;
    }

    @Override
    public NodeId self() {
      return self;
    }

    @Override
    public long now() {
      return 0;
    }

    @Override
    public void send(NodeId to, int round, SmFrame message) {
      sent.add(message);
    }

    @Override
    public void setTimer(long at, long token) {}

    @Override
    public void decide(Decision d) {
      decision = d;
    }

    @Override
    public void drop(NodeId from, int round, DropReason reason) {
      dropped.merge(reason, 1, Integer::sum);
    }

    @Override
    public void count(String name, long delta) {
      counted.merge(name, delta, Long::sum);
    }
  }

  private static SmAgreement run(Scenario s, long instance) {
    return new SmAgreement(s.spec(), Environment.builder(InstanceId.of(instance)).build(), s.adversary());
  }

  /** Lieutenant {@code id} of {@code run}, after round 1 brought it {@code frame} from the commander. */
  private static Recorder roundOne(SmAgreement run, int id, SmFrame frame) {
    SmLieutenant l = new SmLieutenant(run, NodeId.of(id));
    Recorder r = new Recorder(NodeId.of(id));
    assertTrue(l.check(NodeId.COMMANDER, 1, frame).isEmpty());
    l.endRound(1, Map.of(NodeId.COMMANDER, frame), r);
    return r;
  }

  private static SmFrame order(SmAgreement run, Value v) {
    Signature sig = run.signatures().sign(NodeId.COMMANDER, v, List.of());
    return new SmFrame(List.of(new SignedValue(v, List.of(sig))));
  }

  @Test
  void aValidOrderIsAcceptedAndRelayedCountersigned() {
    SmAgreement a = run(FOUR, 1);
    Recorder r = roundOne(a, 1, order(a, Value.ATTACK));
    assertEquals(Map.of(), r.dropped);
    assertEquals(2, r.sent.size(), "relayed to lieutenants 2 and 3");
    SignedValue relayed = r.sent.get(0).messages().get(0);
    assertEquals(List.of(NodeId.COMMANDER, NodeId.of(1)), relayed.signers());
    assertTrue(a.signatures().verify(Value.ATTACK, relayed.chain(), 1));
  }

  @Test
  void aSignatureFromAnotherRunIsRejected() {
    // Same keys (same seed), another instance id: the signature does not bind this run.
    SmAgreement runA = run(FOUR, 1);
    SmAgreement runB = run(FOUR, 2);
    Recorder r = roundOne(runB, 1, order(runA, Value.ATTACK));
    assertEquals(1L, r.counted.get("messages.rejected"));
    assertTrue(r.sent.stream().allMatch(f -> f.messages().isEmpty()), "nothing relayed");
  }

  @Test
  void aSignatureFromAnotherRoundIsRejected() {
    // The commander's round-1 signature presented as lieutenant 2's round-2 relay does not verify.
    SmAgreement a = run(FOUR, 1);
    Signature commander = a.signatures().sign(NodeId.COMMANDER, Value.ATTACK, List.of());
    Signature asIfFirst = a.signatures().sign(NodeId.of(2), Value.ATTACK, List.of());
    SignedValue replayed = new SignedValue(Value.ATTACK, List.of(commander, asIfFirst));
    SmLieutenant l = new SmLieutenant(a, NodeId.of(1));
    Recorder r = new Recorder(NodeId.of(1));
    l.endRound(1, Map.of(), r);
    l.endRound(2, Map.of(NodeId.of(2), new SmFrame(List.of(replayed))), r);
    assertEquals(1L, r.counted.get("messages.rejected"));
  }

  @Test
  void aValueChangedUnderASignatureIsRejected() {
    SmAgreement a = run(FOUR, 1);
    Signature sig = a.signatures().sign(NodeId.COMMANDER, Value.ATTACK, List.of());
    Recorder r = roundOne(a, 1, new SmFrame(List.of(new SignedValue(Value.RETREAT, List.of(sig)))));
    assertEquals(1L, r.counted.get("messages.rejected"));
  }

  @Test
  void malformedChainsAreRejectedWithoutStoppingTheNode() {
    SmAgreement a = run(FOUR, 1);
    Signature c = a.signatures().sign(NodeId.COMMANDER, Value.ATTACK, List.of());
    Signature two = a.signatures().sign(NodeId.of(2), Value.ATTACK, List.of(c));
    Signature twoAgain = a.signatures().sign(NodeId.of(2), Value.ATTACK, List.of(c, two));
    Signature unknown = new Signature(NodeId.of(9), new byte[64]);
    Signature onSelf = a.signatures().sign(NodeId.of(1), Value.ATTACK, List.of(c));
    List<SignedValue> bad = List.of(
        new SignedValue(Value.ATTACK, List.of(c)),                    // too short for round 2
        new SignedValue(Value.ATTACK, List.of(two, c)),               // does not start with the commander
        new SignedValue(Value.ATTACK, List.of(c, onSelf)),            // names the receiver; not the sender's
        new SignedValue(Value.ATTACK, List.of(c, unknown)),           // unknown signer
        new SignedValue(Value.number(5), List.of(c, two)));          // a number in a run of orders
    for (SignedValue m : bad) {
      SmLieutenant l = new SmLieutenant(a, NodeId.of(1));
      Recorder r = new Recorder(NodeId.of(1));
      l.endRound(1, Map.of(), r);
      l.endRound(2, Map.of(NodeId.of(2), new SmFrame(List.of(m))), r);
      assertEquals(1L, r.counted.get("messages.rejected"), m.toString());
    }
    // A chain longer than m + 1 (m = 2): round 3 may carry at most 3 signatures, and a repeated
    // signer is refused whatever the length.
    SmLieutenant l = new SmLieutenant(a, NodeId.of(1));
    Recorder r = new Recorder(NodeId.of(1));
    l.endRound(1, Map.of(), r);
    l.endRound(2, Map.of(), r);
    l.endRound(3, Map.of(NodeId.of(2), new SmFrame(List.of(new SignedValue(Value.ATTACK, List.of(c, two, twoAgain))))), r);
    assertEquals(1L, r.counted.get("messages.rejected"));
    assertFalse(r.decision == null, "the node still decides");
    assertEquals(Value.RETREAT, r.decision.value(), "nothing valid arrived: the fallback");
  }

  @Test
  void aFrameWithMoreMessagesThanALoyalGeneralSendsIsRefused() {
    SmAgreement a = run(FOUR, 1);
    SmLieutenant l = new SmLieutenant(a, NodeId.of(1));
    SignedValue m = order(a, Value.ATTACK).messages().get(0);
    assertEquals(DropReason.WRONG_SIZE, l.check(NodeId.COMMANDER, 1, new SmFrame(List.of(m, m))).orElseThrow());
    assertEquals(DropReason.WRONG_SIZE, l.check(NodeId.of(2), 2, new SmFrame(List.of(m, m, m))).orElseThrow());
  }
}
