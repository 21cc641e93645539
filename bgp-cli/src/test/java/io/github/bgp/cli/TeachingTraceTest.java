package io.github.bgp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** --trace marked for teaching, --only, --matrix, and the same facts in the JSON. */
class TeachingTraceTest {

  private static final String[] SILENT_THREE = {"om", "--generals", "4", "--traitors", "3", "--strategy", "silent"};

  @Test
  void onlyShowsOneLieutenantsMessagesAndItsCount() {
    Cli.Result r = Cli.run("om", "--generals", "7", "--traitors", "3,4", "--trace", "--only", "1");

    assertEquals(0, r.exit(), r.err());
    String trace = r.out().substring(r.out().indexOf("trace of lieutenant 1:\n") + "trace of lieutenant 1:\n".length());
    List<String> lines = trace.lines().toList();
    assertEquals(27, lines.size(), trace);
    assertTrue(lines.subList(0, 26).stream().allMatch(l -> l.strip().startsWith("- 1::<- (level=")), trace);
    assertTrue(lines.get(26).startsWith("  lieutenant 1: 26 messages received, "), trace);
    assertFalse(trace.contains("0::<-"), "no commander line: only lieutenant 1's messages");
  }

  @Test
  void absentMessagesShowTheDefaultUsed() {
    List<String> args = new ArrayList<>(List.of(SILENT_THREE));
    args.add("--trace");
    Cli.Result r = Cli.run(args.toArray(new String[0]));

    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().contains("  - 1::<- (level=0, nothing: path [0 3], others: [2]), final   ABSENT: RETREAT used"
        + " (LIE: a traitor's silence; honest ATTACK)\n"), r.out());
    assertTrue(r.out().contains("  lieutenant 1: 2 messages received, no lies, 1 absent (the default RETREAT used); it"
        + " decides ATTACK\n"), r.out());
  }

  @Test
  void jsonCarriesTheMarksTheTreesAndTheTablesAsFields() throws Exception {
    List<String> args = new ArrayList<>(List.of(SILENT_THREE));
    args.addAll(List.of("--trace", "--matrix", "--json"));
    Cli.Result r = Cli.run(args.toArray(new String[0]));

    assertEquals(0, r.exit(), r.err());
    JsonNode j = Json.MAPPER.readTree(r.out());
    for (JsonNode m : j.get("trace")) {
      assertEquals(m.get("value"), m.get("honest"), "the only traitor says nothing, so no message lies: " + m);
      assertFalse(m.get("lie").booleanValue());
    }
    JsonNode one = j.get("trees").get("1");
    assertEquals(List.of("traitor", "decision", "received", "lies", "absent", "paths"), OmCommandTest.fieldNames(one));
    assertEquals("ATTACK", one.get("decision").asText());
    assertEquals(3, one.get("paths").size());
    JsonNode silence = one.get("paths").get(2);
    assertEquals("[0,3]", silence.get("path").toString());
    assertTrue(silence.get("absent").booleanValue());
    assertTrue(silence.get("value").isNull());
    assertEquals("RETREAT", silence.get("used").asText());
    assertEquals("ATTACK", silence.get("honest").asText());
    assertTrue(silence.get("lie").booleanValue());
    JsonNode root = one.get("paths").get(0);
    assertEquals("[\"ATTACK\",\"ATTACK\",\"RETREAT\"]", root.get("fold").get("votes").toString());
    assertEquals("ATTACK", root.get("fold").get("value").asText());
    assertTrue(j.get("trees").get("3").get("traitor").booleanValue());
    assertTrue(j.get("trees").get("3").get("decision").isNull());
    JsonNode table = j.get("matrices").get("1").get(0);
    assertEquals(List.of("path", "columns", "rows", "majorities", "result"), OmCommandTest.fieldNames(table));
    assertEquals("[{\"label\":\"C\",\"path\":[0]},{\"label\":\"L2\",\"path\":[0,2]},{\"label\":\"L3\",\"path\":[0,3]}]",
        table.get("columns").toString());
    assertTrue(table.get("rows").get(0).get("cells").get(2).get("absent").booleanValue());
    assertEquals("ATTACK", table.get("result").get("value").asText());
    assertFalse(j.get("matrices").has("3"), "a traitor's table only when --only names it");
  }

  @Test
  void onlyNarrowsTheJsonToo() throws Exception {
    Cli.Result r = Cli.run("om", "--generals", "7", "--traitors", "3,4", "--trace", "--matrix", "--only", "5",
        "--json");

    JsonNode j = Json.MAPPER.readTree(r.out());
    assertEquals(26, j.get("trace").size());
    for (JsonNode m : j.get("trace")) {
      assertEquals(5, m.get("to").asInt());
    }
    assertEquals(List.of("5"), OmCommandTest.fieldNames(j.get("trees")));
    assertEquals(List.of("5"), OmCommandTest.fieldNames(j.get("matrices")));
  }

  @Test
  void theMatrixIsTheSlidesTableWithTheDecision() {
    Cli.Result r = Cli.run("om", "--generals", "7", "--traitors", "3,4", "--matrix", "--only", "1");

    assertEquals(0, r.exit(), r.err());
    String out = r.out();
    assertTrue(out.contains("the table of lieutenant 1:\nlieutenant 1: paths [0] (column C) and [0 j] (column Lj)\n"),
        out);
    assertTrue(out.contains("\n            C       L2"), out);
    assertTrue(out.contains("\n  L6 says   -  "), out);
    assertTrue(out.contains("\n  => lieutenant 1 decides ATTACK\n"), out);
    assertFalse(out.contains("\ntrace"), "--matrix alone prints no trace");
  }

  @Test
  void smTracesCanBeNarrowedButHaveNoMatrix() {
    Cli.Result r = Cli.run("sm", "--generals", "4", "--traitors", "0", "--strategy", "split", "--trace", "--only", "2");

    assertEquals(0, r.exit(), r.err());
    String trace = r.out().substring(r.out().indexOf("trace of lieutenant 2:"));
    assertTrue(trace.lines().skip(2).allMatch(l -> l.strip().startsWith("- 2::<-")), trace);
    Cli.Result m = Cli.run("sm", "--generals", "4", "--matrix");
    assertEquals(2, m.exit());
    assertTrue(m.err().startsWith("bgp: --matrix draws the tables of a protocol whose lieutenants relay every value"
        + " along every path, as om does; sm does not"), m.err());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "--only 1                              | bgp: --only narrows --trace or --matrix to one lieutenant; give one of"
          + " them",
      "--trace --only 0                      | bgp: --only 0 is not a lieutenant: the lieutenants are 1..3",
      "--trace --only 4                      | bgp: --only 4 is not a lieutenant: the lieutenants are 1..3",
      "--matrix --evaluate                   | bgp: --evaluate sends no messages, so there is nothing to --matrix",
      "--matrix --transport tcp              | bgp: --transport tcp runs scenarios as they are, untraced; it does not"
          + " go with --matrix",
  })
  void badTeachingOptionsAreOneLine(String args, String message) {
    List<String> all = new ArrayList<>(List.of("om", "--generals", "4"));
    all.addAll(List.of(args.split(" ")));
    Cli.Result r = Cli.run(all.toArray(new String[0]));

    assertEquals(2, r.exit(), r.out());
    assertEquals(1, r.errLines().size(), r.err());
    assertTrue(r.err().startsWith(message), r.err());
  }

  @Test
  void scenarioFilesTakeTracesButNotTables() throws Exception {
    Cli.Result r = Cli.runWithInput("{\"generals\": 4, \"traitors\": [3], \"strategy\": \"silent\"}\n", "om",
        "--scenarios", "-", "--trace");
    assertEquals(0, r.exit(), r.err());
    assertTrue(Json.MAPPER.readTree(r.out()).get("trees").get("1").get("paths").get(2).get("absent").booleanValue());

    Cli.Result m = Cli.runWithInput("{\"generals\": 4}\n", "om", "--scenarios", "-", "--matrix");
    assertEquals(2, m.exit());
    assertTrue(m.err().contains("--matrix and --only show one scenario"), m.err());
  }
}
