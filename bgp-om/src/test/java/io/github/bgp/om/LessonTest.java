package io.github.bgp.om;

import static io.github.bgp.om.Fixtures.traced;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.bgp.api.LogicalMessage;
import io.github.bgp.api.NodeId;
import io.github.bgp.api.Outcome;
import io.github.bgp.api.Scenario;
import io.github.bgp.api.Strategy;
import io.github.bgp.api.Value;
import io.github.bgp.check.Gen;
import io.github.bgp.check.Property;
import io.github.bgp.sim.Traces;
import io.github.bgp.sim.teaching.Lesson;
import io.github.bgp.testkit.Scenarios;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The teaching model of a traced OM(m) run, {@link Lesson}, against OM itself: the fold it
 * recomputes from the trace alone must reach every loyal lieutenant's decision, its marks must
 * say what the traitors did, and its tables must be the lecture notes'.
 */
class LessonTest {

  @Test
  void theFoldOfEveryTreeIsTheDecisionOmReached() {
    Gen<Scenario> any = Scenarios.generator().generals(2, 8).anyM().commanderMayBeTraitor(true).build();
    Property.forAll(any).tries(300).describedAs(Fixtures::describe).check(s -> {
      Outcome o = traced(s);
      Lesson lesson = Lesson.of(o);
      for (Lesson.View v : lesson.views()) {
        if (!v.traitor() && !v.decision().equals(Optional.of(v.root().fold().value()))) {
          return false;
        }
      }
      return consistent(s, o, lesson);
    });
  }

  @Test
  void theFoldReachesTheDecisionForReadingsUnderTheMedianToo() {
    Gen<Scenario> readings = Scenarios.generator().generals(3, 8).anyM().majority("median")
        .orders(List.of(Value.number(72), Value.number(-5))).build();
    Property.forAll(readings).tries(150).describedAs(Fixtures::describe).check(s -> {
      Outcome o = traced(s);
      Lesson lesson = Lesson.of(o);
      return lesson.views().stream().allMatch(v -> v.traitor() || v.decision().equals(Optional.of(v.root().fold()
          .value()))) && consistent(s, o, lesson);
    });
  }

  /** Every expected path once, present exactly when a message came, lies only from traitors. */
  private static boolean consistent(Scenario s, Outcome o, Lesson lesson) {
    int lieutenants = s.generals() - 1;
    for (Lesson.View v : lesson.views()) {
      long expected = 0;
      long product = 1;
      for (int k = 0; k < Math.min(s.m(), s.generals() - 2) + 1; k++) {
        product *= k == 0 ? 1 : lieutenants - k;
        expected += product;
      }
      List<Lesson.Heard> paths = v.paths();
      if (paths.size() != expected || paths.stream().map(Lesson.Heard::path).distinct().count() != expected) {
        return false;
      }
      long present = paths.stream().filter(h -> !h.absent()).count();
      if (present != v.received() || present != o.trace().stream().filter(m -> m.to().equals(v.lieutenant())).count()) {
        return false;
      }
      for (Lesson.Heard h : paths) {
        boolean loyalSender = !s.isTraitor(h.from());
        if (h.lie() && loyalSender) {
          return false;
        }
        if (loyalSender && !h.absent() && !h.message().get().value().equals(h.honest())) {
          return false; // a loyal general relays what it used
        }
        if (h.absent() && !h.used().equals(s.fallback())) {
          return false;
        }
      }
    }
    return true;
  }

