package io.github.bgp.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.bgp.check.Gen;
import io.github.bgp.check.Property;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class OutcomeTest {

  private static final Value A = Value.ATTACK;
  private static final Value R = Value.RETREAT;

  private static Outcome outcome(Scenario s, Map<Integer, Value> decided, int... undecided) {
    SortedMap<NodeId, Decision> decisions = new TreeMap<>();
    decided.forEach((id, v) -> decisions.put(NodeId.of(id), Decision.of(v)));
    SortedSet<NodeId> notDecided = new TreeSet<>();
    for (int id : undecided) {
      notDecided.add(NodeId.of(id));
    }
    return new Outcome("test", s, Guarantee.none("test"), decisions, notDecided, 0, 0, 0, 0,
        new TreeMap<>(), new EnumMap<>(DropReason.class), List.of());
  }

  private static Map<Integer, Value> decided(Object... idValue) {
    Map<Integer, Value> out = new HashMap<>();
    for (int i = 0; i < idValue.length; i += 2) {
      out.put((Integer) idValue[i], (Value) idValue[i + 1]);
    }
    return out;
  }

  private static final Scenario LOYAL_COMMANDER = Scenario.builder(5).traitors(4).order(A).build();
  private static final Scenario TRAITOR_COMMANDER = Scenario.builder(5).traitors(0).order(A).build();

  // --- the truth table ------------------------------------------------------------------------

  @Test
  void everyLoyalLieutenantObeyingTheLoyalCommanderSatisfiesBoth() {
    Outcome o = outcome(LOYAL_COMMANDER, decided(1, A, 2, A, 3, A));
    assertTrue(o.ic1());
    assertTrue(o.ic2());
  }

  @Test
  void agreeingOnAnotherOrderThanTheLoyalCommandersBreaksOnlyIc2() {
    Outcome o = outcome(LOYAL_COMMANDER, decided(1, R, 2, R, 3, R));
    assertTrue(o.ic1());
    assertFalse(o.ic2());
  }

  @Test
  void disagreementBreaksBoth() {
    Outcome o = outcome(LOYAL_COMMANDER, decided(1, A, 2, R, 3, A));
    assertFalse(o.ic1());
    assertFalse(o.ic2());
  }

  @Test
  void anUndecidedLoyalLieutenantCountsAgainstBoth() {
    Outcome o = outcome(LOYAL_COMMANDER, decided(1, A, 2, A), 3);
    assertFalse(o.ic1());
    assertFalse(o.ic2());
    Outcome none = outcome(LOYAL_COMMANDER, decided(), 1, 2, 3);
    assertFalse(none.ic1());
    assertFalse(none.ic2());
  }

  @Test
  void aTraitorCommanderMakesIc2Vacuous() {
    Outcome agree = outcome(TRAITOR_COMMANDER, decided(1, R, 2, R, 3, R, 4, R));
    assertTrue(agree.ic1());
    assertTrue(agree.ic2());
    Outcome disagree = outcome(TRAITOR_COMMANDER, decided(1, A, 2, R, 3, R, 4, R));
    assertFalse(disagree.ic1());
    assertTrue(disagree.ic2());
    Outcome undecided = outcome(TRAITOR_COMMANDER, decided(1, R, 2, R, 3, R), 4);
    assertFalse(undecided.ic1());
    assertTrue(undecided.ic2());
  }

  @Test
  void numericOutcomesCompareValuesNotIdentities() {
    Scenario s = Scenario.builder(4).order(Value.number(1_000_000)).build();
    Outcome o = outcome(s, decided(1, Value.number(1_000_000), 2, Value.number(1_000_000), 3, Value.number(1_000_000)));
    assertTrue(o.ic1());
    assertTrue(o.ic2());
    Outcome off = outcome(s, decided(1, Value.number(1_000_000), 2, Value.number(999_999), 3, Value.number(1_000_000)));
    assertFalse(off.ic1());
    assertFalse(off.ic2());
  }

  @Test
  void withNoLoyalLieutenantBothHoldVacuously() {
    Outcome o = outcome(Scenario.builder(2).traitors(1).build(), decided());
    assertTrue(o.ic1());
    assertTrue(o.ic2());
  }

  private record Run(Scenario scenario, Map<Integer, Value> decided, List<Integer> undecided) {}

  @Test
  void ic1AndIc2FollowTheirDefinitions() {
    Gen<Run> runs = Gen.ints(2, 9).flatMap(n -> {
      List<Integer> all = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        all.add(i);
      }
      return Gen.subsets(all, n).flatMap(traitors -> ApiGens.ORDERS.flatMap(order -> Gen.lists(Gen.ints(0, 2), n, n)
          .map(choices -> {
            Scenario s = Scenario.builder(n).order(order).traitors(traitors.stream().mapToInt(Integer::intValue).toArray()).build();
            Map<Integer, Value> decided = new HashMap<>();
            List<Integer> undecided = new ArrayList<>();
            for (NodeId l : s.loyalLieutenants()) {
              switch (choices.get(l.index())) {
                case 0 -> decided.put(l.index(), A);
                case 1 -> decided.put(l.index(), R);
                default -> undecided.add(l.index());
              }
            }
            return new Run(s, decided, undecided);
          })));
    });
    Property.forAll(runs).tries(1000).check(r -> {
      Outcome o = outcome(r.scenario(), r.decided(), r.undecided().stream().mapToInt(Integer::intValue).toArray());
      boolean ic1 = r.undecided().isEmpty() && r.decided().values().stream().distinct().count() <= 1;
      boolean ic2 = !r.scenario().commanderIsLoyal()
          || (r.undecided().isEmpty() && r.decided().values().stream().allMatch(v -> v.equals(r.scenario().order())));
      return o.ic1() == ic1 && o.ic2() == ic2;
    });
  }

  // --- validation ---------------------------------------------------------------------------------

  @Test
  void aDecisionRecordedForATraitorIsRejected() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> outcome(LOYAL_COMMANDER, decided(1, A, 2, A, 3, A, 4, A)));
    assertTrue(e.getMessage().contains("4"), e.getMessage());
  }

  @Test
  void aDecisionRecordedForTheCommanderIsRejected() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> outcome(LOYAL_COMMANDER, decided(0, A, 1, A, 2, A, 3, A)));
    assertTrue(e.getMessage().contains("0"), e.getMessage());
  }

  @Test
  void requiredPartsAreRequired() {
    Scenario s = LOYAL_COMMANDER;
    Guarantee g = Guarantee.none("x");
    assertThrows(NullPointerException.class, () -> new Outcome(null, s, g, new TreeMap<>(), new TreeSet<>(), 0, 0, 0, 0,
        new TreeMap<>(), Map.of(), List.of()));
    assertThrows(NullPointerException.class, () -> new Outcome("p", null, g, new TreeMap<>(), new TreeSet<>(), 0, 0, 0, 0,
        new TreeMap<>(), Map.of(), List.of()));
    assertThrows(NullPointerException.class, () -> new Outcome("p", s, null, new TreeMap<>(), new TreeSet<>(), 0, 0, 0, 0,
        new TreeMap<>(), Map.of(), List.of()));
  }

  // --- collections ----------------------------------------------------------------------------------

  @Test
  void collectionsAreUnmodifiableCopies() {
    SortedMap<NodeId, Decision> decisions = new TreeMap<>(Map.of(NodeId.of(1), Decision.of(A)));
    SortedSet<NodeId> undecided = new TreeSet<>(List.of(NodeId.of(2), NodeId.of(3)));
    SortedMap<NodeId, Long> received = new TreeMap<>(Map.of(NodeId.of(1), 3L));
    Map<DropReason, Long> dropped = new HashMap<>(Map.of(DropReason.LATE, 2L, DropReason.DUPLICATE, 5L));
    LogicalMessage m = new LogicalMessage(1, 2, NodeId.of(0), NodeId.of(1), 1, 0, A, List.of(NodeId.of(0)), List.of());
    List<LogicalMessage> trace = new ArrayList<>(List.of(m));
    Outcome o = new Outcome("om", LOYAL_COMMANDER, Guarantee.holds("n > 3m"), decisions, undecided, 4, 3, 12, 1,
        received, dropped, trace);

    decisions.put(NodeId.of(3), Decision.of(R));
    undecided.clear();
    received.put(NodeId.of(2), 1L);
    dropped.put(DropReason.MALFORMED, 1L);
    trace.clear();
    assertEquals(1, o.decisions().size());
    assertEquals(2, o.undecided().size());
    assertEquals(1, o.received().size());
    assertEquals(2, o.dropped().size());
    assertEquals(1, o.trace().size());

    assertThrows(UnsupportedOperationException.class, () -> o.decisions().put(NodeId.of(2), Decision.of(A)));
    assertThrows(UnsupportedOperationException.class, () -> o.undecided().add(NodeId.of(3)));
    assertThrows(UnsupportedOperationException.class, () -> o.received().put(NodeId.of(3), 1L));
    assertThrows(UnsupportedOperationException.class, () -> o.dropped().put(DropReason.OVERSIZE, 1L));
    assertThrows(UnsupportedOperationException.class, () -> o.trace().add(m));
    assertThrows(UnsupportedOperationException.class, () -> o.values().put(NodeId.of(2), A));

    assertEquals(Map.of(NodeId.of(1), A), o.values());
    assertEquals(7, o.droppedTotal());
    assertEquals(4, o.messages());
    assertEquals(3, o.frames());
    assertEquals(12, o.bytes());
    assertEquals(1, o.rounds());
    assertTrue(o.toString().contains("om") && o.toString().contains("IC1=false") && o.toString().contains("IC2=false"),
        o.toString());
  }

  @Test
  void noDropsTotalZero() {
    assertEquals(0, outcome(LOYAL_COMMANDER, decided(1, A), 2, 3).droppedTotal());
  }

  // --- the small records ------------------------------------------------------------------------------

  @Test
  void aDecisionKeepsASortedUnmodifiableCopyOfWhatItHeard() {
    Map<NodeId, Value> heard = new HashMap<>(Map.of(NodeId.of(3), R, NodeId.of(0), A, NodeId.of(2), A));
    Decision d = new Decision(A, new TreeMap<>(heard));
    assertEquals(List.of(NodeId.of(0), NodeId.of(2), NodeId.of(3)), List.copyOf(d.heard().keySet()));
    assertThrows(UnsupportedOperationException.class, () -> d.heard().put(NodeId.of(1), R));
    SortedMap<NodeId, Value> source = new TreeMap<>(heard);
    Decision e = new Decision(R, source);
    source.clear();
    assertEquals(3, e.heard().size());
    assertTrue(Decision.of(A).heard().isEmpty());
    assertEquals(A, Decision.of(A).value());
    assertThrows(NullPointerException.class, () -> Decision.of(null));
  }

  @Test
  void aGuaranteeSaysWhetherItHoldsAndWhy() {
    Guarantee yes = Guarantee.holds("n=4 > 3m=3");
    Guarantee no = Guarantee.none("n=3 is not more than 3m=3");
    assertTrue(yes.holds());
    assertFalse(no.holds());
    assertEquals("n=4 > 3m=3", yes.explanation());
    assertTrue(yes.toString().contains("guaranteed") && yes.toString().contains("n=4 > 3m=3"), yes.toString());
    assertTrue(no.toString().contains("no guarantee") && no.toString().contains("n=3"), no.toString());
    assertThrows(NullPointerException.class, () -> Guarantee.holds(null));
  }

  @Test
  void aLogicalMessageKeepsUnmodifiableCopiesOfItsLists() {
    List<NodeId> path = new ArrayList<>(List.of(NodeId.of(0), NodeId.of(2)));
    List<NodeId> others = new ArrayList<>(List.of(NodeId.of(3)));
    LogicalMessage m = new LogicalMessage(5, 7, NodeId.of(2), NodeId.of(1), 2, 0, R, path, others);
    path.clear();
    others.clear();
    assertEquals(List.of(NodeId.of(0), NodeId.of(2)), m.path());
    assertEquals(List.of(NodeId.of(3)), m.others());
    assertThrows(UnsupportedOperationException.class, () -> m.path().add(NodeId.of(4)));
    assertThrows(NullPointerException.class,
        () -> new LogicalMessage(0, 0, null, NodeId.of(1), 1, 0, R, List.of(), List.of()));
    assertThrows(NullPointerException.class,
        () -> new LogicalMessage(0, 0, NodeId.of(0), NodeId.of(1), 1, 0, null, List.of(), List.of()));
  }

  @Test
  void everyDropReasonIsDescribed() {
    java.util.Set<String> descriptions = new java.util.HashSet<>();
    for (DropReason r : DropReason.values()) {
      assertFalse(r.description().isBlank(), r.name());
      descriptions.add(r.description());
    }
    assertEquals(DropReason.values().length, descriptions.size());
  }

  private static Outcome raw(Scenario s, SortedMap<NodeId, Decision> d, SortedSet<NodeId> undecided) {
    return new Outcome("p", s, Guarantee.none("x"), d, undecided, 0, 0, 0, 0, new TreeMap<>(),
        new EnumMap<>(DropReason.class), List.of());
  }

  @Test
  void aDecisionForANodeOutsideTheScenarioIsRefused() {
    Scenario s = Scenario.builder(4).build();
    SortedMap<NodeId, Decision> d = new TreeMap<>();
    for (int i : new int[] {1, 2, 3, 9}) {
      d.put(NodeId.of(i), Decision.of(A));
    }
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> raw(s, d, new TreeSet<>()));
    assertTrue(e.getMessage().contains("9, who is not a loyal lieutenant"), e.getMessage());
  }

  @Test
  void everyLoyalLieutenantIsEitherDecidedOrUndecided() {
    Scenario s = Scenario.builder(4).build();
    SortedMap<NodeId, Decision> d = new TreeMap<>(Map.of(NodeId.of(1), Decision.of(A)));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> raw(s, d, new TreeSet<>()));
    assertTrue(e.getMessage().contains("undecided must be exactly"), e.getMessage());
  }

  @Test
  void aTraitorCannotBeListedAsUndecided() {
    Scenario s = Scenario.builder(4).traitors(3).build();
    SortedMap<NodeId, Decision> d = new TreeMap<>(Map.of(NodeId.of(1), Decision.of(A), NodeId.of(2), Decision.of(A)));
    assertThrows(IllegalArgumentException.class, () -> raw(s, d, new TreeSet<>(List.of(NodeId.of(3)))));
    assertTrue(raw(s, d, new TreeSet<>()).ic1());
  }

  @Test
  void heardIsSortedByIdWhateverTheCallersMapSortsBy() {
    SortedMap<NodeId, Value> heard = new TreeMap<>(java.util.Comparator.reverseOrder());
    heard.put(NodeId.of(0), A);
    heard.put(NodeId.of(2), R);
    assertEquals(List.of(NodeId.of(0), NodeId.of(2)), List.copyOf(new Decision(A, heard).heard().keySet()));
  }
}
