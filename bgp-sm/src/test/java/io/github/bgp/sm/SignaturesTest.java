package io.github.bgp.sm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.bgp.api.InstanceId;
import io.github.bgp.api.KeyRing;
import io.github.bgp.api.NodeId;
import io.github.bgp.api.Value;
import io.github.bgp.check.Gen;
import io.github.bgp.check.Property;
import java.security.KeyPair;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The keys a seed derives are the same whether derived afresh or remembered, whatever the run's size. */
class SignaturesTest {

  private static final InstanceId INSTANCE = InstanceId.of(42);

  /** What general {@code g}'s key signs over a fixed value, in a run of {@code generals} from {@code seed}. */
  private static byte[] signature(long seed, int generals, int g) {
    return Signatures.fromSeed(Signatures.SM, seed, generals, "c", INSTANCE).sign(NodeId.of(g), Value.ATTACK, List.of())
        .raw();
  }

  @Test
  void aRememberedSeedSignsAsAFreshOneForAnyNumberOfGenerals() {
    Gen<long[]> cases = Gen.longs().zip(Gen.ints(2, 70), (seed, n) -> new long[] {seed, n});
    Property.forAll(cases).tries(40).check(c -> {
      long seed = c[0];
      int n = (int) c[1];
      byte[] fresh = Signatures.fromSeed(Signatures.SM, seed, n, "c", INSTANCE).sign(NodeId.of(n - 1), Value.ATTACK,
          List.of()).raw();
      // again (remembered), from a larger run's keys (its first n), and from a smaller run's then this one
      return Arrays.equals(fresh, signature(seed, n, n - 1))
          && Arrays.equals(fresh, signature(seed, n + 3, n - 1))
          && Arrays.equals(signature(seed, 2, 1), signature(seed, n, 1));
    });
  }

  @Test
  void aRunKnowsOnlyItsOwnGeneralsEvenWhenALargerRunOfTheSameSeedCameFirst() {
    Signatures large = Signatures.fromSeed(Signatures.SM, 7, 10, "c", INSTANCE);
    Signatures small = Signatures.fromSeed(Signatures.SM, 7, 4, "c", INSTANCE);
    assertTrue(large.knows(NodeId.of(9)));
    assertFalse(small.knows(NodeId.of(4)), "a run of 4 generals knows no general 4");
    assertFalse(small.canSignAs(NodeId.of(4)));
    byte[] payload = small.payload(Value.ATTACK, List.of(), NodeId.of(3));
    Signature made = small.sign(NodeId.of(3), Value.ATTACK, List.of());
    assertTrue(small.verify(payload, made));
    assertArrayEquals(made.raw(), large.sign(NodeId.of(3), Value.ATTACK, List.of()).raw());
  }

  @Test
  void differentSeedsDeriveDifferentKeys() {
    assertFalse(Arrays.equals(signature(1, 4, 1), signature(2, 4, 1)));
  }

  @Test
  void aRingsKeysServeEveryInstanceAndARotatedKeyIsNeverTakenForTheOldOne() {
    Map<NodeId, KeyPair> pairs = KeyFiles.generate(4);
    KeyRing ring = KeyFiles.ring(pairs);
    Signatures first = Signatures.fromRing(Signatures.SM, ring, 4, "c", INSTANCE);
    Signatures second = Signatures.fromRing(Signatures.SM, ring, 4, "c", InstanceId.of(43));
    Signature byFirst = first.sign(NodeId.of(1), Value.ATTACK, List.of());
    assertTrue(first.verify(first.payload(Value.ATTACK, List.of(), NodeId.of(1)), byFirst));
    assertFalse(second.verify(second.payload(Value.ATTACK, List.of(), NodeId.of(1)), byFirst),
        "another instance's signature");
    assertTrue(second.verify(second.payload(Value.ATTACK, List.of(), NodeId.of(1)),
        second.sign(NodeId.of(1), Value.ATTACK, List.of())));

    Map<NodeId, KeyPair> rotated = new HashMap<>(pairs);
    rotated.put(NodeId.of(1), KeyFiles.generate(2).get(NodeId.of(1)));
    Signatures after = Signatures.fromRing(Signatures.SM, KeyFiles.ring(rotated), 4, "c", INSTANCE);
    byte[] payload = after.payload(Value.ATTACK, List.of(), NodeId.of(1));
    assertFalse(after.verify(payload, byFirst), "node 1's old key still verifies after its rotation");
    Signature byNewKey = after.sign(NodeId.of(1), Value.ATTACK, List.of());
    assertTrue(after.verify(payload, byNewKey));
    assertFalse(first.verify(payload, byNewKey), "the old ring took node 1's new key");
    assertTrue(after.verify(after.payload(Value.ATTACK, List.of(), NodeId.of(2)),
        first.sign(NodeId.of(2), Value.ATTACK, List.of())), "node 2's key did not change");
  }
}