  @Test
  void lieutenantOnesTwentySixMessagesAsTheNotesDumpThem() {
    // Borovansky's N=7, M=2 dump: the commander orders 0 (RETREAT), lieutenants 3 and 4 lie.
    Scenario s = scripted(7, 2, List.of(3, 4), Value.RETREAT, "0.4>1=ATTACK", "0.4>5=ATTACK", "0.6.3>1=ATTACK",
        "0.2.3>1=ATTACK", "0.5.3>1=ATTACK", "0.2.4>1=ATTACK");
    Lesson.View one = Lesson.of(traced(s)).view(NodeId.of(1)).orElseThrow();

    assertEquals(26, one.paths().size());
    assertEquals(26, one.received());
    assertEquals(List.of("[0 2 3]", "[0 2 4]", "[0 4]", "[0 5 3]", "[0 6 3]"), paths(one.lies()));
    for (Lesson.Heard lie : one.lies()) {
      assertEquals(Value.ATTACK, lie.used());
      assertEquals(Value.RETREAT, lie.honest());
    }
    Lesson.Heard fourFive = one.root().child(NodeId.of(4)).orElseThrow().child(NodeId.of(5)).orElseThrow();
    assertFalse(fourFive.lie(), "5 is loyal: it relays the ATTACK that 4 told it");
    assertEquals(Value.ATTACK, fourFive.used());
    assertEquals(List.of(), one.absent());
    assertEquals(Value.RETREAT, one.root().fold().value());
    assertEquals(Optional.of(Value.RETREAT), one.decision());
    String trace = Traces.render(Lesson.of(traced(s)), Optional.of(NodeId.of(1)));
    assertEquals(27, trace.lines().count(), trace);
    assertTrue(trace.contains("- 1::<- (level=2, value=RETREAT: path [0], others: [2 3 4 5 6]),"
        + " forward to: [2 3 4 5 6]"), trace);
    assertTrue(trace.contains("value=ATTACK: path [0 4], others: [2 3 5 6]), forward to: [2 3 5 6]   [lamport"), trace);
    assertTrue(trace.lines().filter(l -> l.contains("LIE: honest RETREAT")).count() == 5, trace);
    assertTrue(trace.endsWith("  lieutenant 1: 26 messages received, 5 of them lies, none absent; it decides"
        + " RETREAT\n"), trace);
  }

  @Test
  void aTieIsFlaggedAndTheDefaultTaken() {
    // Three generals, a traitor commander: lieutenant 1 hears ATTACK from it and RETREAT from 2.
    Scenario s = scripted(3, 1, List.of(0), Value.ATTACK, "0>2=RETREAT");
    Lesson.View one = Lesson.of(traced(s)).view(NodeId.of(1)).orElseThrow();

    assertTrue(one.root().fold().tie());
    assertEquals(List.of(Value.ATTACK, Value.RETREAT), one.root().fold().votes());
    assertEquals(Value.RETREAT, one.root().fold().value());
    assertTrue(Traces.render(Lesson.of(traced(s)), Optional.of(NodeId.of(1)))
        .contains("=> RETREAT, a tie (1 ATTACK, 1 RETREAT): the default"));
  }

  @Test
  void aSilentTraitorsMessagesAreAbsentAndTheDefaultIsUsed() {
    Scenario s = Scenario.builder(4).traitors(3).strategy(Strategy.SILENT).build();
    Lesson lesson = Lesson.of(traced(s));
    Lesson.View one = lesson.view(NodeId.of(1)).orElseThrow();

    List<Lesson.Heard> absent = one.absent();
    assertEquals(List.of("[0 3]"), paths(absent));
    assertEquals(Value.RETREAT, absent.get(0).used());
    assertEquals(Value.ATTACK, absent.get(0).honest());
    assertTrue(absent.get(0).lie(), "a traitor's silence where a value was due is a lie");
    assertEquals(List.of(Value.ATTACK, Value.ATTACK, Value.RETREAT), one.root().fold().votes());
    String trace = Traces.render(lesson, Optional.of(NodeId.of(1)));
    assertTrue(trace.contains("- 1::<- (level=0, nothing: path [0 3], others: [2]), final   ABSENT: RETREAT used"
        + " (LIE: a traitor's silence; honest ATTACK)"), trace);
  }

