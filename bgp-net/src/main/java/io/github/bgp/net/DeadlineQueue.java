package io.github.bgp.net;

import java.util.Arrays;

/**
 * The timers of every instance on one node, earliest deadline first: a binary heap in which each
 * entry knows its place, so a timer is cancelled in O(log n) without a search, a lock or an
 * executor task. Timers with the same deadline come out in the order they were added. Used from
 * the node's thread only.
 *
 * @param <T> what an entry is for (an instance's timer)
 */
final class DeadlineQueue<T> {

  /**
   * One timer: its deadline ({@link System#nanoTime()} scale), what it belongs to and the
   * driver's timer id.
   *
   * @param <T> what it is for
   */
  static final class Entry<T> {
    final long at;
    final T owner;
    final long timer;
    private long order;
    private int index = -1;

    Entry(long at, T owner, long timer) {
      this.at = at;
      this.owner = owner;
      this.timer = timer;
    }

    /** Whether it waits in a queue (not yet taken out or removed). */
    boolean queued() {
      return index >= 0;
    }
  }

  @SuppressWarnings("unchecked")
  private Entry<T>[] heap = new Entry[64];
  private int size;
  private long added;

  /** Adds {@code e}, which must not be queued already. */
  void add(Entry<T> e) {
    if (e.index >= 0) {
      throw new IllegalStateException("timer " + e.timer + " is queued already");
    }
    if (size == heap.length) {
      heap = Arrays.copyOf(heap, size * 2);
    }
    e.order = added++;
    siftUp(size++, e);
  }

  /** The earliest entry, or null if there is none. */
  Entry<T> peek() {
    return size == 0 ? null : heap[0];
  }

  /** Takes out and returns the earliest entry, or null if there is none. */
  Entry<T> poll() {
    if (size == 0) {
      return null;
    }
    Entry<T> first = heap[0];
    removeAt(0);
    return first;
  }

  /** Removes {@code e} if it is queued here; returns whether it was. */
  boolean remove(Entry<T> e) {
    int i = e.index;
    if (i < 0 || i >= size || heap[i] != e) {
      return false;
    }
    removeAt(i);
    return true;
  }

  /** How many entries wait. */
  int size() {
    return size;
  }

  private void removeAt(int i) {
    Entry<T> gone = heap[i];
    gone.index = -1;
    Entry<T> last = heap[--size];
    heap[size] = null;
    if (i < size) {
      siftDown(i, last);
      if (heap[i] == last) {
        siftUp(i, last);
      }
    }
    if (heap.length > 64 && size < heap.length / 4) {
      heap = Arrays.copyOf(heap, heap.length / 2);
    }
  }

  private static boolean before(Entry<?> a, Entry<?> b) {
    return a.at != b.at ? a.at - b.at < 0 : a.order < b.order;
  }

  private void siftUp(int i, Entry<T> e) {
    while (i > 0) {
      int parent = (i - 1) >>> 1;
      Entry<T> p = heap[parent];
      if (!before(e, p)) {
        break;
      }
      heap[i] = p;
      p.index = i;
      i = parent;
    }
    heap[i] = e;
    e.index = i;
  }

  private void siftDown(int i, Entry<T> e) {
    int half = size >>> 1;
    while (i < half) {
      int child = 2 * i + 1;
      Entry<T> c = heap[child];
      int right = child + 1;
      if (right < size && before(heap[right], c)) {
        child = right;
        c = heap[child];
      }
      if (!before(c, e)) {
        break;
      }
      heap[i] = c;
      c.index = i;
      i = child;
    }
    heap[i] = e;
    e.index = i;
  }
}
