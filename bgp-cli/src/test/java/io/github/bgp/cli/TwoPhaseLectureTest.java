package io.github.bgp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Two-phase commit for the CS162 lecture: named state transitions and the recovery table. */
class TwoPhaseLectureTest {

  @Test
  void theTraceNamesEachTransitionWithItsRoleAndWhy() throws Exception {
    Cli.Result r = Cli.run("2pc", "-p", "2", "-t", "1", "--crash", "2:1:before:never", "--trace");

    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().contains("     1        participant 1: INIT -> READY (resource voted COMMIT), txn 1\n"),
        r.out());
    assertTrue(r.out().contains("     0        coordinator: WAIT -> ABORT (vote timeout), txn 1\n"), r.out());
    assertTrue(r.out().contains("a timer fires: vote timeout, txn 1"), "each timer says which it is: " + r.out());

    JsonNode j = Json.MAPPER.readTree(Cli.run("2pc", "-p", "2", "-t", "1", "--trace", "--json").out());
    JsonNode first = j.get("trace").get(0);
    assertEquals("state", first.get("kind").asText());
    assertEquals("{\"from\":\"INIT\",\"role\":\"coordinator\",\"to\":\"WAIT\",\"txn\":\"1\",\"why\":\"submitted\"}",
        first.get("fields").toString());
    assertEquals("FORCE", j.get("trace").get(1).get("kind").asText());
    assertEquals("{}", j.get("trace").get(1).get("fields").toString());
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3})
  void everyRowOfTheRecoveryTableDoesWhatTheLectureSays(int participants) throws Exception {
    Cli.Result r = Cli.run("2pc", "--recovery-table", "-p", "" + participants, "--json");

    assertEquals(0, r.exit(), r.err());
    JsonNode j = Json.MAPPER.readTree(r.out());
    JsonNode rows = j.get("rows");
    List<String> names = new ArrayList<>();
    for (JsonNode row : rows) {
      names.add(row.get("role").asText() + " " + row.get("state").asText());
      assertTrue(row.get("agrees").booleanValue(), row.toString());
    }
    assertEquals(List.of("coordinator INIT", "coordinator WAIT", "coordinator ABORT", "coordinator COMMIT",
        "worker INIT", "worker READY", "worker ABORT", "worker COMMIT"), names);
    String last = "participant " + participants;
    List<String> at = List.of("forces BEGIN txn 1", "sends VOTE-REQ txn 1 to " + participants,
        "forces DECIDED ABORT txn 1", "forces DECIDED COMMIT txn 1", "forces READY txn 1",
        "sends VOTE-COMMIT txn 1 to 0", participants == 1 ? "forces VOTED ABORT txn 1" : "forces OUTCOME ABORT txn 1",
        "forces OUTCOME COMMIT txn 1");
    for (int i = 0; i < rows.size(); i++) {
      assertEquals(at.get(i), rows.get(i).get("crash").get("at").asText(), names.get(i) + " (" + last + ")");
    }
    assertEquals("ASK", rows.get(5).get("lecture").asText());
    assertTrue(rows.get(5).get("did").asText().startsWith("asks the coordinator"), rows.get(5).toString());
  }

  @Test
  void eachRowsReplayRunsItsCrash() throws Exception {
    JsonNode rows = Json.MAPPER.readTree(Cli.run("2pc", "--recovery-table", "--json").out()).get("rows");
    for (JsonNode row : rows) {
      List<String> args = new ArrayList<>(ScriptedLiesTest.shellWords(row.get("replay").asText().substring(4)));
      args.add("--json");

      Cli.Result again = Cli.run(args.toArray(new String[0]));

      assertEquals(0, again.exit(), again.err());
      JsonNode j = Json.MAPPER.readTree(again.out());
      assertEquals(row.get("crash").get("spec").asText(), j.get("faults").get("crashes").get(0).get("spec").asText());
      JsonNode restart = null;
      for (JsonNode line : j.get("trace")) {
        if (line.get("kind").asText().equals("restart") && line.get("node").asInt() == row.get("node").asInt()) {
          restart = line;
        }
      }
      assertEquals(row.get("recovery").get(0).get("what"), restart.get("what"), row.toString());
      JsonNode txn = j.get("transactions").get(0);
      String outcome = txn.get("outcome").isNull() ? "ABORT" : txn.get("outcome").asText();
      assertEquals(row.get("lecture").asText().equals("ABORT") ? "ABORT" : "COMMIT", outcome, row.toString());
    }
  }

  @Test
  void theTableForPeopleListsTheRowsThenWhatEachNodeDid() {
    Cli.Result r = Cli.run("2pc", "--recovery-table", "-p", "2");

    assertEquals(0, r.exit(), r.err());
    List<String> lines = r.outLines();
    int header = lines.indexOf(lines.stream().filter(l -> l.startsWith("node ")).findFirst().orElseThrow());
    for (int i = header + 2; i < header + 10; i++) {
      assertTrue(lines.get(i).endsWith("yes"), lines.get(i));
    }
    assertTrue(r.out().contains("\ncoordinator in WAIT: crashes just after its step 3 (it sends VOTE-REQ txn 1 to 2)\n"
        + "  log at the crash: BEGIN txn 1\n  on recovery:\n    t=50  restarts and recovers from its log of 1 record\n"
        + "    t=50  coordinator: WAIT -> ABORT (recovered in WAIT), txn 1\n"), r.out());
    assertTrue(r.out().contains("    t=52 step 3  sends DECISION-REQ txn 1 to 0\n"), r.out());
  }

  @Test
  void theTableRunsItsOwnWorkloadAndCrashes() {
    for (String[] extra : List.of(new String[] {"--crash", "0:1:after"}, new String[] {"-t", "2"},
        new String[] {"--trace"}, new String[] {"--loss", "0.1"})) {
      List<String> args = new ArrayList<>(List.of("2pc", "--recovery-table"));
      args.addAll(List.of(extra));
      Cli.Result r = Cli.run(args.toArray(new String[0]));
      assertEquals(2, r.exit(), args.toString());
      assertTrue(r.err().startsWith("bgp: --recovery-table runs its own workload and crashes"), r.err());
      assertEquals(1, r.errLines().size());
    }
  }

  @Test
  void aCrashTheRunNeverReachesIsStillRefused() {
    Cli.Result r = Cli.run("2pc", "--crash", "0:999:after");
    assertEquals(2, r.exit());
    assertTrue(r.err().contains("never reaches step 999"), r.err());
  }
}