  @Test
  void lieutenantFivesTableIsTheScc311Slide() {
    // Slides 19-28: the commander tells lieutenants 1-4 ATTACK and 5-7 RETREAT; lieutenant 1, a
    // traitor too, tells 2-4 it heard ATTACK and 5-7 RETREAT. Under OM(2) lieutenant 5 tables it.
    Scenario s = scripted(8, 2, List.of(0, 1), Value.ATTACK, "0>5=RETREAT", "0>6=RETREAT", "0>7=RETREAT",
        "0.1>5=RETREAT", "0.1>6=RETREAT", "0.1>7=RETREAT");
    Lesson lesson = Lesson.of(traced(s));
    Lesson.View five = lesson.view(NodeId.of(5)).orElseThrow();

    assertEquals(1, five.matrices().size());
    Lesson.Matrix m = five.matrices().get(0);
    assertEquals(List.of(Value.RETREAT, Value.RETREAT, Value.ATTACK, Value.ATTACK, Value.ATTACK, Value.RETREAT,
        Value.RETREAT), m.majorities().stream().map(Lesson.Fold::value).toList());
    assertTrue(m.majorities().get(1).tie(), "lieutenant 1's column: 3 say it told them ATTACK, 3 RETREAT");
    assertEquals(Value.RETREAT, m.result().value());
    assertEquals(7, m.rows().size(), "the direct row, then lieutenants 1, 2, 3, 4, 6 and 7");
    assertEquals(Optional.of(NodeId.of(2)), m.rows().get(2).reporter());
    assertEquals(Optional.empty(), m.rows().get(2).cells().get(2), "2 says nothing about itself");
    assertEquals(Value.ATTACK, m.rows().get(2).cells().get(1).orElseThrow().value(), "2 says 1 told it ATTACK");
    for (Lesson.View v : lesson.views()) {
      if (!v.traitor()) {
        assertEquals(Optional.of(Value.RETREAT), v.decision(), "OM(2) keeps IC1: every loyal lieutenant retreats");
      }
    }
    String table = Traces.matrices(lesson, Optional.of(NodeId.of(5)));
    assertTrue(table.contains("  majority  RETREAT   RETREAT~  ATTACK  ATTACK  ATTACK  RETREAT  RETREAT\n"), table);
    assertTrue(table.contains("  => lieutenant 5 decides RETREAT\n"), table);
  }

  @Test
  void anUntracedRunHasNoLesson() {
    Outcome untraced = Fixtures.run(Scenario.builder(4).build());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Lesson.of(untraced));
    assertTrue(e.getMessage().contains("not traced"), e.getMessage());
  }

  @Test
  void aTraceThatIsNotATreeFromTheCommanderIsRefused() {
    Outcome o = traced(Scenario.builder(4).build());
    List<LogicalMessage> bent = new ArrayList<>(o.trace());
    LogicalMessage first = bent.get(0);
    bent.set(0, new LogicalMessage(first.sentAt(), first.receivedAt(), NodeId.of(2), first.to(), first.round(),
        first.level(), first.value(), List.of(NodeId.of(2)), first.others()));
    Outcome wrong = new Outcome(o.protocol(), o.scenario(), o.guarantee(), o.decisions(), o.undecided(), o.messages(),
        o.frames(), o.bytes(), o.rounds(), o.received(), o.dropped(), bent);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Lesson.of(wrong));
    assertTrue(e.getMessage().contains("does not start with the commander"), e.getMessage());
  }

  private static Scenario scripted(int n, int m, List<Integer> traitors, Value order, String... lies) {
    List<Strategy.Lie> script = new ArrayList<>();
    for (String lie : lies) {
      String[] parts = lie.split("[>=]");
      List<NodeId> path = Arrays.stream(parts[0].split("\\.")).map(id -> NodeId.of(Integer.parseInt(id))).toList();
      script.add(new Strategy.Lie(path, NodeId.of(Integer.parseInt(parts[1])), Optional.of(Value.parse(parts[2]))));
    }
    return Scenario.builder(n).m(m).traitors(traitors.stream().mapToInt(Integer::intValue).toArray()).order(order)
        .strategy(Strategy.scripted(script, Strategy.HONEST)).build();
  }

  private static List<String> paths(List<Lesson.Heard> heard) {
    return heard.stream().map(h -> Traces.ids(h.path())).sorted().toList();
  }
}
