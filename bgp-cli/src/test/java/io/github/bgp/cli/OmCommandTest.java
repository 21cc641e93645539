package io.github.bgp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class OmCommandTest {

  private static final String[] SEVEN_WITH_TWO_TRAITORS = {"om", "--generals", "7", "--traitors", "3,4"};

  @Test
  void tableShowsEveryGeneralTheMessagesAndBothConditions() {
    Cli.Result r = Cli.run(SEVEN_WITH_TWO_TRAITORS);

    assertEquals(0, r.exit(), r.err());
    assertEquals("", r.err());
    List<String> lines = r.outLines();
    assertTrue(lines.get(0).startsWith("OM(2) with 7 generals (seed 1): the commander orders ATTACK"), lines.get(0));
    assertEquals("traitors: lieutenants 3 and 4 (strategy random)", lines.get(1));
    assertTrue(row(lines, "commander 0").matches("commander 0\\s+-\\s+-\\s+0"), row(lines, "commander 0"));
    for (int loyal : new int[] {1, 2, 5, 6}) {
      String row = row(lines, "lieutenant " + loyal + " ");
      assertTrue(row.matches("lieutenant " + loyal + "\\s+C:ATTACK( L\\d:(ATTACK|RETREAT)){5}\\s+ATTACK\\s+26"), row);
      assertFalse(row.contains("L" + loyal + ":"), "a lieutenant does not hear from itself: " + row);
    }
    for (int traitor : new int[] {3, 4}) {
      String row = row(lines, "lieutenant " + traitor + " ");
      assertTrue(row.matches("lieutenant " + traitor + " \\(traitor\\)\\s+-\\s+-\\s+26"), row);
    }
    assertTrue(r.out().contains("156 logical messages"), r.out());
    assertTrue(r.out().contains("each lieutenant received 26"), r.out());
    assertTrue(lines.contains("rounds     3"), r.out());
    assertTrue(r.out().contains("guarantee  guaranteed: n=7 > 3m=6 and 2 traitors <= m=2"), r.out());
    assertTrue(lines.contains("IC1 held: every loyal lieutenant decided ATTACK"), r.out());
    assertTrue(lines.contains("IC2 held: the commander is loyal and every loyal lieutenant decided its order ATTACK"),
        r.out());
  }

  @Test
  void tableColumnsAreAligned() {
    List<String> lines = Cli.run(SEVEN_WITH_TWO_TRAITORS).outLines();
    int header = lines.indexOf(lines.stream().filter(l -> l.startsWith("general ")).findFirst().orElseThrow());
    String head = lines.get(header);
    int heard = head.indexOf("heard");
    int decided = head.indexOf("decided");
    for (int i = header + 2; i < header + 2 + 7; i++) {
      String row = lines.get(i);
      assertEquals(' ', row.charAt(heard - 1), row);
      assertTrue(row.charAt(heard) != ' ', row);
      assertTrue(row.charAt(decided) != ' ', row);
      assertEquals(head.length(), row.length(), "the received column ends every row at the same place: " + row);
    }
  }

  @Test
  void jsonHasTheContractsKeysAndTypes() throws Exception {
    Cli.Result r = Cli.run("om", "--generals", "7", "--traitors", "3,4", "--json");

    assertEquals(0, r.exit(), r.err());
    assertEquals(1, r.outLines().size(), "one line: " + r.out());
    JsonNode j = Json.MAPPER.readTree(r.out());
    assertEquals(List.of("protocol", "generals", "m", "traitors", "order", "strategy", "lies", "seed", "majority",
        "guaranteed", "guarantee", "decisions", "undecided", "ic1", "ic2", "messages", "evaluated", "frames", "bytes", "rounds",
        "received", "dropped", "heard", "signatures", "rejected", "counters", "evidence"), fieldNames(j));
    assertEquals("om", j.get("protocol").textValue());
    assertEquals(7, j.get("generals").intValue());
    assertEquals(2, j.get("m").intValue());
    assertEquals(List.of(3, 4), ints(j.get("traitors")));
    assertEquals("ATTACK", j.get("order").textValue());
    assertEquals("random", j.get("strategy").textValue());
    assertEquals("{}", j.get("lies").toString());
    assertTrue(j.get("seed").isIntegralNumber());
    assertEquals(1, j.get("seed").longValue());
    assertEquals("default", j.get("majority").textValue());
    assertTrue(j.get("guaranteed").booleanValue());
    assertTrue(j.get("guarantee").textValue().contains("OM(2) guarantees IC1 and IC2"));
    assertEquals(List.of("1", "2", "5", "6"), fieldNames(j.get("decisions")));
    j.get("decisions").forEach(v -> assertEquals("ATTACK", v.textValue()));
    assertTrue(j.get("ic1").isBoolean() && j.get("ic1").booleanValue());
    assertTrue(j.get("ic2").isBoolean() && j.get("ic2").booleanValue());
    assertTrue(j.get("messages").isIntegralNumber());
    assertEquals(156, j.get("messages").longValue());
    assertEquals(3, j.get("rounds").intValue());
    assertTrue(j.get("frames").longValue() > 0);
    assertTrue(j.get("bytes").longValue() > 0);
    assertEquals(26, j.get("received").get("1").longValue());
    assertTrue(j.get("dropped").isObject());
    JsonNode heard = j.get("heard").get("1");
    assertEquals(List.of("0", "2", "3", "4", "5", "6"), fieldNames(heard));
    assertEquals("ATTACK", heard.get("0").textValue());
    assertFalse(j.has("trace"));
  }

  @Test
  void numericOrdersAreJsonNumbers() throws Exception {
    Cli.Result r = Cli.run("om", "--generals", "7", "--traitors", "1,2", "--order", "20", "--majority", "median",
        "--strategy", "split", "--json");

    assertEquals(0, r.exit(), r.err());
    JsonNode j = Json.MAPPER.readTree(r.out());
    assertTrue(j.get("order").isIntegralNumber());
    assertEquals(20, j.get("order").longValue());
    assertEquals("median", j.get("majority").textValue());
    j.get("decisions").forEach(v -> assertEquals(20, v.longValue(), "IC2 with a loyal commander: " + j));
    assertTrue(j.get("decisions").get("3").isIntegralNumber());
  }

  @Test
  void negativeNumbersAreValuesNotOptions() throws Exception {
    Cli.Result r = Cli.run("om", "--generals", "4", "--order", "-5", "--seed", "-3", "--json");

    assertEquals(0, r.exit(), r.err());
    JsonNode j = Json.MAPPER.readTree(r.out());
    assertEquals(-5, j.get("order").longValue());
    assertEquals(-3, j.get("seed").longValue());
  }

  @Test
  void traceAddsTheSeedStyleLines() {
    Cli.Result r = Cli.run("om", "--generals", "4", "--traitors", "0", "--strategy", "split", "--trace");

    assertEquals(0, r.exit(), r.err());
    List<String> lines = r.outLines();
    int trace = lines.indexOf("trace:");
    assertTrue(trace > 0, r.out());
    assertEquals("0::<- (level=2, value=ATTACK: path [], others: [1 2 3]), forward to: [1 2 3]   (a traitor)",
        lines.get(trace + 1));
    assertTrue(lines.stream().anyMatch(l -> l.matches(
        "- 2::<- \\(level=1, value=RETREAT: path \\[0\\], others: \\[1 3\\]\\), forward to: \\[1 3\\]"
            + "   \\[lamport \\d+ -> \\d+\\]"
            + "   LIE: honest ATTACK   => ATTACK")),
        r.out());
    assertTrue(lines.stream().anyMatch(l -> l.startsWith("  - 1::<- (level=0, value=RETREAT: path [0 2], others: [3]), final")),
        r.out());
    assertEquals(1 + 9 + 3, lines.size() - trace - 1,
        "the commander's line, one per logical message and a count after each lieutenant's: " + r.out());
    assertTrue(r.out().contains("IC2 holds vacuously: the commander is a traitor"), r.out());
  }

  @Test
  void jsonTraceListsEveryLogicalMessage() throws Exception {
    Cli.Result r = Cli.run("om", "--generals", "7", "--traitors", "3,4", "--json", "--trace");

    JsonNode j = Json.MAPPER.readTree(r.out());
    JsonNode trace = j.get("trace");
    assertEquals(j.get("messages").longValue(), trace.size());
    JsonNode first = trace.get(0);
    assertEquals(List.of("from", "to", "round", "level", "value", "path", "others", "sentAt", "receivedAt", "honest",
        "lie"), fieldNames(first));
    assertEquals(0, first.get("from").intValue());
    assertEquals(1, first.get("round").intValue());
    assertEquals(List.of(0), ints(first.get("path")));
    assertTrue(first.get("sentAt").longValue() < first.get("receivedAt").longValue());
  }

  @Test
  void mDefaultsToTheLargestTolerable() throws Exception {
    assertEquals(3, Json.MAPPER.readTree(Cli.run("om", "--generals", "10", "--json").out()).get("m").intValue());
    assertEquals(0, Json.MAPPER.readTree(Cli.run("om", "--generals", "3", "--json").out()).get("m").intValue());
  }

  @Test
  void aViolationIsReportedAsSuch() {
    Cli.Result r = Cli.run("om", "--generals", "3", "--m", "1", "--traitors", "2", "--strategy", "flip", "--seed", "0");

    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().contains("guarantee  no guarantee: n=3 is not more than 3m=3"), r.out());
    assertTrue(r.outLines().contains("IC2 violated: the loyal commander ordered ATTACK but lieutenant 1 decided RETREAT"),
        r.out());
  }

  @Test
  void protocolsListsOm() {
    Cli.Result r = Cli.run("protocols");

    assertEquals(0, r.exit(), r.err());
    assertTrue(r.outLines().stream().anyMatch(l -> l.matches("om\\s+agreement\\s+evaluator\\s+OM\\(m\\), oral messages.*")),
        r.out());
  }

  @Test
  void helpExplainsTheAlgorithm() {
    Cli.Result root = Cli.run("--help");
    assertEquals(0, root.exit());
    assertTrue(root.out().contains("Usage: bgp"), root.out());
    assertTrue(root.out().contains("om "), root.out());
    assertTrue(root.out().contains("protocols"), root.out());

    Cli.Result om = Cli.run("om", "--help");
    assertEquals(0, om.exit());
    for (String topic : List.of("Usage: bgp om", "OM(m), m > 0", "Theorem 1", "IC1", "IC2", "--generals", "--traitors",
        "--strategy", "flip", "split", "silent", "random", "honest", "median", "--scenarios", "--search", "--tries",
        "bgp om --generals 7 --traitors 3,4")) {
      assertTrue(om.out().contains(topic), "help mentions " + topic);
    }
    assertTrue(om.outLines().stream().allMatch(l -> l.length() <= 80), "help fits 80 columns");
  }

  @Test
  void versionNamesTheProgram() {
    Cli.Result r = Cli.run("--version");

    assertEquals(0, r.exit());
    assertTrue(r.outLines().get(0).matches("bgp \\d+\\.\\d+\\.\\d+\\S*"), r.out());
  }

  private static String row(List<String> lines, String start) {
    return lines.stream().filter(l -> l.startsWith(start)).findFirst().orElseThrow(() -> new AssertionError(
        "no row starting with '" + start + "' in\n" + String.join("\n", lines)));
  }

  static List<String> fieldNames(JsonNode o) {
    List<String> names = new ArrayList<>();
    o.properties().forEach(e -> names.add(e.getKey()));
    return names;
  }

  static List<Integer> ints(JsonNode array) {
    List<Integer> out = new ArrayList<>();
    array.forEach(n -> out.add(n.intValue()));
    return out;
  }
}
