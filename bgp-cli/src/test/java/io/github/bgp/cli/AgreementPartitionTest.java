package io.github.bgp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/** {@code --partition} on the agreement commands: a fault of the simulated network, for every protocol. */
class AgreementPartitionTest {

  private static JsonNode json(String... args) throws Exception {
    Cli.Result r = Cli.run(args);
    assertEquals(0, r.exit(), r.err());
    return Json.MAPPER.readTree(r.out());
  }

  @Test
  void aLoyalCommanderCutOffFromEveryLieutenantBreaksIc2() throws Exception {
    JsonNode whole = json("om", "--generals", "4", "--order", "ATTACK", "--json");
    JsonNode cut = json("om", "--generals", "4", "--order", "ATTACK", "--partition", "0|1,2,3@0-1", "--json");

    assertTrue(whole.get("ic2").asBoolean(), whole.toString());
    assertFalse(cut.get("ic2").asBoolean(), "the commander's ATTACK never arrived: " + cut);
    assertTrue(cut.get("ic1").asBoolean(), "the lieutenants still agree with each other: " + cut);
  }

  @Test
  void aPartitionAfterTheLastRoundChangesNothing() throws Exception {
    JsonNode late = json("sm", "--generals", "4", "--order", "ATTACK", "--partition", "0,1|2,3@100-200", "--json");

    assertTrue(late.get("ic1").asBoolean() && late.get("ic2").asBoolean(), late.toString());
  }

  @Test
  void aPartitionNamingAGeneralNotInTheRunOrWithTheEvaluatorIsRefused() {
    Cli.Result outside = Cli.run("om", "--generals", "4", "--partition", "0|7@0-1");
    assertEquals(2, outside.exit(), outside.err());
    assertTrue(outside.err().contains("node 7 is not in this run"), outside.err());

    Cli.Result evaluated = Cli.run("om", "--generals", "4", "--evaluate", "--partition", "0|1@0-1");
    assertEquals(2, evaluated.exit(), evaluated.err());
    assertTrue(evaluated.err().contains("it does not go with --evaluate"), evaluated.err());
  }
}
