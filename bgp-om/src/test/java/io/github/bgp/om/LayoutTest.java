package io.github.bgp.om;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.bgp.api.NodeId;
import io.github.bgp.spi.Entropy;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The canonical path order, checked against brute-force enumeration. */
class LayoutTest {

  /** All sequences of {@code length} distinct lieutenants other than those in {@code excluded}, in lexicographic order. */
  private static List<List<Integer>> sequences(int n, int length, List<Integer> excluded) {
    List<List<Integer>> out = new ArrayList<>();
    extend(n, length, excluded, new ArrayList<>(), out);
    return out;
  }

  private static void extend(int n, int length, List<Integer> excluded, List<Integer> prefix, List<List<Integer>> out) {
    if (prefix.size() == length) {
      out.add(List.copyOf(prefix));
      return;
    }
    for (int e = 1; e < n; e++) {
      if (!excluded.contains(e) && !prefix.contains(e)) {
        prefix.add(e);
        extend(n, length, excluded, prefix, out);
        prefix.remove(prefix.size() - 1);
      }
    }
  }

  @Test
  void sizesAreFallingFactorials() {
    for (int n = 2; n <= 9; n++) {
      Layout layout = new Layout(n, n);
      for (int k = 1; k <= layout.rounds; k++) {
        assertEquals(sequences(n, k - 1, List.of(1)).size(), layout.stored(k), "stored n=" + n + " k=" + k);
        if (k >= 2 && n >= 3) {
          assertEquals(sequences(n, k - 2, List.of(1, 2)).size(), layout.frameSize(k), "frame n=" + n + " k=" + k);
        }
      }
    }
  }

  @Test
  void groupsCoverExactlyThePathsWithoutTheAvoidedLieutenantInOrder() {
    for (int n = 4; n <= 8; n++) {
      Layout layout = new Layout(n, n);
      for (int k = 3; k <= layout.rounds; k++) {
        int w = layout.rowWidth(k);
        for (int owner = 1; owner < n; owner++) {
          List<List<Integer>> stored = sequences(n, k - 1, List.of(owner));
          for (int avoid = 0; avoid < n; avoid++) {
            if (avoid == owner) {
              continue;
            }
            int a = avoid;
            int round = k;
            List<Integer> expected = new ArrayList<>();
            for (int i = 0; i < stored.size(); i++) {
              if (!stored.get(i).contains(avoid)) {
                expected.add(i);
              }
            }
            List<Integer> visited = new ArrayList<>();
            String where = "n=" + n + " k=" + k + " owner=" + owner + " avoid=" + avoid;
            layout.groups(k, owner, avoid, (start, free, index, sum) -> {
              assertEquals(w + 1, free.length, where);
              List<Integer> prefix = stored.get((int) start).subList(0, round - 3);
              long expectedSum = 0;
              for (int d = 0; d < prefix.size(); d++) {
                expectedSum += Entropy.step(prefix.get(d), round - 1 - d);
              }
              assertEquals(expectedSum, sum, where);
              assertEquals(a == 0 ? -1 : List.of(java.util.Arrays.stream(free).boxed().toArray(Integer[]::new)).indexOf(a),
                  index, where);
              for (int t = 0; t < free.length; t++) {
                for (int u = 0; u < free.length; u++) {
                  if (u == t) {
                    continue;
                  }
                  long position = start + (long) t * w + (u < t ? u : u - 1);
                  List<Integer> path = new ArrayList<>(prefix);
                  path.add(free[t]);
                  path.add(free[u]);
                  assertEquals(path, stored.get((int) position), where);
                  if (t != index && u != index) {
                    visited.add((int) position);
                  }
                }
              }
            });
            assertEquals(expected, visited, where);
          }
        }
      }
    }
  }

  @Test
  void framePathsAreTheSendersStoredPathsWithoutTheReceiverExtendedBySender() {
    for (int n = 3; n <= 7; n++) {
      Layout layout = new Layout(n, n);
      for (int k = 2; k <= layout.rounds; k++) {
        for (int s = 1; s < n; s++) {
          for (int r = 1; r < n; r++) {
            if (r == s) {
              continue;
            }
            List<List<Integer>> middles = sequences(n, k - 2, List.of(s, r));
            assertEquals(middles.size(), layout.frameSize(k));
            for (int i = 0; i < middles.size(); i++) {
              List<NodeId> expected = new ArrayList<>();
              expected.add(NodeId.COMMANDER);
              List<Integer> reversed = new ArrayList<>(middles.get(i));
              java.util.Collections.reverse(reversed);
              reversed.forEach(x -> expected.add(NodeId.of(x)));
              expected.add(NodeId.of(s));
              assertEquals(expected, layout.framePath(k, s, r, i), "n=" + n + " k=" + k + " s=" + s + " r=" + r);
            }
          }
        }
      }
    }
  }

  @Test
  void aReceivedFrameIsOneBlockOfTheReceiversArray() {
    // Receiver r keeps round k's paths (s, c...) with c over lieutenants other than r and s: the
    // block of sender s starts at s's rank among r's peers times the frame size.
    for (int n = 3; n <= 8; n++) {
      Layout layout = new Layout(n, n);
      for (int k = 2; k <= layout.rounds; k++) {
        for (int r = 1; r < n; r++) {
          List<List<Integer>> stored = sequences(n, k - 1, List.of(r));
          for (int s = 1; s < n; s++) {
            if (s == r) {
              continue;
            }
            int start = layout.blockStart(k, r, s);
            for (int i = 0; i < layout.frameSize(k); i++) {
              assertEquals(s, stored.get(start + i).get(0), "n=" + n + " k=" + k + " r=" + r + " s=" + s);
            }
          }
        }
      }
    }
  }

  @Test
  void countsSaturateInsteadOfOverflowing() {
    assertEquals(Long.MAX_VALUE, Layout.falling(100, 30));
    assertEquals(Long.MAX_VALUE, new Layout(100, 40).expectedMessages());
    assertEquals(0, Layout.falling(3, 5));
  }
}
