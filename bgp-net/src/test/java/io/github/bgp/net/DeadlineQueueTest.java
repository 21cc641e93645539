package io.github.bgp.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.bgp.check.Gen;
import io.github.bgp.check.Property;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeadlineQueueTest {

  /**
   * Any mix of adds, removes and polls takes entries out as a sorted list would: earliest deadline
   * first, equal deadlines in the order they were added, a removed entry never.
   */
  @Test
  void entriesComeOutByDeadlineThenByArrivalAndRemovedOnesNever() {
    // each operation: [kind 0..2, a deadline or which entry]
    Gen<int[]> op = Gen.ints(0, 2).flatMap(kind -> Gen.ints(0, 50).map(x -> new int[] {kind, x}));
    Property.forAll(Gen.lists(op, 0, 300)).tries(300).check(ops -> {
      DeadlineQueue<String> queue = new DeadlineQueue<>();
      List<DeadlineQueue.Entry<String>> model = new ArrayList<>(); // in arrival order
      List<DeadlineQueue.Entry<String>> all = new ArrayList<>();
      for (int[] o : ops) {
        if (o[0] == 0 || all.isEmpty()) {
          DeadlineQueue.Entry<String> e = new DeadlineQueue.Entry<>(o[1], "t", all.size());
          queue.add(e);
          model.add(e);
          all.add(e);
        } else if (o[0] == 1) {
          DeadlineQueue.Entry<String> e = all.get(o[1] % all.size());
          if (queue.remove(e) != model.remove(e)) {
            return false;
          }
        } else {
          DeadlineQueue.Entry<String> expected = model.stream().min(Comparator.comparingLong(e -> e.at)).orElse(null);
          if (queue.poll() != expected) {
            return false;
          }
          model.remove(expected);
        }
        if (queue.size() != model.size()) {
          return false;
        }
      }
      List<DeadlineQueue.Entry<String>> rest = new ArrayList<>(model);
      rest.sort(Comparator.comparingLong(e -> e.at)); // stable: arrival order among equal deadlines
      for (DeadlineQueue.Entry<String> e : rest) {
        if (queue.poll() != e || e.queued()) {
          return false;
        }
      }
      return queue.size() == 0 && queue.poll() == null;
    });
  }

  @Test
  void deadlinesCompareAcrossTheNanoTimeWrap() {
    DeadlineQueue<String> queue = new DeadlineQueue<>();
    DeadlineQueue.Entry<String> later = new DeadlineQueue.Entry<>(Long.MIN_VALUE + 5, "later", 1);
    DeadlineQueue.Entry<String> sooner = new DeadlineQueue.Entry<>(Long.MAX_VALUE - 5, "sooner", 2);
    queue.add(later);
    queue.add(sooner);
    assertSame(sooner, queue.poll());
    assertSame(later, queue.poll());
  }

  @Test
  void anEntryIsQueuedOnceAndRemovedOnce() {
    DeadlineQueue<String> queue = new DeadlineQueue<>();
    DeadlineQueue.Entry<String> e = new DeadlineQueue.Entry<>(7, "x", 3);
    queue.add(e);
    assertTrue(e.queued());
    assertThrows(IllegalStateException.class, () -> queue.add(e));
    assertTrue(queue.remove(e));
    assertFalse(queue.remove(e));
    assertFalse(e.queued());
    assertNull(queue.peek());
    assertEquals(0, queue.size());
  }
}
