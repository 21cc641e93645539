package io.github.bgp.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.bgp.api.Decision;
import io.github.bgp.api.DropReason;
import io.github.bgp.api.NodeId;
import io.github.bgp.api.Value;
import io.github.bgp.check.Gen;
import io.github.bgp.check.Property;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RoundsTest {

  private static final long T = 100;

  record Sent(NodeId to, int round, String message) {}

  record Timer(long at, long token) {}

  record Drop(NodeId from, int round, DropReason reason) {}

  record End(int round, SortedMap<NodeId, String> frames, long at) {}

  /** Records every effect a node has; fires timers when time is advanced. */
  static final class FakeContext implements Node.Context<String> {
    long now;
    final List<Sent> sent = new ArrayList<>();
    final List<Timer> timers = new ArrayList<>();
    final List<Timer> pendingTimers = new ArrayList<>();
    final List<Decision> decisions = new ArrayList<>();
    final List<Drop> drops = new ArrayList<>();
    final Map<String, Long> counted = new HashMap<>();
    int done;

    @Override
    public NodeId self() {
      return NodeId.of(9);
    }

    @Override
    public long now() {
      return now;
    }

    @Override
    public void send(NodeId to, int round, String message) {
      sent.add(new Sent(to, round, message));
    }

    @Override
    public void setTimer(long at, long token) {
      timers.add(new Timer(at, token));
      pendingTimers.add(new Timer(at, token));
    }

    @Override
    public void decide(Decision decision) {
      if (!decisions.isEmpty() && !decisions.get(0).equals(decision)) {
        throw new IllegalStateException("already decided " + decisions.get(0));
      }
      decisions.add(decision);
    }

    @Override
    public void drop(NodeId from, int round, DropReason reason) {
      drops.add(new Drop(from, round, reason));
    }

    @Override
    public void cancelTimer(long token) {
      pendingTimers.removeIf(t -> t.token() == token);
    }

    @Override
    public void outcome(long txn, io.github.bgp.api.Verdict verdict) {
      throw new UnsupportedOperationException("rounds record no commit outcomes");
    }

    @Override
    public void call(Call call) {
      throw new UnsupportedOperationException("rounds make no calls");
    }

    @Override
    public void done() {
      done++;
    }

    @Override
    public void persist(byte[] record) {
      throw new UnsupportedOperationException("rounds persist nothing");
    }

    @Override
    public void count(String name, long delta) {
      counted.merge(name, delta, Long::sum);
    }

    @Override
    public boolean tracing() {
      return false;
    }

    @Override
    public void note(String kind, Map<String, String> fields) {}
  }

  /** A round node that waits for given senders, sends one message per round and decides at the end. */
  static final class FakeRoundNode implements RoundNode<String> {
    final int rounds;
    final Map<Integer, Set<NodeId>> senders;
    final Function<String, Optional<DropReason>> check;
    final List<End> ends = new ArrayList<>();
    int starts;

    FakeRoundNode(int rounds, Map<Integer, Set<NodeId>> senders, Function<String, Optional<DropReason>> check) {
      this.rounds = rounds;
      this.senders = senders;
      this.check = check;
    }

    FakeRoundNode(int rounds, Set<NodeId> everyRound) {
      this(rounds, everyRoundMap(rounds, everyRound), m -> m.startsWith("bad:")
          ? Optional.of(DropReason.valueOf(m.substring(4))) : Optional.empty());
    }

    private static Map<Integer, Set<NodeId>> everyRoundMap(int rounds, Set<NodeId> senders) {
      Map<Integer, Set<NodeId>> m = new HashMap<>();
      for (int r = 1; r <= rounds; r++) {
        m.put(r, senders);
      }
      return m;
    }

    @Override
    public int rounds() {
      return rounds;
    }

    @Override
    public Set<NodeId> senders(int round) {
      assertTrue(round >= 1 && round <= rounds, "senders asked for round " + round);
      return senders.get(round);
    }

    @Override
    public Optional<DropReason> check(NodeId from, int round, String message) {
      return check.apply(message);
    }

    @Override
    public void start(Node.Context<String> context) {
      starts++;
      context.send(NodeId.of(1), 1, "start");
    }

    @Override
    public void endRound(int round, Map<NodeId, String> frames, Node.Context<String> context) {
      ends.add(new End(round, new TreeMap<>(frames), context.now()));
      if (round < rounds) {
        context.send(NodeId.of(1), round + 1, "after " + round);
      } else {
        context.decide(Decision.of(Value.ATTACK));
      }
    }
  }

  /** Drives a synchronous node with a fake context and a virtual clock. */
  static final class Harness {
    final FakeRoundNode rounds;
    final FakeContext ctx = new FakeContext();
    final Node<String> node;

    Harness(FakeRoundNode rounds, long timeout) {
      this.rounds = rounds;
      this.node = Rounds.synchronous(rounds, timeout);
    }

    Harness start() {
      node.start(ctx);
      return this;
    }

    void receive(int from, int round, String message) {
      node.receive(NodeId.of(from), round, message, ctx);
    }

    /** Moves the clock to {@code t}, firing every timer due by then in time order. */
    void advanceTo(long t) {
      while (true) {
        Optional<Timer> next = ctx.pendingTimers.stream().filter(x -> x.at() <= t).min(Comparator.comparingLong(Timer::at));
        if (next.isEmpty()) {
          break;
        }
        ctx.pendingTimers.remove(next.get());
        ctx.now = Math.max(ctx.now, next.get().at());
        node.timer(next.get().token(), ctx);
      }
      ctx.now = Math.max(ctx.now, t);
    }

    List<Integer> endedRounds() {
      return rounds.ends.stream().map(End::round).toList();
    }

    End end(int round) {
      return rounds.ends.stream().filter(e -> e.round() == round).findFirst().orElseThrow();
    }
  }

  private static Set<NodeId> ids(int... ids) {
    Set<NodeId> out = new TreeSet<>();
    for (int id : ids) {
      out.add(NodeId.of(id));
    }
    return out;
  }

  private static SortedMap<NodeId, String> frames(Object... idMessage) {
    SortedMap<NodeId, String> out = new TreeMap<>();
    for (int i = 0; i < idMessage.length; i += 2) {
      out.put(NodeId.of((Integer) idMessage[i]), (String) idMessage[i + 1]);
    }
    return out;
  }

  private static Harness threeRoundsFrom1And2() {
    return new Harness(new FakeRoundNode(3, ids(1, 2)), T).start();
  }

  // --- construction and start -----------------------------------------------------------------------

  @ParameterizedTest
  @ValueSource(longs = {0, -1, Long.MIN_VALUE})
  void aTimeoutThatIsNotPositiveIsRejected(long timeout) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Rounds.synchronous(new FakeRoundNode(1, ids(1)), timeout));
    assertTrue(e.getMessage().contains(Long.toString(timeout)), e.getMessage());
  }

  @Test
  void startStartsTheNodeAndSetsTheFirstDeadline() {
    Harness h = threeRoundsFrom1And2();
    assertEquals(1, h.rounds.starts);
    assertEquals(List.of(new Sent(NodeId.of(1), 1, "start")), h.ctx.sent);
    assertEquals(List.of(new Timer(T, 1)), h.ctx.timers);
    assertTrue(h.rounds.ends.isEmpty());
  }

  // --- closing rounds -------------------------------------------------------------------------------

  @Test
  void aRoundClosesAsSoonAsEveryExpectedFrameIsIn() {
    Harness h = threeRoundsFrom1And2();
    h.advanceTo(5);
    h.receive(2, 1, "b");
    assertTrue(h.rounds.ends.isEmpty());
    h.receive(1, 1, "a");
    assertEquals(List.of(new End(1, frames(1, "a", 2, "b"), 5)), h.rounds.ends);
    assertEquals(new Sent(NodeId.of(1), 2, "after 1"), h.ctx.sent.get(1));
    // The next deadline is absolute: round 2 ends at 2T, not 5 + T.
    assertEquals(List.of(new Timer(T, 1), new Timer(2 * T, 2)), h.ctx.timers);
  }

  @Test
  void aRoundClosesAtItsDeadlineWithoutTheMissingSender() {
    Harness h = threeRoundsFrom1And2();
    h.advanceTo(10);
    h.receive(1, 1, "a");
    h.advanceTo(T - 1);
    assertTrue(h.rounds.ends.isEmpty(), "closed before the deadline");
    h.advanceTo(T);
    assertEquals(List.of(new End(1, frames(1, "a"), T)), h.rounds.ends);
    assertFalse(h.end(1).frames().containsKey(NodeId.of(2)));
  }

  @Test
  void aSilentRoundClosesAtItsDeadlineWithNoFrames() {
    Harness h = threeRoundsFrom1And2();
    h.advanceTo(3 * T);
    assertEquals(List.of(new End(1, frames(), T), new End(2, frames(), 2 * T), new End(3, frames(), 3 * T)), h.rounds.ends);
    assertEquals(List.of(Decision.of(Value.ATTACK)), h.ctx.decisions);
  }

  @Test
  void deadlinesAreAbsoluteMultiplesOfTheTimeout() {
    Harness h = new Harness(new FakeRoundNode(4, ids(1)), 10).start();
    h.advanceTo(3);
    h.receive(1, 1, "a");
    h.advanceTo(17);
    h.receive(1, 2, "b");
    h.advanceTo(40);
    assertEquals(List.of(new Timer(10, 1), new Timer(20, 2), new Timer(30, 3), new Timer(40, 4)), h.ctx.timers);
    assertEquals(List.of(3L, 17L, 30L, 40L), h.rounds.ends.stream().map(End::at).toList());
  }

  @Test
  void afterTheLastRoundNoTimerIsSetAndTheNodeDecides() {
    Harness h = new Harness(new FakeRoundNode(2, ids(1)), T).start();
    h.receive(1, 1, "a");
    h.receive(1, 2, "b");
    assertEquals(List.of(1, 2), h.endedRounds());
    assertEquals(List.of(new Timer(T, 1), new Timer(2 * T, 2)), h.ctx.timers);
    assertEquals(List.of(Decision.of(Value.ATTACK)), h.ctx.decisions);
    h.advanceTo(10 * T);
    assertEquals(List.of(1, 2), h.endedRounds(), "stale deadlines closed a round again");
  }

  @Test
  void aRoundExpectingNobodyClosesAtOnce() {
    Map<Integer, Set<NodeId>> senders = Map.of(1, ids(), 2, ids(3));
    Harness h = new Harness(new FakeRoundNode(2, senders, m -> Optional.empty()), T).start();
    assertEquals(List.of(new End(1, frames(), 0)), h.rounds.ends);
    assertEquals(List.of(new Timer(T, 1), new Timer(2 * T, 2)), h.ctx.timers);
  }

  @Test
  void aNodeWithNoRoundsOnlyStarts() {
    Harness h = new Harness(new FakeRoundNode(0, Map.of(), m -> Optional.empty()), T).start();
    assertEquals(1, h.rounds.starts);
    assertTrue(h.ctx.timers.isEmpty());
    h.receive(1, 1, "a");
    assertEquals(List.of(new Drop(NodeId.of(1), 1, DropReason.BAD_ROUND)), h.ctx.drops);
    assertTrue(h.rounds.ends.isEmpty());
  }

  // --- later rounds ---------------------------------------------------------------------------------

  @Test
  void framesForALaterRoundAreKeptUntilThatRoundCloses() {
    Harness h = threeRoundsFrom1And2();
    h.advanceTo(1);
    h.receive(1, 2, "a2");
    h.receive(2, 2, "b2");
    h.receive(2, 3, "b3");
    assertTrue(h.rounds.ends.isEmpty(), "a later round closed before round 1");
    h.advanceTo(2);
    h.receive(2, 1, "b1");
    h.receive(1, 1, "a1");
    // Round 1 is complete, and round 2 was already: both close, in order, at once.
    assertEquals(List.of(new End(1, frames(1, "a1", 2, "b1"), 2), new End(2, frames(1, "a2", 2, "b2"), 2)), h.rounds.ends);
    assertEquals(List.of(new Timer(T, 1), new Timer(2 * T, 2), new Timer(3 * T, 3)), h.ctx.timers);
    h.advanceTo(3 * T);
    assertEquals(new End(3, frames(2, "b3"), 3 * T), h.end(3));
    assertTrue(h.ctx.drops.isEmpty());
  }

  @Test
  void aRoundCompletedEarlyClosesRightAfterTheRoundBeforeItsDeadline() {
    Harness h = threeRoundsFrom1And2();
    h.receive(1, 2, "a2");
    h.receive(2, 2, "b2");
    h.advanceTo(T);
    assertEquals(List.of(new End(1, frames(), T), new End(2, frames(1, "a2", 2, "b2"), T)), h.rounds.ends);
  }

  @Test
  void aPartlyBufferedRoundClosesWhenItsLastFrameArrives() {
    Harness h = threeRoundsFrom1And2();
    h.receive(1, 2, "a2");
    h.advanceTo(T);
    assertEquals(List.of(1), h.endedRounds());
    h.advanceTo(T + 7);
    h.receive(2, 2, "b2");
    assertEquals(new End(2, frames(1, "a2", 2, "b2"), T + 7), h.end(2));
  }

  // --- drops ------------------------------------------------------------------------------------------

  @Test
  void aFrameForAClosedRoundIsLate() {
    Harness h = threeRoundsFrom1And2();
    h.receive(1, 1, "a");
    h.advanceTo(T);
    h.receive(2, 1, "late");
    assertEquals(List.of(new Drop(NodeId.of(2), 1, DropReason.LATE)), h.ctx.drops);
    h.advanceTo(3 * T);
    assertTrue(h.rounds.ends.stream().noneMatch(e -> e.frames().containsValue("late")));
  }

  @Test
  void framesOutsideTheProtocolsRoundsAreBadRounds() {
    Harness h = threeRoundsFrom1And2();
    h.receive(1, 0, "zero");
    h.receive(1, -1, "negative");
    h.receive(1, 4, "past the end");
    h.receive(2, Integer.MAX_VALUE, "far");
    assertEquals(List.of(new Drop(NodeId.of(1), 0, DropReason.BAD_ROUND), new Drop(NodeId.of(1), -1, DropReason.BAD_ROUND),
        new Drop(NodeId.of(1), 4, DropReason.BAD_ROUND), new Drop(NodeId.of(2), Integer.MAX_VALUE, DropReason.BAD_ROUND)),
        h.ctx.drops);
    assertTrue(h.rounds.ends.isEmpty());
  }

  @Test
  void aFrameFromASenderNotExpectedInItsRoundIsDropped() {
    Map<Integer, Set<NodeId>> senders = Map.of(1, ids(1, 2), 2, ids(2));
    Harness h = new Harness(new FakeRoundNode(2, senders, m -> Optional.empty()), T).start();
    h.receive(3, 1, "stranger");
    h.receive(1, 2, "not in round 2");
    assertEquals(List.of(new Drop(NodeId.of(3), 1, DropReason.UNEXPECTED_SENDER),
        new Drop(NodeId.of(1), 2, DropReason.UNEXPECTED_SENDER)), h.ctx.drops);
    h.receive(1, 1, "a");
    h.receive(2, 1, "b");
    assertEquals(List.of(new End(1, frames(1, "a", 2, "b"), 0)), h.rounds.ends);
  }

  @Test
  void aSecondFrameFromTheSameSenderForTheSameRoundIsADuplicate() {
    Harness h = threeRoundsFrom1And2();
    h.receive(1, 1, "first");
    h.receive(1, 1, "second");
    h.receive(2, 3, "first 3");
    h.receive(2, 3, "second 3");
    assertEquals(List.of(new Drop(NodeId.of(1), 1, DropReason.DUPLICATE), new Drop(NodeId.of(2), 3, DropReason.DUPLICATE)),
        h.ctx.drops);
    h.advanceTo(3 * T);
    assertEquals(frames(1, "first"), h.end(1).frames());
    assertEquals(frames(2, "first 3"), h.end(3).frames());
  }

  @Test
  void sendersWithLargeIndexesAreTrackedOneByOne() {
    // Node indexes beyond one machine word (the round layer keeps a bit per index): 3 and 70 and
    // 200 are three senders, a second frame from 70 a duplicate, and the round closes only with all three.
    Harness h = new Harness(new FakeRoundNode(1, ids(3, 70, 200)), T).start();
    h.receive(70, 1, "a");
    h.receive(70, 1, "again");
    h.receive(200, 1, "b");
    assertEquals(List.of(), h.endedRounds());
    h.receive(3, 1, "c");
    assertEquals(List.of(new Drop(NodeId.of(70), 1, DropReason.DUPLICATE)), h.ctx.drops);
    assertEquals(List.of(new End(1, frames(3, "c", 70, "a", 200, "b"), 0)), h.rounds.ends);
  }

  @Test
  void aRoundThatTimesOutCountsEachMissingSenderOnce() {
    Harness h = new Harness(new FakeRoundNode(2, ids(1, 65, 130)), T).start();
    h.receive(65, 1, "a");
    h.receive(65, 2, "early");
    h.advanceTo(T);
    assertEquals(List.of(1), h.endedRounds());
    assertEquals(2L, h.ctx.counted.get(Rounds.DEADLINE_MISSES));
    assertEquals(frames(65, "a"), h.end(1).frames());
    h.receive(1, 2, "b");
    h.receive(130, 2, "c");
    assertEquals(List.of(1, 2), h.endedRounds());
    assertEquals(frames(1, "b", 65, "early", 130, "c"), h.end(2).frames());
  }

  @Test
  void aFrameTheNodeRejectsIsDroppedWithTheNodesReason() {
    Harness h = threeRoundsFrom1And2();
    h.receive(1, 1, "bad:WRONG_SIZE");
    h.receive(2, 1, "fine");
    h.receive(2, 2, "bad:BAD_SIGNATURE");
    assertEquals(List.of(new Drop(NodeId.of(1), 1, DropReason.WRONG_SIZE), new Drop(NodeId.of(2), 2, DropReason.BAD_SIGNATURE)),
        h.ctx.drops);
    assertTrue(h.rounds.ends.isEmpty(), "a rejected frame completed the round");
    h.advanceTo(2 * T);
    assertEquals(List.of(new End(1, frames(2, "fine"), T), new End(2, frames(), 2 * T)), h.rounds.ends);
  }

  // --- timers ---------------------------------------------------------------------------------------

  @Test
  void staleTimersAreIgnored() {
    Harness h = threeRoundsFrom1And2();
    h.receive(1, 1, "a");
    h.receive(2, 1, "b");
    h.receive(1, 2, "c");
    h.advanceTo(T); // round 1's deadline fires after round 1 closed early
    assertEquals(List.of(1), h.endedRounds(), "the stale deadline closed round 2");
    h.node.timer(1, h.ctx); // and again, out of the blue
    h.node.timer(77, h.ctx);
    assertEquals(List.of(1), h.endedRounds());
    assertTrue(h.ctx.drops.isEmpty());
    h.advanceTo(2 * T);
    assertEquals(List.of(new End(1, frames(1, "a", 2, "b"), 0), new End(2, frames(1, "c"), 2 * T)), h.rounds.ends);
  }

  // --- a property over random schedules -------------------------------------------------------------

  private record Event(boolean advance, int from, int round, long by) {}

  private record Schedule(int rounds, List<Set<NodeId>> senders, List<Event> events) {}

  private static final Gen<Event> EVENTS = Gen.ints(0, 9).flatMap(kind -> kind < 2
      ? Gen.ints(0, (int) (2 * T)).map(by -> new Event(true, 0, 0, by))
      : Gen.ints(0, 4).flatMap(from -> Gen.ints(-1, 6).map(round -> new Event(false, from, round, 0))));

  private static final Gen<Schedule> SCHEDULES = Gen.ints(1, 4).flatMap(rounds ->
      Gen.lists(Gen.subsets(List.of(0, 1, 2, 3, 4), 5).map(l -> {
        Set<NodeId> s = new TreeSet<>();
        l.forEach(i -> s.add(NodeId.of(i)));
        return s;
      }), rounds, rounds).flatMap(senders -> Gen.lists(EVENTS, 0, 40).map(events -> new Schedule(rounds, senders, events))));

  /** The frames a run received: when, and whether the node accepted or dropped each. */
  private record Received(int id, NodeId from, int round, long at, Set<Integer> closedBefore, Optional<DropReason> drop) {}

  @Test
  void everyFrameIsEitherDeliveredOnceOrDroppedOnceForAGoodReason() {
    Property.forAll(SCHEDULES).tries(500).check(s -> {
      Map<Integer, Set<NodeId>> senders = new HashMap<>();
      for (int r = 1; r <= s.rounds(); r++) {
        senders.put(r, s.senders().get(r - 1));
      }
      Function<String, Optional<DropReason>> check = m -> Integer.parseInt(m.substring(1)) % 7 == 3
          ? Optional.of(DropReason.WRONG_SIZE) : Optional.empty();
      Harness h = new Harness(new FakeRoundNode(s.rounds(), senders, check), T).start();

      List<Received> received = new ArrayList<>();
      int id = 0;
      for (Event e : s.events()) {
        if (e.advance()) {
          int dropsBefore = h.ctx.drops.size();
          h.advanceTo(h.ctx.now + e.by());
          assertEquals(dropsBefore, h.ctx.drops.size(), "a timer dropped a frame");
          continue;
        }
        Set<Integer> closed = new HashSet<>(h.endedRounds());
        int dropsBefore = h.ctx.drops.size();
        h.receive(e.from(), e.round(), "m" + id);
        List<Drop> newDrops = h.ctx.drops.subList(dropsBefore, h.ctx.drops.size());
        assertTrue(newDrops.size() <= 1, "one frame dropped twice: " + newDrops);
        Optional<DropReason> drop = newDrops.stream().findFirst().map(Drop::reason);
        newDrops.forEach(d -> assertEquals(new Drop(NodeId.of(e.from()), e.round(), d.reason()), d));
        received.add(new Received(id, NodeId.of(e.from()), e.round(), h.ctx.now, closed, drop));
        id++;
      }
      h.advanceTo(h.ctx.now + (s.rounds() + 1) * T);

      // Every round closes exactly once, in order, by its deadline; the node decides once.
      List<Integer> expectedRounds = new ArrayList<>();
      for (int r = 1; r <= s.rounds(); r++) {
        expectedRounds.add(r);
      }
      assertEquals(expectedRounds, h.endedRounds());
      assertEquals(1, h.ctx.decisions.size());
      for (Timer t : h.ctx.timers) {
        assertEquals(t.token() * T, t.at(), "a deadline is not absolute: " + t);
      }

      // Each frame is delivered once or dropped once, never both, and for the right reason.
      Map<String, Integer> deliveries = new HashMap<>();
      for (End end : h.rounds.ends) {
        for (Map.Entry<NodeId, String> f : end.frames().entrySet()) {
          deliveries.merge(f.getValue(), 1, Integer::sum);
          Received r = received.get(Integer.parseInt(f.getValue().substring(1)));
          assertEquals(end.round(), r.round(), "delivered in another round");
          assertEquals(f.getKey(), r.from(), "delivered under another sender");
        }
      }
      Set<String> accepted = new HashSet<>();
      for (Received r : received) {
        String m = "m" + r.id();
        boolean inRange = r.round() >= 1 && r.round() <= s.rounds();
        boolean closed = r.closedBefore().contains(r.round());
        boolean expected = inRange && senders.get(r.round()).contains(r.from());
        boolean repeat = received.stream().anyMatch(o -> o.id() < r.id() && o.from().equals(r.from())
            && o.round() == r.round() && accepted.contains("m" + o.id()));
        boolean rejected = check.apply(m).isPresent();
        if (r.drop().isEmpty()) {
          accepted.add(m);
          assertTrue(inRange && !closed && expected && !repeat && !rejected, "accepted " + r);
          assertEquals(1, deliveries.getOrDefault(m, 0), "accepted but not delivered once: " + r);
        } else {
          assertEquals(0, deliveries.getOrDefault(m, 0), "dropped and delivered: " + r);
          DropReason why = r.drop().get();
          assertEquals(!inRange, why == DropReason.BAD_ROUND, r.toString());
          assertFalse(inRange && !closed && expected && !repeat && !rejected, "dropped a good frame: " + r);
          switch (why) {
            case LATE -> assertTrue(closed, r.toString());
            case UNEXPECTED_SENDER -> assertTrue(!expected, r.toString());
            case DUPLICATE -> assertTrue(repeat, r.toString());
            case WRONG_SIZE -> assertTrue(rejected, r.toString());
            case BAD_ROUND -> assertTrue(!inRange, r.toString());
            default -> throw new AssertionError("unexpected reason " + r);
          }
          if (inRange && closed) {
            assertEquals(DropReason.LATE, why, r.toString());
          }
        }
      }

      // A round closes when it is complete (and the round before it closed), or at its deadline.
      long previousEnd = 0;
      for (End end : h.rounds.ends) {
        int r = end.round();
        long complete = senders.get(r).isEmpty() ? 0 : Long.MAX_VALUE;
        if (!senders.get(r).isEmpty() && end.frames().keySet().containsAll(senders.get(r))) {
          complete = 0;
          for (String m : end.frames().values()) {
            complete = Math.max(complete, received.get(Integer.parseInt(m.substring(1))).at());
          }
        }
        long expectedEnd = Math.min(r * T, Math.max(previousEnd, complete));
        assertEquals(expectedEnd, end.at(), "round " + r + " closed at the wrong time");
        previousEnd = end.at();
      }
      return true;
    });
  }
}
