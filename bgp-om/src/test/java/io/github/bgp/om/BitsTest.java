package io.github.bgp.om;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.bgp.check.Gen;
import io.github.bgp.check.Property;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The bit operations the fast paths are built from, against a list of booleans. */
class BitsTest {

  private static long[] of(List<Boolean> bits) {
    long[] a = Bits.words(bits.size());
    for (int i = 0; i < bits.size(); i++) {
      Bits.set(a, i, bits.get(i) ? 1 : 0);
    }
    return a;
  }

  private static List<Boolean> list(long[] a, long from, long count) {
    List<Boolean> out = new ArrayList<>();
    for (long i = from; i < from + count; i++) {
      out.add(Bits.bit(a, i) == 1);
    }
    return out;
  }

  private static List<Boolean> list(long x, int len) {
    return list(new long[] {x, 0}, 0, len);
  }

  /** Up to 300 bits: every offset and length across word boundaries. */
  private static final Gen<List<Boolean>> BITS = Gen.lists(Gen.booleans(), 1, 300);

  @Test
  void readTakesUpTo64BitsAtAnyPosition() {
    Gen<List<Object>> cases = BITS.flatMap(bits -> Gen.ints(0, bits.size() - 1).flatMap(pos ->
        Gen.ints(1, Math.min(64, bits.size() - pos)).map(len -> List.of(bits, pos, len))));
    Property.forAll(cases).tries(1_000).check(c -> {
      @SuppressWarnings("unchecked")
      List<Boolean> bits = (List<Boolean>) c.get(0);
      int pos = (Integer) c.get(1);
      int len = (Integer) c.get(2);
      long v = Bits.read(of(bits), pos, len);
      assertEquals(bits.subList(pos, pos + len), list(v, len));
      return len == 64 || v >>> len == 0;
    });
  }

  @Test
  void compressDropsASlotAndExpandPutsAZeroBack() {
    Gen<List<Object>> cases = Gen.lists(Gen.booleans(), 1, 64).flatMap(bits ->
        Gen.ints(0, bits.size() - 1).map(q -> List.of(bits, q)));
    Property.forAll(cases).tries(1_000).check(c -> {
      @SuppressWarnings("unchecked")
      List<Boolean> bits = (List<Boolean>) c.get(0);
      int q = (Integer) c.get(1);
      long x = Bits.read(of(bits), 0, bits.size());
      List<Boolean> without = new ArrayList<>(bits);
      without.remove(q);
      long compressed = Bits.compress(x, q);
      assertEquals(without, list(compressed, without.size()));
      List<Boolean> back = new ArrayList<>(without);
      back.add(q, false);
      assertEquals(back, list(Bits.expand(compressed, q), bits.size()));
      return bits.size() == 1 || compressed >>> (bits.size() - 1) == 0;
    });
  }

  @Test
  void aWriterAppendsRunsOfAnyLengthInOrder() {
    Gen<List<List<Boolean>>> runs = Gen.lists(Gen.lists(Gen.booleans(), 1, 130), 0, 12);
    Property.forAll(runs).tries(500).check(parts -> {
      List<Boolean> all = new ArrayList<>();
      parts.forEach(all::addAll);
      long[] out = Bits.words(all.size());
      Bits.Writer w = new Bits.Writer(out);
      int which = 0;
      for (List<Boolean> part : parts) {
        long[] src = of(part);
        // Three ways to append, taken in turn: word-sized appends, a copy, a repeat.
        if (which % 3 == 0) {
          for (int i = 0; i < part.size(); i += 64) {
            int len = Math.min(64, part.size() - i);
            w.append(Bits.read(src, i, len), len);
          }
        } else if (which % 3 == 1 || !part.stream().allMatch(b -> b.equals(part.get(0)))) {
          w.copy(src, 0, part.size());
        } else {
          w.repeat(part.get(0) ? 1 : 0, part.size());
        }
        which++;
      }
      w.finish();
      assertEquals(all, list(out, 0, all.size()));
      assertEquals(all.stream().filter(b -> b).count(), Bits.popcount(out, all.size()));
      for (int i = all.size(); i < 64L * out.length; i++) {
        assertEquals(0, Bits.bit(out, i), "bit " + i + " past the end is clear");
      }
      return true;
    });
  }

  @Test
  void fillAndInvertLeaveTheBitsPastTheCountClear() {
    for (int count = 0; count <= 200; count++) {
      long[] ones = Bits.filled(count, 1);
      assertEquals(count, Bits.popcount(ones, 64L * ones.length));
      Bits.invert(ones, count);
      assertEquals(0, Bits.popcount(ones, 64L * ones.length), "count " + count);
      assertEquals(0, Bits.popcount(Bits.filled(count, 0), 64L * ones.length));
    }
  }
}
