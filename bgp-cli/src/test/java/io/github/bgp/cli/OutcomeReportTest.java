package io.github.bgp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.bgp.api.Decision;
import io.github.bgp.api.DropReason;
import io.github.bgp.api.Guarantee;
import io.github.bgp.api.NodeId;
import io.github.bgp.api.Outcome;
import io.github.bgp.api.Scenario;
import io.github.bgp.api.Value;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The IC1 and IC2 sentences, on outcomes made up to violate them in particular ways. */
class OutcomeReportTest {

  private static final Value A = Value.ATTACK;
  private static final Value R = Value.RETREAT;

  @Test
  void ic1NamesWhoDecidedWhat() {
    Outcome o = outcome(Scenario.builder(6).m(1).traitors(3).build(), Map.of(1, A, 2, A, 4, R, 5, A), Set.of());

    assertEquals("IC1 violated: lieutenants 1, 2, 5 decided ATTACK and 4 decided RETREAT", OutcomeReport.ic1(o));
    assertEquals("IC2 violated: the loyal commander ordered ATTACK but lieutenant 4 decided RETREAT",
        OutcomeReport.ic2(o));
  }

  @Test
  void ic1CountsLieutenantsThatDidNotDecide() {
    Outcome o = outcome(Scenario.builder(4).m(1).traitors(0).build(), Map.of(1, R, 3, R), Set.of(2));

    assertEquals("IC1 violated: lieutenants 1, 3 decided RETREAT and 2 did not decide", OutcomeReport.ic1(o));
    assertEquals("IC2 holds vacuously: the commander is a traitor, so there is no loyal order to obey",
        OutcomeReport.ic2(o));
  }

  @Test
  void aSingleLieutenantFirstIsSingular() {
    Outcome o = outcome(Scenario.builder(4).m(1).order(R).build(), Map.of(1, A, 2, R, 3, R), Set.of());

    assertEquals("IC1 violated: lieutenant 1 decided ATTACK and 2, 3 decided RETREAT", OutcomeReport.ic1(o));
    assertEquals("IC2 violated: the loyal commander ordered RETREAT but lieutenant 1 decided ATTACK",
        OutcomeReport.ic2(o));
  }

  @Test
  void agreementOnNumbers() {
    Value v = Value.number(20);
    Outcome o = outcome(Scenario.builder(4).order(v).majority("median").build(), Map.of(1, v, 2, v, 3, v), Set.of());

    assertEquals("IC1 held: every loyal lieutenant decided 20", OutcomeReport.ic1(o));
    assertEquals("IC2 held: the commander is loyal and every loyal lieutenant decided its order 20",
        OutcomeReport.ic2(o));
  }

  @Test
  void withoutLoyalLieutenantsBothHoldVacuously() {
    Outcome o = outcome(Scenario.builder(3).m(2).traitors(1, 2).build(), Map.of(), Set.of());

    assertEquals("IC1 holds vacuously: there is no loyal lieutenant", OutcomeReport.ic1(o));
    assertEquals("IC2 holds vacuously: there is no loyal lieutenant", OutcomeReport.ic2(o));
  }

  @Test
  void droppedFramesAreReported() {
    Scenario s = Scenario.builder(4).build();
    Outcome o = new Outcome("om", s, Guarantee.holds("fine"), decisions(Map.of(1, A, 2, A, 3, A)), new TreeSet<>(),
        9, 9, 54, 2, new TreeMap<>(Map.of(NodeId.of(1), 3L, NodeId.of(2), 2L, NodeId.of(3), 3L)),
        Map.of(DropReason.LATE, 1L), List.of());

    String report = OutcomeReport.render(o);

    assertTrue(report.contains("dropped    1 frame: 1 arrived after its round closed\n"), report);
    assertTrue(report.contains("the lieutenants received 2 to 3 each"), report);
  }

  @Test
  void heardIsWrittenAsInTheNotes() {
    SortedMap<NodeId, Value> heard = new TreeMap<>(Map.of(NodeId.of(0), A, NodeId.of(2), A, NodeId.of(3), R));

    assertEquals("C:ATTACK L2:ATTACK L3:RETREAT", OutcomeReport.heard(heard));
  }

  private static Outcome outcome(Scenario s, Map<Integer, Value> decided, Set<Integer> undecided) {
    TreeSet<NodeId> none = new TreeSet<>();
    undecided.forEach(i -> none.add(NodeId.of(i)));
    return new Outcome("om", s, Guarantee.none("made up"), decisions(decided), none, 0, 0, 0, 0, new TreeMap<>(),
        Map.of(), List.of());
  }

  private static SortedMap<NodeId, Decision> decisions(Map<Integer, Value> decided) {
    SortedMap<NodeId, Decision> d = new TreeMap<>();
    decided.forEach((id, v) -> d.put(NodeId.of(id), Decision.of(v)));
    return d;
  }
}
