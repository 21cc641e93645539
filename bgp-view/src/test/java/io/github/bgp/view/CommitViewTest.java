package io.github.bgp.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.bgp.api.CommitScenario;
import io.github.bgp.api.Protocols;
import io.github.bgp.sim.Faults;
import io.github.bgp.sim.Simulation;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CommitViewTest {

  private static JsonNode json(RunView v) throws Exception {
    return Json.MAPPER.readTree(v.json());
  }

  private static List<JsonNode> of(JsonNode events, String type) {
    List<JsonNode> found = new ArrayList<>();
    events.forEach(e -> {
      if (e.get("type").asText().equals(type)) {
        found.add(e);
      }
    });
    return found;
  }

  @Test
  void aCoordinatorThatCrashesInWaitRecoversFromItsLogAndAborts() throws Exception {
    JsonNode v = json(Runs.commit(Runs.defaultWorkload(3, 3), Runs.crashAfter(0, 5, 100)));
    JsonNode events = v.get("events");
    List<JsonNode> crashes = of(events, "crash");
    assertEquals(1, crashes.size());
    assertEquals(0, crashes.get(0).get("node").asInt());
    assertEquals(2, crashes.get(0).get("time").asLong());
    List<JsonNode> restarts = of(events, "restart");
    assertEquals(1, restarts.size());
    JsonNode restart = restarts.get(0);
    assertEquals(102, restart.get("time").asLong());
    JsonNode recovered = restart.get("recovered");
    assertEquals(2, recovered.get("records").asInt(), "BEGIN txn 1 and BEGIN txn 2 were forced before the crash");
    assertEquals("[\"BEGIN\"]", recovered.get("txns").get("2").get("records").toString());
    assertEquals("WAIT", recovered.get("txns").get("2").get("state").asText());
    boolean abortedOnRecovery = false;
    for (JsonNode s : of(events, "state")) {
      if (s.get("node").asInt() == 0 && s.get("time").asLong() == 102 && s.get("txn").asLong() == 2) {
        assertEquals("WAIT", s.get("fields").get("from").asText());
        assertEquals("ABORT", s.get("fields").get("to").asText());
        abortedOnRecovery = true;
      }
    }
    assertTrue(abortedOnRecovery);
    // The participants' votes of txn 1 went to a coordinator that was down: never received.
    for (JsonNode send : of(events, "send")) {
      if (send.get("time").asLong() == 2 && send.get("to").asInt() == 0) {
        assertTrue(send.get("lost").asBoolean(), send.toString());
      }
      if (send.get("time").asLong() == 0) {
        assertFalse(send.get("lost").asBoolean(), "VOTE-REQ txn 1 reached every participant: " + send);
      }
    }
    assertTrue(v.get("atomic").asBoolean());
    assertEquals(v.get("instants").size(), new java.util.TreeSet<>(times(events)).size());
  }

  private static List<Long> times(JsonNode events) {
    List<Long> t = new ArrayList<>();
    events.forEach(e -> t.add(e.get("time").asLong()));
    return t;
  }

  @Test
  void everyReceiptIsTiedToAnEarlierSendOfTheSameMessageAndEverySendIsReceivedOrLost() throws Exception {
    Faults faults = new Faults(0.2, 0.2, 3, List.of());
    JsonNode v = json(Runs.commit(Runs.defaultWorkload(3, 4), faults));
    JsonNode events = v.get("events");
    int receipts = 0;
    int duplicates = 0;
    for (int i = 0; i < events.size(); i++) {
      JsonNode e = events.get(i);
      if (!e.get("type").asText().equals("message")) {
        continue;
      }
      assertTrue(e.has("cause"), "every message received was sent: " + e);
      int cause = e.get("cause").asInt();
      assertTrue(cause < i);
      JsonNode send = events.get(cause);
      assertEquals("send", send.get("type").asText());
      assertEquals(e.get("from").asInt(), send.get("node").asInt());
      assertEquals(e.get("node").asInt(), send.get("to").asInt());
      assertEquals(e.get("what").asText(), send.get("what").asText());
      assertTrue(send.get("time").asLong() < e.get("time").asLong());
      assertFalse(send.get("lost").asBoolean());
      receipts++;
      duplicates += e.get("duplicate").asBoolean() ? 1 : 0;
    }
    int lost = 0;
    for (JsonNode s : of(events, "send")) {
      lost += s.get("lost").asBoolean() ? 1 : 0;
      assertEquals(s.get("lost").asBoolean(), !s.has("receipts"));
    }
    assertTrue(lost > 0, "a fifth of the messages are lost");
    assertTrue(duplicates > 0, "a fifth arrive twice");
    assertTrue(receipts > 0);
  }

  @Test
  void anUntracedRunIsRefused() {
    CommitScenario s = Runs.defaultWorkload(2, 1);
    Simulation.CommitRun run = Simulation.builder().build().run(Protocols.commit("2pc"), s, Simulation.scripted(s));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> RunView.commit(Protocols.commit("2pc"), s, Faults.NONE, run));
    assertTrue(e.getMessage().contains("not traced"), e.getMessage());
  }

  @Test
  void theTwoGeneralsShowEveryDisagreementTheSearchFoundAsATimeline() throws Exception {
    JsonNode v = json(Runs.twoGenerals("acks", 3));
    assertEquals("two-generals", v.get("kind").asText());
    assertEquals(3, v.get("protocols").size());
    JsonNode acks3 = v.get("protocols").get(2);
    assertEquals("acks(3)", acks3.get("name").asText());
    JsonNode t = acks3.get("timelines").get(0);
    assertEquals("..x", t.get("pattern").asText());
    assertEquals(3, t.get("crossings").size());
    assertFalse(t.get("crossings").get(2).get("delivered").asBoolean());
    assertTrue(t.get("A").get("attacks").asBoolean() != t.get("B").get("attacks").asBoolean());
    assertFalse(Runs.twoGenerals("acks", 1).hasEvents());
    assertThrows(IllegalArgumentException.class, () -> RunView.twoGenerals(List.of()));
  }
}
