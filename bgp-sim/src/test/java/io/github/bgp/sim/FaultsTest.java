package io.github.bgp.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.bgp.api.NodeId;
import io.github.bgp.api.Outcome;
import io.github.bgp.api.Scenario;
import io.github.bgp.api.Value;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** Partitions and named crashes: their textual forms, their errors, and a partition in an agreement run. */
class FaultsTest {

  private static TreeSet<NodeId> ids(int... ids) {
    TreeSet<NodeId> s = new TreeSet<>();
    for (int i : ids) {
      s.add(NodeId.of(i));
    }
    return s;
  }

  @Test
  void aPartitionIsReadFromItsTextualFormAndWrittenBackTheSame() {
    Faults.Partition p = Faults.Partition.parse("0,1|2,3@10-50");
    assertEquals(new Faults.Partition(ids(0, 1), ids(2, 3), 10, 50), p);
    assertEquals("0,1|2,3@10-50", p.toString());
    assertEquals(p, Faults.Partition.parse(" 1, 0 | 3,2 @ 10 - 50 "));
    assertTrue(p.separates(NodeId.of(0), NodeId.of(3), 10));
    assertTrue(p.separates(NodeId.of(2), NodeId.of(1), 49));
    assertFalse(p.separates(NodeId.of(2), NodeId.of(1), 50), "healed at its end");
    assertFalse(p.separates(NodeId.of(0), NodeId.of(1), 20), "one side talks within itself");
    assertFalse(p.separates(NodeId.of(0), NodeId.of(4), 20), "a node on neither side is not cut off");
    assertEquals(3, p.highest());
  }

  @Test
  void aBadPartitionIsRefusedSayingWhatIsWrong() {
    assertMessage("0,1|2,3", "A|B@T1-T2");
    assertMessage("0,1,2,3@10-50", "A|B@T1-T2");
    assertMessage("0|1|2@1-2", "A|B@T1-T2");
    assertMessage("0|1@10", "no time range");
    assertMessage("|1@1-2", "side A of partition '|1@1-2' names no node");
    assertMessage("0|@1-2", "side B");
    assertMessage("0,x|1@1-2",
        "a node of side A of partition '0,x|1@1-2' must be a non-negative whole number, got 'x'");
    assertMessage("0,0|1@1-2", "node 0 is listed twice on side A");
    assertMessage("0,1|1@1-2", "node 1 is on both sides");
    assertMessage("0|1@50-10", "ends at 10, not after it starts at 50");
    assertMessage("0|1@5-5", "ends at 5");
    assertMessage("0|1@-1-5", "no time range T1-T2 (two non-negative whole numbers)");
    assertMessage("0|1@1-99999999999", "too large");
  }

  private static void assertMessage(String text, String part) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Faults.Partition.parse(text));
    assertTrue(e.getMessage().contains(part), e.getMessage());
  }

  @Test
  void aNamedCrashIsReadFromItsTextualForm() {
    assertEquals(new Faults.NamedCrash(NodeId.of(0), Faults.Point.AFTER_DECISION, -1),
        Faults.NamedCrash.parse("0:after-decision:never", 100));
    assertEquals(new Faults.NamedCrash(NodeId.of(2), Faults.Point.AFTER_VOTE, 100),
        Faults.NamedCrash.parse("2:after-vote", 100));
    assertEquals(new Faults.NamedCrash(NodeId.of(2), Faults.Point.AFTER_VOTE, 7),
        Faults.NamedCrash.parse("2:after-vote:7", 100));
    for (String[] bad : new String[][] {{"0", "is NODE:"}, {"0:after-lunch", "unknown crash point 'after-lunch'"},
        {"x:after-vote", "the node of crash"}, {"0:after-vote:0", "must be positive"},
        {"0:after-vote:soon", "the downtime of crash"}, {"0:after-vote:1:2", "is NODE:"}}) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> Faults.NamedCrash.parse(bad[0], 100));
      assertTrue(e.getMessage().contains(bad[1]), e.getMessage());
    }
    assertEquals(List.of("after-decision", "after-vote"),
        List.of(Faults.Point.AFTER_DECISION.word(), Faults.Point.AFTER_VOTE.word()));
  }

  @Test
  void theSameNodeCannotCrashTwiceAtOnePoint() {
    Faults.NamedCrash c = new Faults.NamedCrash(NodeId.of(0), Faults.Point.AFTER_DECISION, 5);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Faults.NONE.with(c).with(c));
    assertTrue(e.getMessage().contains("twice"), e.getMessage());
  }

  @Test
  void anAgreementRunTakesAPartitionAndItsLostFramesAreCountedAndDefaulted() {
    DirectOrders direct = new DirectOrders();
    Scenario s = Scenario.builder(5).order(Value.ATTACK).build();
    Faults cut = Faults.NONE.with(Faults.Partition.parse("0,1,2|3,4@0-10"));
    Outcome o = Simulation.builder().faults(cut).build().execute(direct, s);
    assertEquals(2, o.counter("messages.partitioned"), "the commander's orders to 3 and 4 are lost");
    assertEquals(Value.ATTACK, o.values().get(NodeId.of(1)));
    assertEquals(Value.RETREAT, o.values().get(NodeId.of(3)), "a lost order is a missing message: the default");
    assertFalse(o.ic2());
    Outcome later = Simulation.builder().faults(Faults.NONE.with(Faults.Partition.parse("0|3,4@5-10"))).build()
        .execute(direct, s);
    assertEquals(0, later.counter("messages.partitioned"), "the orders left at time 0, before it began");
    assertTrue(later.ic1() && later.ic2());
  }

  @Test
  void anAgreementRunRefusesEveryOtherFaultAndAPartitionOutsideItsNodes() {
    DirectOrders direct = new DirectOrders();
    Scenario s = Scenario.builder(3).build();
    IllegalArgumentException crash = assertThrows(IllegalArgumentException.class, () -> Simulation.builder()
        .faults(Faults.NONE.with(new Faults.Crash(NodeId.of(0), 1, true, 5))).build().execute(direct, s));
    assertTrue(crash.getMessage().contains("takes partitions"), crash.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Simulation.builder().faults(Faults.NONE.network(0.1, 0, 0))
        .build().execute(direct, s));
    IllegalArgumentException outside = assertThrows(IllegalArgumentException.class, () -> Simulation.builder()
        .faults(Faults.NONE.with(Faults.Partition.parse("0|7@0-5"))).build().execute(direct, s));
    assertTrue(outside.getMessage().contains("names node 7"), outside.getMessage());
    assertEquals(Set.of(), Set.copyOf(Faults.NONE.partitions()));
  }
}
