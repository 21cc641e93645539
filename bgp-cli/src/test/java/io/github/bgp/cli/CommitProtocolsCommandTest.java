package io.github.bgp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/** The commit protocols side by side from the command line: named crashes, partitions, the search. */
class CommitProtocolsCommandTest {

  private static JsonNode json(String... args) {
    Cli.Result r = Cli.run(args);
    assertEquals(0, r.exit(), r.err());
    try {
      return Json.MAPPER.readTree(r.out());
    } catch (java.io.IOException e) {
      throw new AssertionError("not JSON: " + r.out(), e);
    }
  }

  @Test
  void aCoordinatorDeadForGoodRightAfterItsDecisionBlocks2pcButNot3pcOrPaxosCommit() {
    JsonNode tpc = json("2pc", "-p", "3", "-t", "1", "--crash", "0:after-decision:never", "--json");
    assertTrue(tpc.get("atomic").asBoolean());
    assertFalse(tpc.get("transactions").get(0).get("blocked").isNull(), "2pc blocks: " + tpc);
    for (String protocol : new String[] {"3pc", "paxos-commit"}) {
      JsonNode o = json(protocol, "-p", "3", "-t", "1", "--tolerance", "1", "--crash", "0:after-decision:never",
          "--json");
      JsonNode txn = o.get("transactions").get(0);
      assertTrue(o.get("atomic").asBoolean() && o.get("decided").asBoolean(), protocol + ": " + o);
      assertEquals("COMMIT", txn.get("outcome").asText(), protocol + " decides without its coordinator: " + o);
    }
  }

  @Test
  void theSearchSplits3pcUnderAPartitionAndNeither2pcNorPaxosCommit() {
    JsonNode split = json("3pc", "--search", "--json");
    assertFalse(split.get("found").isNull(), split.toString());
    assertTrue(split.get("broken").get(0).asText().contains("committed, participants"), split.toString());
    assertFalse(split.get("atomic").asBoolean());
    for (String protocol : new String[] {"2pc", "paxos-commit"}) {
      JsonNode none = json(protocol, "--search", "--tries", "150", "--tolerance", "1", "--json");
      assertTrue(none.get("found").isNull(), protocol + ": " + none);
    }
  }

  @Test
  void badNamedCrashesAndPartitionsAreOneLineErrors() {
    Cli.Result unknown = Cli.run("2pc", "--crash", "0:after-lunch");
    assertEquals(2, unknown.exit());
    assertTrue(unknown.err().contains("after-lunch"), unknown.err());
    Cli.Result never = Cli.run("2pc", "--crash", "0:after-vote");
    assertEquals(2, never.exit());
    assertTrue(never.err().contains("never reached the named crash"), never.err());
    Cli.Result outside = Cli.run("2pc", "--partition", "0|9@2-40");
    assertEquals(2, outside.exit());
    assertTrue(outside.err().contains("node 9 is not in this run"), outside.err());
    Cli.Result malformed = Cli.run("2pc", "--partition", "0,1@2-40");
    assertEquals(2, malformed.exit());
    assertTrue(malformed.err().startsWith("bgp: --partition 0,1@2-40: "), malformed.err());
    assertEquals(1, malformed.err().strip().lines().count(), malformed.err());
  }

  @Test
  void aPartitionLosesFramesAndTwoPhaseCommitStaysAtomic() {
    JsonNode o = json("2pc", "--partition", "0|1,2,3@2-40", "--json");
    assertTrue(o.get("atomic").asBoolean(), o.toString());
    assertTrue(o.get("counters").get("messages.partitioned").asLong() > 0, o.toString());
  }
}
