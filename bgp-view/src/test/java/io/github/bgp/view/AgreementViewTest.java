package io.github.bgp.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.bgp.api.Guarantee;
import io.github.bgp.api.NodeId;
import io.github.bgp.api.Outcome;
import io.github.bgp.api.Scenario;
import io.github.bgp.api.Strategy;
import io.github.bgp.api.Value;
import io.github.bgp.sim.teaching.Lesson;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class AgreementViewTest {

  static JsonNode json(RunView view) throws Exception {
    return Json.MAPPER.readTree(view.json());
  }

  /** Every node of a tree, depth first. */
  static List<JsonNode> nodes(JsonNode root) {
    List<JsonNode> all = new ArrayList<>();
    all.add(root);
    root.get("children").forEach(c -> all.addAll(nodes(c)));
    return all;
  }

  @Test
  void eachLoyalLieutenantOfSevenHearsTwentySixMessagesAndItsFoldIsItsDecision() throws Exception {
    Outcome outcome = Runs.om(7, Strategy.RANDOM, 3, 4);
    JsonNode v = json(RunView.agreement(outcome));
    assertEquals("agreement", v.get("kind").asText());
    assertEquals("majority", v.get("rule").asText());
    assertEquals(156, v.get("messages").size());
    assertEquals(3, v.get("rounds").asInt());
    for (NodeId l : outcome.scenario().loyalLieutenants()) {
      JsonNode tree = v.get("trees").get(l.toString());
      assertEquals(26, tree.get("messages").asInt(), "lieutenant " + l);
      assertEquals(26, nodes(tree.get("root")).size(), "the OM(2) tree of 7 generals has 1 + 5 + 20 paths");
      assertEquals(0, tree.get("absent").asInt());
      String decided = outcome.decisions().get(l).value().toString();
      assertEquals(decided, tree.get("decision").asText());
      assertEquals(decided, tree.get("fold").asText(), "the root's fold is the decision");
      assertTrue(tree.get("agrees").asBoolean());
      // The root's children fold to what the run says the lieutenant heard from each.
      for (JsonNode child : tree.get("root").get("children")) {
        NodeId from = NodeId.of(child.get("from").asInt());
        assertEquals(outcome.decisions().get(l).heard().get(from).toString(), child.get("fold").asText());
      }
    }
    // A lie is a traitor's message that differs from what it was told (or its order): recomputed here.
    int lies = 0;
    for (JsonNode m : v.get("messages")) {
      boolean traitor = m.get("from").asInt() == 3 || m.get("from").asInt() == 4;
      assertEquals(traitor, m.has("honest"));
      if (m.get("lie").asBoolean()) {
        lies++;
        assertTrue(traitor);
        assertFalse(m.get("honest").equals(m.get("value")));
      }
    }
    assertTrue(lies > 0, "random traitors lie somewhere in 156 messages");
  }

  @Test
  void theTreesAndTablesAreTheTeachingModelsLesson() throws Exception {
    Outcome outcome = Runs.om(7, Strategy.RANDOM, 3, 4);
    Lesson lesson = Lesson.of(outcome);
    JsonNode v = json(RunView.agreement(outcome));
    for (Lesson.View view : lesson.views()) {
      JsonNode tree = v.get("trees").get(view.lieutenant().toString());
      List<JsonNode> drawn = nodes(tree.get("root"));
      List<Lesson.Heard> paths = view.paths();
      assertEquals(paths.size(), drawn.size());
      for (int i = 0; i < paths.size(); i++) {
        Lesson.Heard h = paths.get(i);
        JsonNode n = drawn.get(i);
        assertEquals(AgreementModel.key(h.path()), n.get("key").asText());
        assertEquals(h.used().toString(), n.get("value").asText());
        assertEquals(h.lie(), n.get("lie").asBoolean());
        assertEquals(h.absent(), n.get("absent").asBoolean());
        assertEquals(h.fold().value().toString(), n.get("fold").asText());
        assertEquals(h.fold().tie(), n.get("tie").asBoolean());
      }
      assertEquals(view.lies().size(), tree.get("lies").asInt());
      JsonNode tables = tree.get("matrices");
      assertEquals(view.matrices().size(), tables.size(), "OM(2): the root's table only");
      Lesson.Matrix root = view.matrices().get(0);
      JsonNode table = tables.get(0);
      assertEquals(root.columns().size(), table.get("columns").size());
      assertEquals(root.rows().size(), table.get("rows").size());
      assertEquals(root.result().value().toString(), table.get("result").asText());
      assertEquals(tree.get("fold").asText(), table.get("result").asText(), "the table's majority is the root's fold");
    }
  }

  @Test
  void aScriptedLieIsMarkedWithTheHonestValueAndNothingElseIs() throws Exception {
    Strategy script = Strategy.scripted(List.of(new Strategy.Lie(List.of(NodeId.of(0)), NodeId.of(3),
        Optional.of(Value.RETREAT))), Strategy.HONEST);
    Scenario s = Scenario.builder(4).traitors(0).strategy(script).build();
    JsonNode v = json(RunView.agreement(Runs.agreement("om", s)));
    List<JsonNode> lies = new ArrayList<>();
    v.get("messages").forEach(m -> {
      if (m.get("lie").asBoolean()) {
        lies.add(m);
      }
    });
    assertEquals(1, lies.size());
    JsonNode lie = lies.get(0);
    assertEquals("0", lie.get("key").asText());
    assertEquals(3, lie.get("to").asInt());
    assertEquals("RETREAT", lie.get("value").asText());
    assertEquals("ATTACK", lie.get("honest").asText());
    // Lieutenant 3 relays RETREAT honestly: its relays carry what it was told, and are no lie.
    v.get("messages").forEach(m -> {
      if (m.get("from").asInt() == 3) {
        assertEquals("RETREAT", m.get("value").asText());
        assertFalse(m.get("lie").asBoolean());
      }
    });
    JsonNode node = v.get("trees").get("3").get("root");
    assertTrue(node.get("lie").asBoolean());
    assertEquals("ATTACK", node.get("honest").asText());
  }

  @Test
  void aSilentTraitorsMessagesAreAbsentAndTheDefaultIsUsed() throws Exception {
    Outcome outcome = Runs.om(4, Strategy.SILENT, 2);
    JsonNode v = json(RunView.agreement(outcome));
    JsonNode absent = v.get("absent");
    assertEquals(2, absent.size(), "lieutenant 2 relays nothing to 1 and to 3");
    TreeSet<Integer> to = new TreeSet<>();
    for (JsonNode a : absent) {
      assertEquals("0.2", a.get("key").asText());
      assertEquals(2, a.get("round").asInt());
      assertEquals("RETREAT", a.get("default").asText());
      to.add(a.get("to").asInt());
    }
    assertEquals(new TreeSet<>(List.of(1, 3)), to);
    JsonNode tree = v.get("trees").get("1");
    assertEquals(1, tree.get("absent").asInt());
    assertEquals(2, tree.get("messages").asInt());
    assertTrue(tree.get("agrees").asBoolean());
    JsonNode silent = tree.get("root").get("children").get(0);
    assertEquals("0.2", silent.get("key").asText());
    assertTrue(silent.get("absent").asBoolean());
    assertEquals("RETREAT", silent.get("value").asText());
  }

  @Test
  void aTieIsFlaggedAndFoldsToTheDefault() throws Exception {
    // Five generals, m = 1, a commander who splits: lieutenants 1 and 3 hear ATTACK, 2 and 4 RETREAT,
    // so each loyal lieutenant folds two ATTACKs against two RETREATs.
    Outcome outcome = Runs.agreement("om", Scenario.builder(5).m(1).traitors(0).strategy(Strategy.SPLIT).build());
    JsonNode v = json(RunView.agreement(outcome));
    for (int l = 1; l <= 4; l++) {
      JsonNode tree = v.get("trees").get(Integer.toString(l));
      JsonNode root = tree.get("root");
      assertTrue(root.get("tie").asBoolean(), "lieutenant " + l);
      assertEquals(4, root.get("votes").size());
      assertEquals("RETREAT", root.get("fold").asText());
      assertEquals(outcome.decisions().get(NodeId.of(l)).value().toString(), root.get("fold").asText());
      assertEquals(1, tree.get("ties").asInt());
    }
  }

  @Test
  void signedMessagesShowTheSetEachLieutenantHoldsAndItsChoice() throws Exception {
    Outcome outcome = Runs.agreement("sm", Scenario.builder(4).traitors(0).strategy(Strategy.SPLIT).build());
    JsonNode v = json(RunView.agreement(outcome));
    assertEquals("choice", v.get("rule").asText());
    for (NodeId l : outcome.scenario().loyalLieutenants()) {
      JsonNode tree = v.get("trees").get(l.toString());
      assertEquals(2, tree.get("set").size(), "a splitting commander's two signed orders reach everyone");
      assertEquals(outcome.decisions().get(l).value().toString(), tree.get("choice").asText());
      assertTrue(tree.get("agrees").asBoolean());
    }
  }

  @Test
  void theStepsGoFromTheOrderThroughEveryRoundAndFoldToTheDecisions() throws Exception {
    JsonNode steps = json(RunView.agreement(Runs.om(7, Strategy.FLIP, 3, 4))).get("steps");
    List<String> kinds = new ArrayList<>();
    steps.forEach(s -> kinds.add(s.get("kind").asText() + (s.has("round") ? s.get("round").asInt()
        : s.has("depth") ? s.get("depth").asInt() : "")));
    assertEquals(List.of("start", "round1", "round2", "round3", "fold1", "fold0", "decide"), kinds);
  }

  @Test
  void framesAreSendsAndReceiptsInCausalOrderAtTheirLamportTimes() throws Exception {
    Outcome outcome = Runs.om(4, Strategy.FLIP, 3);
    JsonNode v = json(RunView.agreement(outcome));
    JsonNode events = v.get("events");
    assertEquals(2 * v.get("frames").size(), events.size());
    assertEquals(outcome.frames(), v.get("frames").size(), "each frame of the run is drawn once");
    for (JsonNode f : v.get("frames")) {
      JsonNode send = events.get(f.get("send").asInt());
      JsonNode receive = events.get(f.get("receive").asInt());
      assertEquals(f.get("send").asInt(), receive.get("cause").asInt());
      assertTrue(f.get("send").asInt() < f.get("receive").asInt());
      assertEquals(f.get("sentAt").asLong(), send.get("lamport").asLong(), "the runtime's Lamport time");
      assertEquals(f.get("receivedAt").asLong(), receive.get("lamport").asLong());
      for (int k = 0; k < 4; k++) {
        assertTrue(receive.get("clock").get(k).asInt() >= send.get("clock").get(k).asInt());
      }
    }
  }

  @Test
  void anUntracedRunIsRefused() {
    Outcome untraced = io.github.bgp.sim.Simulation.run(io.github.bgp.api.Protocols.agreement("om"),
        Scenario.builder(4).build());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RunView.agreement(untraced));
    assertTrue(e.getMessage().contains("not traced"), e.getMessage());
  }

  @Test
  void aRunTooLargeToDrawIsRefusedNamingItsSize() {
    Scenario s = Scenario.builder(2).m(0).build();
    Outcome big = new Outcome("om", s, Guarantee.holds("n/a"), new TreeMap<>(), new TreeSet<>(List.of(NodeId.of(1))),
        RunView.MAX_MESSAGES + 1, 1, 1, 1, new TreeMap<>(), Map.of(), List.of());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RunView.agreement(big));
    assertTrue(e.getMessage().contains("20,001"), e.getMessage());
  }

  @Test
  void theCommandThatMadeItIsKeptBesideTheRun() throws Exception {
    RunView v = RunView.agreement(Runs.om(4, Strategy.FLIP, 3));
    assertFalse(json(v).has("command"));
    assertEquals("bgp om -n 4 -t 3 -s flip", json(v.command("bgp om -n 4 -t 3 -s flip")).get("command").asText());
    assertEquals("OM(1) with 4 generals, traitor lieutenant 3", v.title());
  }
}
