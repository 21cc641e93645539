package io.github.bgp.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.bgp.api.Strategy;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The ShiViz export's shape, as ShiViz reads it: the parser's expression on the first line, the
 * executions' delimiter (none) on the second, then events the expression parses, each with a
 * vector clock in which the host's own entry counts its events from 1 and no entry names an
 * event its host has not had yet; a receipt's clock is at least its send's.
 */
class ShiVizTest {

  record Entry(String host, Map<String, Integer> clock, String event) {}

  static List<Entry> parse(String log) throws Exception {
    String[] lines = log.split("\n", 3);
    assertEquals(ShiViz.REGEX, lines[0]);
    assertEquals("", lines[1], "one execution: no delimiter");
    Matcher m = Pattern.compile(lines[0]).matcher(lines[2]);
    List<Entry> entries = new ArrayList<>();
    int end = 0;
    while (m.find()) {
      assertEquals(end, m.start(), "nothing between entries: " + lines[2].substring(end, m.start()));
      Map<String, Integer> clock = new HashMap<>();
      JsonNode c = Json.MAPPER.readTree(m.group("clock"));
      c.fields().forEachRemaining(f -> clock.put(f.getKey(), f.getValue().asInt()));
      entries.add(new Entry(m.group("host"), clock, m.group("event")));
      end = m.end() + 1;
    }
    assertEquals(lines[2].length(), end, "the expression parses the whole log");
    return entries;
  }

  static void checkClocks(List<Entry> entries) {
    Map<String, Integer> seen = new HashMap<>();
    for (Entry e : entries) {
      int own = seen.merge(e.host(), 1, Integer::sum);
      assertEquals(own, e.clock().get(e.host()), "the host's own entry counts its events: " + e);
      e.clock().forEach((host, n) -> {
        assertTrue(n >= 1, "entries of 0 are left out: " + e);
        assertTrue(n <= seen.getOrDefault(host, 0), "no entry names an event its host has not had: " + e);
      });
    }
  }

  static boolean before(Map<String, Integer> a, Map<String, Integer> b) {
    return a.entrySet().stream().allMatch(x -> b.getOrDefault(x.getKey(), 0) >= x.getValue()) && !a.equals(b);
  }

  @Test
  void anAgreementRunsFramesBecomeSendsAndReceiptsWithVectorClocks() throws Exception {
    RunView v = RunView.agreement(Runs.om(4, Strategy.SPLIT, 0));
    List<Entry> entries = parse(v.shiviz());
    JsonNode json = Json.MAPPER.readTree(v.json());
    assertEquals(2 * json.get("frames").size(), entries.size());
    checkClocks(entries);
    assertTrue(entries.get(0).event().startsWith("sends round 1 to lieutenant"), entries.get(0).toString());
    assertEquals("commander", entries.get(0).host());
    // Each receipt happened after its send, and the commander's first three sends before all else.
    JsonNode events = json.get("events");
    for (int i = 0; i < events.size(); i++) {
      if (events.get(i).has("cause")) {
        assertTrue(before(entries.get(events.get(i).get("cause").asInt()).clock(), entries.get(i).clock()));
      }
    }
    // Two lieutenants' relays in round 2 are concurrent: neither clock is before the other.
    Entry a = find(entries, "lieutenant1", "sends round 2");
    Entry b = find(entries, "lieutenant2", "sends round 2");
    assertFalse(before(a.clock(), b.clock()));
    assertFalse(before(b.clock(), a.clock()));
  }

  private static Entry find(List<Entry> entries, String host, String prefix) {
    return entries.stream().filter(e -> e.host().equals(host) && e.event().startsWith(prefix)).findFirst()
        .orElseThrow();
  }

  @Test
  void aCommitRunWithACrashExportsEveryEventOfEveryNode() throws Exception {
    RunView v = Runs.commit(Runs.defaultWorkload(3, 3), Runs.crashAfter(0, 5, 100));
    List<Entry> entries = parse(v.shiviz());
    checkClocks(entries);
    assertEquals(Json.MAPPER.readTree(v.json()).get("events").size(), entries.size());
    assertTrue(entries.stream().anyMatch(e -> e.host().equals("coordinator") && e.event().startsWith("crashes just after")));
    assertTrue(entries.stream().anyMatch(e -> e.host().equals("coordinator") && e.event().startsWith("restarts")));
    assertTrue(entries.stream().allMatch(e -> e.host().matches("coordinator|participant[1-3]")));
  }
}
