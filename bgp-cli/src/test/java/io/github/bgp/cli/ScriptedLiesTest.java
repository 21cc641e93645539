package io.github.bgp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.bgp.api.NodeId;
import io.github.bgp.api.Scenario;
import io.github.bgp.api.Strategy;
import io.github.bgp.api.Value;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** --lie, --strategy per traitor, "lies" in scenario files, and --search's replay. */
class ScriptedLiesTest {

  @TempDir
  Path dir;

  @Test
  void aLieIsReadAndWrittenInOneForm() {
    Strategy.Lie lie = LieSpecs.parse("0.4>2=attack");
    assertEquals(List.of(NodeId.of(0), NodeId.of(4)), lie.path());
    assertEquals(NodeId.of(2), lie.to());
    assertEquals(Optional.of(Value.ATTACK), lie.value());
    assertEquals("0.4>2=ATTACK", LieSpecs.spec(lie));
    assertEquals(Optional.empty(), LieSpecs.parse(" 0 > 3 = none ").value());
    assertEquals("0>3=none", LieSpecs.spec(LieSpecs.parse("0>3=NONE")));
    assertEquals(Optional.of(Value.number(-20)), LieSpecs.parse("0.1.2>5=-20").value());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "0>3                 | is not of the form PATH>TO=VALUE",
      "0-3=ATTACK          | is not of the form PATH>TO=VALUE",
      "1>3=ATTACK          | a path starts with the commander, 0",
      "0.2.2>3=ATTACK      | general 2 is on its path twice",
      "0.2>2=ATTACK        | general 2 is on the path already",
      "0.2>0=ATTACK        | the commander receives no message",
      "0>3=maybe           | not a value: 'maybe'",
  })
  void aMalformedLieIsNamedWithItsProblem(String spec, String problem) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LieSpecs.parse(spec));
    assertTrue(e.getMessage().startsWith("lie '" + spec + "'"), e.getMessage());
    assertTrue(e.getMessage().contains(problem), e.getMessage());
  }

  @Test
  void theCommandersLieReachesOnlyItsRecipient() throws Exception {
    JsonNode j = json("om", "--generals", "4", "--traitors", "0", "--strategy", "honest", "--lie", "0>3=RETREAT",
        "--trace", "--json");

    Map<String, String> fromCommander = new HashMap<>();
    for (JsonNode m : j.get("trace")) {
      if (m.get("path").size() == 1) {
        fromCommander.put(m.get("to").asText(), m.get("value").asText());
      }
    }
    assertEquals(Map.of("1", "ATTACK", "2", "ATTACK", "3", "RETREAT"), fromCommander);
    assertEquals("honest", j.get("strategy").asText());
    assertEquals("RETREAT", j.get("lies").get("0>3").asText());
  }

  @Test
  void aRelayedLieAndSilenceAreTold() throws Exception {
    JsonNode j = json("om", "--generals", "5", "--m", "1", "--traitors", "4", "--strategy", "honest",
        "--lie", "0.4>1=RETREAT", "--lie", "0.4>2=none", "--trace", "--json");

    Map<String, String> fromFour = new HashMap<>();
    for (JsonNode m : j.get("trace")) {
      if (m.get("from").asInt() == 4) {
        fromFour.put(m.get("to").asText(), m.get("value").asText());
      }
    }
    assertEquals(Map.of("1", "RETREAT", "3", "ATTACK"), fromFour, "2 hears nothing from 4");
    assertTrue(j.get("lies").get("0.4>2").isNull());
  }

  @Test
  void eachTraitorFollowsItsOwnStrategy() throws Exception {
    JsonNode j = json("om", "--generals", "7", "--traitors", "3,4", "--strategy", "3=flip,4=silent", "--trace",
        "--json");

    long fromFour = 0;
    for (JsonNode m : j.get("trace")) {
      if (m.get("from").asInt() == 3 && !m.get("path").toString().contains("4")) {
        assertEquals("RETREAT", m.get("value").asText(), "3 flips every ATTACK it relays: " + m);
      }
      if (m.get("from").asInt() == 4) {
        fromFour++;
      }
    }
    assertEquals(0, fromFour, "4 is silent");
    assertEquals("3=flip,4=silent", j.get("strategy").asText());
  }

  @Test
  void aBareNameIsTheStrategyOfTheTraitorsNotNamed() {
    Scenario s = new ScenarioSettings(7, null, List.of(3, 4, 5), null, "3=flip,split", null, null).build();
    assertEquals(Strategy.FLIP, s.adversary().strategy(NodeId.of(3)));
    assertEquals(Strategy.SPLIT, s.adversary().strategy(NodeId.of(4)));
    assertEquals(Strategy.SPLIT, s.adversary().strategy(NodeId.of(5)));
    assertEquals("3=flip,split", LieSpecs.script(s.strategy()).strategy());
  }

  @Test
  void liesOverARandomStrategyLeaveItsOtherMessagesAlone() throws Exception {
    JsonNode plain = json("om", "--generals", "7", "--traitors", "3,4", "--trace", "--json");
    JsonNode lied = json("om", "--generals", "7", "--traitors", "3,4", "--lie", "0.3>1=ATTACK", "--trace", "--json");

    int differ = 0;
    for (int i = 0; i < plain.get("trace").size(); i++) {
      JsonNode a = plain.get("trace").get(i);
      JsonNode b = lied.get("trace").get(i);
      assertEquals(a.get("path"), b.get("path"));
      if (!a.get("value").equals(b.get("value"))) {
        differ++;
        assertEquals("[0,3]", a.get("path").toString());
        assertEquals(1, a.get("to").asInt());
      }
    }
    assertTrue(differ <= 1, "only the scripted message may differ, " + differ + " did");
    assertEquals("ATTACK", find(lied.get("trace"), "[0,3]", 1).get("value").asText());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "-t 3 --lie 0.2>1=ATTACK                 | bgp: lie '0.2>1=ATTACK': lieutenant 2 tells it but is not a traitor"
          + " (the traitors are 3)",
      "--lie 0>1=ATTACK                        | bgp: lie '0>1=ATTACK': commander 0 tells it but is not a traitor"
          + " (there are none)",
      "-t 3 --lie 0.3>9=ATTACK                 | bgp: lie '0.3>9=ATTACK': general 9 is out of range: the generals"
          + " are 0..6",
      "-t 3 --lie 0.2.3.4.5>1=ATTACK           | bgp: lie '0.2.3.4.5>1=ATTACK': its path has 5 generals, but with m=2"
          + " a value is relayed along paths of at most m+1 = 3",
      "-t 3 --lie 0.3>1=20                     | bgp: lie '0.3>1=20': 20 is not of the order's kind (the order is"
          + " ATTACK)",
      "-t 3 --lie 0.3>1=ATTACK --lie 0.3>1=none | bgp: lies '0.3>1=ATTACK' and '0.3>1=none' are about the same message"
          + " (path [0 3] to 1); give one",
      "-t 3 -s 4=flip                          | bgp: strategy '4=flip': general 4 is not a traitor (the traitors are"
          + " 3)",
      "-t 3 -s 3=flip,3=split                  | bgp: strategy '3=flip,3=split' gives traitor 3 two strategies",
      "-t 3,4 -s 3=flip,split,silent           | bgp: strategy '3=flip,split,silent' names two strategies for the"
          + " traitors it does not name (split and silent); give one",
      "-t 3 -s 3=liar                          | bgp: unknown strategy 'liar'",
      "-t 3 -s scripted                        | bgp: unknown strategy 'scripted'",
  })
  void badLiesAndStrategiesAreOneLine(String args, String message) {
    List<String> all = new ArrayList<>(List.of("om", "--generals", "7"));
    all.addAll(List.of(args.split(" ")));
    Cli.Result r = Cli.run(all.toArray(new String[0]));

    assertEquals(2, r.exit(), r.out());
    assertEquals(1, r.errLines().size(), r.err());
    assertTrue(r.err().startsWith(message), r.err());
    assertEquals("", r.out());
  }

  @Test
  void aScenarioFileLineTakesLiesAndPrintsThemBack() throws Exception {
    String line = "{\"generals\": 4, \"traitors\": [0, 2], \"strategy\": \"0=honest,flip\", \"lies\": {\"0>3\":"
        + " \"RETREAT\", \"0.2>1\": null}}";
    Path file = dir.resolve("lies.jsonl");
    Files.writeString(file, line + "\n");

    Cli.Result fromFile = Cli.run("om", "--scenarios", file.toString());
    Cli.Result fromOptions = Cli.run("om", "--generals", "4", "--traitors", "0,2", "--strategy", "0=honest,flip",
        "--lie", "0>3=RETREAT", "--lie", "0.2>1=none", "--json");

    assertEquals(0, fromFile.exit(), fromFile.err());
    assertEquals(fromOptions.out(), fromFile.out());
    JsonNode j = Json.MAPPER.readTree(fromFile.out());
    assertEquals("0=honest,flip", j.get("strategy").asText());
    assertEquals("{\"0>3\":\"RETREAT\",\"0.2>1\":null}", j.get("lies").toString());
    Path again = dir.resolve("again.jsonl");
    Files.writeString(again, Json.line(Json.scenario(new ScenarioSettings(4, null, List.of(0, 2), null,
        "0=honest,flip", null, null, List.of("0>3=RETREAT", "0.2>1=none")).build())) + "\n");
    assertEquals(fromFile.out(), Cli.run("om", "--scenarios", again.toString()).out(),
        "a scenario's JSON is a scenarios file line that runs it again");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
      "`{\"generals\": 4, \"traitors\": [0], \"lies\": [\"0>3=RETREAT\"]}`   | lies must be an object",
      "`{\"generals\": 4, \"traitors\": [0], \"lies\": {\"0>3\": true}}`     | the lie \"0>3\" must tell",
      "`{\"generals\": 4, \"traitors\": [1], \"lies\": {\"0>3\": \"ATTACK\"}}` | commander 0 tells it but is not a"
          + " traitor",
  })
  void badLiesInAFileNameTheLine(String line, String problem) throws Exception {
    Path file = dir.resolve("bad.jsonl");
    Files.writeString(file, "{\"generals\": 4}\n" + line + "\n");

    Cli.Result r = Cli.run("om", "--scenarios", file.toString());

    assertEquals(2, r.exit());
    assertTrue(r.err().startsWith("bgp: " + file + " line 2: "), r.err());
    assertTrue(r.err().contains(problem), r.err());
  }

  @Test
  void theSearchPrintsOptionsThatReplayItsViolation() {
    for (String[] search : List.of(new String[] {"om", "--generals", "3", "--m", "1", "--search"},
        new String[] {"om", "--generals", "6", "--m", "2", "--search"})) {
      Cli.Result r = Cli.run(search);
      assertEquals(0, r.exit(), r.err());
      String replay = r.outLines().stream().filter(l -> l.startsWith("replay  ")).findFirst().orElseThrow(
          () -> new AssertionError("no replay line in " + r.out()));
      List<String> args = shellWords(replay.substring("replay  bgp ".length()));
      assertTrue(args.contains("--lie"), replay);

      Cli.Result again = Cli.run(args.toArray(new String[0]));

      assertEquals(0, again.exit(), again.err());
      assertTrue(again.out().contains("IC1 violated") || again.out().contains("IC2 violated"), again.out());
      String lies = r.out().substring(r.out().indexOf("The lies that matter"), r.out().indexOf("The run with"));
      for (int i = 0; i < args.size(); i++) {
        if (args.get(i).equals("--lie")) {
          assertTrue(lies.contains("(--lie '" + args.get(i + 1) + "')"), "each replayed lie is one listed: " + lies);
        }
      }
      assertEquals(runPart(r.out()), runPart(again.out()), "the replay is the run the search showed");
    }
  }

  @Test
  void theSearchRefusesLiesOfItsOwn() {
    Cli.Result r = Cli.run("om", "--generals", "3", "--search", "--lie", "0>1=RETREAT");
    assertEquals(2, r.exit());
    assertTrue(r.err().contains("drop --traitors, --strategy and --lie"), r.err());
  }

  /** The report from its table to the IC lines, which a run and the search's report of it share. */
  private static String runPart(String out) {
    int table = out.indexOf("general  ");
    int end = out.indexOf('\n', out.indexOf("IC2 ", Math.max(table, 0)));
    assertTrue(table >= 0 && end > table, out);
    return out.substring(table, end);
  }

  /** Splits a command line the way a shell would, for the single quotes the report puts around lies. */
  static List<String> shellWords(String line) {
    List<String> words = new ArrayList<>();
    StringBuilder w = new StringBuilder();
    boolean quoted = false;
    boolean any = false;
    for (char c : line.toCharArray()) {
      if (c == '\'') {
        quoted = !quoted;
        any = true;
      } else if (c == ' ' && !quoted) {
        if (any) {
          words.add(w.toString());
        }
        w.setLength(0);
        any = false;
      } else {
        w.append(c);
        any = true;
      }
    }
    assertFalse(quoted, "unbalanced quotes in " + line);
    if (any) {
      words.add(w.toString());
    }
    return words;
  }

  private static JsonNode find(JsonNode trace, String path, int to) {
    for (JsonNode m : trace) {
      if (m.get("path").toString().equals(path) && m.get("to").asInt() == to) {
        return m;
      }
    }
    throw new AssertionError("no message along " + path + " to " + to);
  }

  private static JsonNode json(String... args) throws Exception {
    Cli.Result r = Cli.run(args);
    assertEquals(0, r.exit(), r.err());
    return Json.MAPPER.readTree(r.out());
  }
}
