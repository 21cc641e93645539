package io.github.bgp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** {@code bgp sm}: the same flags and JSON contract as {@code bgp om}, plus signatures and rejections. */
class SmCommandTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void threeGeneralsWithALyingLieutenantAgreeUnderSignedMessages() {
    Cli.Result r = Cli.run("sm", "--generals", "3", "--m", "1", "--traitors", "2", "--strategy", "flip");
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().startsWith("SM(1) with 3 generals"), r.out());
    assertTrue(r.out().contains("IC1 held") && r.out().contains("IC2 held"), r.out());
    assertTrue(r.out().matches("(?s).*rejected +1 message whose signatures did not hold.*"), r.out());
    assertTrue(!r.out().contains("dropped"), "no frame was dropped: only a message in one");
    assertTrue(r.out().contains("signatures"), r.out());
  }

  @Test
  void theJsonHasTheSameContractPlusSignatures() throws Exception {
    Cli.Result r = Cli.run("sm", "--generals", "7", "--traitors", "0,3", "--strategy", "split", "--json");
    assertEquals(0, r.exit(), r.err());
    JsonNode j = JSON.readTree(r.out());
    for (String key : new String[] {"generals", "m", "traitors", "order", "strategy", "decisions", "messages", "ic1", "ic2"}) {
      assertTrue(j.has(key), key);
    }
    assertEquals("sm", j.get("protocol").asText());
    assertTrue(j.get("ic1").asBoolean());
    assertTrue(j.get("signatures").get("made").asLong() > 0);
    assertTrue(j.get("signatures").get("verified").asLong() > 0);
    assertTrue(j.get("evidence").get("1").get(0).asText().contains("proven traitor"), j.get("evidence").toString());
  }

  @Test
  void aSplittingCommanderIsShownProvenATraitor() {
    Cli.Result r = Cli.run("sm", "--generals", "4", "--traitors", "0", "--strategy", "split");
    assertTrue(r.out().contains("lieutenants 1, 2, 3: the commander signed both RETREAT and ATTACK: it is a proven traitor"),
        r.out());
  }

  @Test
  void scenarioFilesAndTheSearchWorkForSm() {
    Cli.Result file = Cli.runWithInput("{\"generals\": 3, \"m\": 1, \"traitors\": [2], \"strategy\": \"flip\"}\n",
        "sm", "--scenarios", "-");
    assertEquals(0, file.exit(), file.err());
    assertTrue(file.out().contains("\"ic2\":true"), file.out());
    Cli.Result search = Cli.run("sm", "--generals", "5", "--m", "3", "--search", "--tries", "60");
    assertEquals(0, search.exit(), search.err());
    assertTrue(search.out().startsWith("No counterexample in 60 tries"), search.out());
  }

  @Test
  void evaluateIsForOmOnly() {
    Cli.Result r = Cli.run("sm", "--generals", "4", "--evaluate");
    assertEquals(2, r.exit());
    assertTrue(r.err().contains("--evaluate is available for om only"), r.err());
  }
}
