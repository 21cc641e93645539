package io.github.bgp.sm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.bgp.api.InstanceId;
import io.github.bgp.api.NodeId;
import io.github.bgp.api.Value;
import io.github.bgp.sm.internal.VerifiedSignatures;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each distinct signature is verified once, and only over the bytes it was verified over. */
class VerifiedSignaturesTest {

  private static final Signatures KEYS = Signatures.fromSeed(Signatures.SM, 5, 4, "c", InstanceId.of(9));
  private static final NodeId ONE = NodeId.of(1);

  private static long verifications(ChainValidationTest.Recorder r) {
    return r.counted.getOrDefault("signatures.verified", 0L);
  }

  @Test
  void aSignatureIsVerifiedOnceHoweverManyChainsCarryIt() {
    Signature order = KEYS.sign(NodeId.COMMANDER, Value.ATTACK, List.of());
    List<Signature> alone = List.of(order);
    List<Signature> relayed = List.of(order, KEYS.sign(ONE, Value.ATTACK, alone));
    VerifiedSignatures verified = new VerifiedSignatures(KEYS);
    ChainValidationTest.Recorder r = new ChainValidationTest.Recorder(NodeId.of(2));
    assertTrue(verified.verify(Value.ATTACK, alone, 0, r));
    assertTrue(verified.verify(Value.ATTACK, relayed, 0, r), "the commander's again, under a relay");
    assertTrue(verified.verify(Value.ATTACK, relayed, 1, r));
    assertTrue(verified.verify(Value.ATTACK, relayed, 1, r));
    assertEquals(2, verifications(r), "two distinct signatures");
    assertEquals(2, verified.size());
  }

  @Test
  void aVerifiedSignatureCopiedUnderAnotherValueIsRefusedAsAVerificationWouldRefuseIt() {
    Signature order = KEYS.sign(NodeId.COMMANDER, Value.ATTACK, List.of());
    // A traitor's relay: the loyal commander's signature kept, the value changed, the traitor's own signature valid.
    List<Signature> copied = List.of(order);
    List<Signature> forged = List.of(order, KEYS.sign(ONE, Value.RETREAT, copied));
    assertFalse(KEYS.verify(Value.RETREAT, forged, 0), "the copy does not verify");
    VerifiedSignatures verified = new VerifiedSignatures(KEYS);
    ChainValidationTest.Recorder r = new ChainValidationTest.Recorder(NodeId.of(2));
    assertTrue(verified.verify(Value.ATTACK, copied, 0, r));
    assertFalse(verified.verify(Value.RETREAT, forged, 0, r));
    assertEquals(1, verifications(r), "known over other bytes: refused without verifying again");
    assertTrue(verified.verify(Value.RETREAT, forged, 1, r), "the traitor's own signature is its own");
    assertEquals(2, verifications(r));
  }

  @Test
  void aSignatureThatFailsIsNotRememberedAndIsVerifiedEachTime() {
    Signature order = KEYS.sign(NodeId.COMMANDER, Value.ATTACK, List.of());
    List<Signature> wrong = List.of(order);
    VerifiedSignatures verified = new VerifiedSignatures(KEYS);
    ChainValidationTest.Recorder r = new ChainValidationTest.Recorder(NodeId.of(2));
    assertFalse(verified.verify(Value.RETREAT, wrong, 0, r));
    assertFalse(verified.verify(Value.RETREAT, wrong, 0, r));
    assertEquals(2, verifications(r));
    assertEquals(0, verified.size());
    assertTrue(verified.verify(Value.ATTACK, wrong, 0, r), "over its own value it still verifies");
  }

  @Test
  void aSignatureOfAnotherInstanceIsNeverTakenForOneVerifiedHere() {
    Signatures other = Signatures.fromSeed(Signatures.SM, 5, 4, "c", InstanceId.of(10));
    Signature here = KEYS.sign(NodeId.COMMANDER, Value.ATTACK, List.of());
    Signature there = other.sign(NodeId.COMMANDER, Value.ATTACK, List.of());
    VerifiedSignatures verified = new VerifiedSignatures(KEYS);
    ChainValidationTest.Recorder r = new ChainValidationTest.Recorder(NodeId.of(2));
    assertTrue(verified.verify(Value.ATTACK, List.of(here), 0, r));
    assertFalse(verified.verify(Value.ATTACK, List.of(there), 0, r), "a replay from another instance");
    assertEquals(2, verifications(r));
  }
}
