package io.github.bgp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;

class SearchTest {

  @Test
  void threeGeneralsCannotTolerateOneTraitor() {
    Cli.Result r = Cli.run("om", "--generals", "3", "--m", "1", "--search");

    assertEquals(0, r.exit(), r.err());
    List<String> lines = r.outLines();
    String shrunk = lines.stream().filter(l -> l.startsWith("shrunk ")).findFirst().orElseThrow(AssertionError::new);
    assertTrue(shrunk.matches("shrunk\\s+bgp om --generals 3 --m 1 --traitors \\d.*"), shrunk);
    assertTrue(lines.stream().anyMatch(l -> l.matches("found\\s+bgp om --generals 3 --m 1 .*")), r.out());
    assertTrue(lines.stream().anyMatch(l -> l.matches(
        "  (commander|lieutenant) \\d tells lieutenant \\d (ATTACK|RETREAT|nothing) about path \\[[0-9 ]+\\]"
            + "   \\(--lie '[0-9.]+>\\d=(ATTACK|RETREAT|none)'\\)")), r.out());
    assertTrue(r.out().contains("no guarantee: n=3 is not more than 3m=3"), r.out());
    assertTrue(r.out().contains("violated"), r.out());
    assertTrue(r.out().contains("trace:\n0::<- (level="), r.out());
  }

  @Test
  void theShrunkCommandLineReplaysTheViolation() throws Exception {
    JsonNode found = Json.MAPPER.readTree(Cli.run("om", "--generals", "3", "--m", "1", "--search", "--json").out());
    JsonNode shrunk = found.get("shrunk");
    List<String> args = new java.util.ArrayList<>(List.of("om", "--json", "--generals",
        shrunk.get("generals").asText(), "--m", shrunk.get("m").asText(), "--order", shrunk.get("order").asText(),
        "--strategy", shrunk.get("strategy").asText(), "--seed", shrunk.get("seed").asText()));
    if (!shrunk.get("traitors").isEmpty()) {
      args.add("--traitors");
      args.add(shrunk.get("traitors").get(0).asText());
    }

    JsonNode replay = Json.MAPPER.readTree(Cli.run(args.toArray(new String[0])).out());

    assertFalse(replay.get("ic1").booleanValue() && replay.get("ic2").booleanValue(), replay.toString());
  }

  @Test
  void jsonNamesTheScenariosTheLiesAndTheOutcome() throws Exception {
    Cli.Result r = Cli.run("om", "--generals", "3", "--m", "1", "--search", "--json");

    assertEquals(0, r.exit(), r.err());
    assertEquals(1, r.outLines().size());
    JsonNode j = Json.MAPPER.readTree(r.out());
    assertEquals(List.of("found", "shrunk", "replay", "lies", "outcome", "seed", "attempt", "shrinkSteps"),
        OmCommandTest.fieldNames(j));
    assertEquals(3, j.get("found").get("generals").intValue());
    assertEquals(3, j.get("shrunk").get("generals").intValue());
    assertEquals(1, j.get("shrunk").get("m").intValue());
    assertTrue(j.get("lies").size() >= 1, r.out());
    JsonNode lie = j.get("lies").get(0);
    assertEquals(List.of("from", "to", "path", "value"), OmCommandTest.fieldNames(lie));
    JsonNode outcome = j.get("outcome");
    assertEquals("honest", outcome.get("strategy").textValue());
    assertEquals(j.get("lies").size(), outcome.get("lies").size(), "the outcome's scenario holds the lies");
    assertEquals(j.get("replay"), Json.MAPPER.readTree(Json.line(Json.scenario(new ScenarioSettings(
        outcome.get("generals").intValue(), outcome.get("m").intValue(), List.of(outcome.get("traitors").get(0)
        .intValue()), io.github.bgp.api.Value.parse(outcome.get("order").asText()), "honest",
        outcome.get("seed").longValue(), null, lieSpecs(outcome.get("lies"))).build()))));
    assertFalse(outcome.get("ic1").booleanValue() && outcome.get("ic2").booleanValue(), r.out());
    assertFalse(outcome.get("guaranteed").booleanValue());
    assertEquals(outcome.get("messages").longValue(), outcome.get("trace").size());
  }

  private static List<String> lieSpecs(JsonNode lies) {
    List<String> specs = new java.util.ArrayList<>();
    lies.properties().forEach(e -> specs.add(e.getKey() + "=" + (e.getValue().isNull() ? "none"
        : e.getValue().asText())));
    return specs;
  }

  @Test
  void sevenGeneralsToleratingTwoTraitorsHoldUp() {
    Cli.Result r = Cli.run("om", "--generals", "7", "--m", "2", "--search", "--tries", "200");

    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().startsWith("No counterexample in 200 tries (search seed 1)"), r.out());
    assertTrue(r.out().contains("That is what Theorem 1 predicts: n=7 > 3m=6"), r.out());
  }

  @Test
  void nothingFoundInJson() throws Exception {
    Cli.Result r = Cli.run("om", "--generals", "7", "--m", "2", "--search", "--tries", "50", "--seed", "5", "--json");

    assertEquals(0, r.exit(), r.err());
    JsonNode j = Json.MAPPER.readTree(r.out());
    assertTrue(j.get("found").isNull());
    assertEquals(50, j.get("tries").intValue());
    assertEquals(5, j.get("seed").longValue());
  }

  @Test
  void aShortSearchOnTheImpossibleSideSaysItProvesNothing() {
    Cli.Result r = Cli.run("om", "--generals", "6", "--m", "2", "--search", "--tries", "1", "--seed", "3");

    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().startsWith("No counterexample in 1 try (search seed 3)"), r.out());
    assertTrue(r.out().contains("The theory does not promise it (n=6 is not more than 3m=6"), r.out());
  }

  @Test
  void theSearchKeepsTheGivenOrderAndMajority() throws Exception {
    JsonNode j = Json.MAPPER.readTree(
        Cli.run("om", "--generals", "3", "--m", "1", "--search", "--order", "7", "--majority", "median", "--json").out());

    assertEquals(7, j.get("found").get("order").longValue(), j.toString());
    assertEquals("median", j.get("found").get("majority").textValue());
    assertEquals("median", j.get("outcome").get("majority").textValue());
  }
}
