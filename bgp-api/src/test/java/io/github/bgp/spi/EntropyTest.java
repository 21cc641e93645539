package io.github.bgp.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.bgp.api.NodeId;
import io.github.bgp.check.Gen;
import io.github.bgp.check.Property;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EntropyTest {

  private record Coordinates(long seed, long a, long b, long c, long d) {
    long entropy() {
      return Entropy.of(seed, a, b, c, d);
    }

    Coordinates with(int which, long delta) {
      return switch (which) {
        case 0 -> new Coordinates(seed + delta, a, b, c, d);
        case 1 -> new Coordinates(seed, a + delta, b, c, d);
        case 2 -> new Coordinates(seed, a, b + delta, c, d);
        case 3 -> new Coordinates(seed, a, b, c + delta, d);
        default -> new Coordinates(seed, a, b, c, d + delta);
      };
    }
  }

  /** Realistic coordinates (small node ids and rounds) and arbitrary ones. */
  private static final Gen<Long> COORDINATE = Gen.booleans().flatMap(small -> small
      ? Gen.ints(0, 64).map(Integer::longValue)
      : Gen.longs());

  private static final Gen<Coordinates> COORDINATES = Gen.lists(COORDINATE, 5, 5)
      .map(l -> new Coordinates(l.get(0), l.get(1), l.get(2), l.get(3), l.get(4)));

  private record Change(Coordinates base, int which, long delta) {}

  @Test
  void theSameCoordinatesGiveTheSameEntropy() {
    Property.forAll(COORDINATES).tries(1000).check(c -> c.entropy() == Entropy.of(c.seed(), c.a(), c.b(), c.c(), c.d()));
  }

  @Test
  void changingAnyOneCoordinateChangesTheEntropy() {
    // Small steps, single bits anywhere in the word (so no coordinate bit is ignored), and arbitrary changes.
    Gen<Long> deltas = Gen.ints(0, 2).flatMap(kind -> switch (kind) {
      case 0 -> Gen.ints(1, 3).map(Integer::longValue);
      case 1 -> Gen.ints(0, 63).flatMap(bit -> Gen.booleans().map(up -> up ? 1L << bit : -(1L << bit)));
      default -> Gen.longs();
    }).filter(d -> d != 0);
    Gen<Change> changes = COORDINATES.flatMap(base -> Gen.ints(0, 4).flatMap(which -> deltas.map(d -> new Change(base, which, d))));
    Property.forAll(changes).tries(1000).check(ch -> ch.base().entropy() != ch.base().with(ch.which(), ch.delta()).entropy());
  }

  @Test
  void everyBitOfEveryCoordinateCounts() {
    for (int which = 0; which < 5; which++) {
      for (int bit = 0; bit < 64; bit++) {
        Coordinates base = new Coordinates(1, 2, 3, 4, 5);
        assertTrue(base.entropy() != base.with(which, 1L << bit).entropy(), "coordinate " + which + " bit " + bit);
      }
    }
  }

  @Test
  void coordinatesAreNotInterchangeable() {
    // The coordinates are "in that order": swapping two must change the bits.
    assertTrue(Entropy.of(1, 2, 3, 4, 5) != Entropy.of(1, 3, 2, 4, 5));
    assertTrue(Entropy.of(1, 2, 3, 4, 5) != Entropy.of(2, 1, 3, 4, 5));
    assertTrue(Entropy.of(0, 0, 0, 0, 1) != Entropy.of(0, 0, 0, 1, 0));
  }

  @Test
  void mixIsABijectionOnTheSamplesTried() {
    Property.forAll(Gen.lists(Gen.longs(), 2, 2)).tries(1000).check(p ->
        p.get(0).equals(p.get(1)) == (Entropy.mix(p.get(0)) == Entropy.mix(p.get(1))));
    Set<Long> seen = new HashSet<>();
    for (long i = 0; i < 10_000; i++) {
      seen.add(Entropy.mix(i));
    }
    assertEquals(10_000, seen.size());
  }

  @Test
  void neighbouringMessagesGetWellSpreadBits() {
    // The top bit drives the random strategy's orders: it must not be stuck for consecutive messages.
    int ones = 0;
    for (long to = 0; to < 1000; to++) {
      ones += (int) (Entropy.of(1, 0, 1, to, 0) >>> 63);
    }
    assertTrue(ones > 400 && ones < 600, ones + " of 1000 top bits set");
    List<Long> sample = List.of(Entropy.of(7, 1, 1, 1, 1), Entropy.of(7, 1, 1, 1, 2));
    assertTrue(Long.bitCount(sample.get(0) ^ sample.get(1)) > 10, "one step in d flipped few bits");
  }

  @Test
  void aMessagesEntropyIsItsFramesPartPlusItsPathsSumInAnyOrder() {
    Gen<List<Integer>> paths = Gen.lists(Gen.ints(0, 30), 1, 8);
    Property.forAll(paths.zip(Gen.longs(), (p, seed) -> List.of(p, List.of(seed)))).tries(500).check(pair -> {
      @SuppressWarnings("unchecked")
      List<Integer> p = (List<Integer>) pair.get(0);
      long seed = (Long) ((List<?>) pair.get(1)).get(0);
      List<NodeId> path = p.stream().map(NodeId::of).toList();
      long forwards = 0;
      for (int t = 0; t < p.size(); t++) {
        forwards += Entropy.step(p.get(t), t);
      }
      long backwards = 0;
      for (int t = p.size() - 1; t >= 0; t--) {
        backwards += Entropy.step(p.get(t), t);
      }
      NodeId from = path.get(path.size() - 1);
      long expected = Entropy.message(Entropy.frame(seed, p.size(), from.index(), 99), forwards);
      return forwards == backwards && forwards == Entropy.pathSum(path)
          && expected == Entropy.message(seed, p.size(), from, NodeId.of(99), path);
    });
  }

  @Test
  void reorderingAPathChangesItsEntropy() {
    List<NodeId> a = List.of(NodeId.of(0), NodeId.of(1), NodeId.of(2), NodeId.of(3));
    List<NodeId> b = List.of(NodeId.of(0), NodeId.of(2), NodeId.of(1), NodeId.of(3));
    assertTrue(Entropy.pathSum(a) != Entropy.pathSum(b));
    assertTrue(Entropy.message(7, 4, NodeId.of(3), NodeId.of(4), a) != Entropy.message(7, 4, NodeId.of(3), NodeId.of(4), b));
  }
}
