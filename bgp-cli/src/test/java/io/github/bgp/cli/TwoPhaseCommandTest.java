package io.github.bgp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.bgp.api.CommitOutcome;
import io.github.bgp.api.CommitProtocol;
import io.github.bgp.api.CommitScenario;
import io.github.bgp.api.NodeId;
import io.github.bgp.api.Protocols;
import io.github.bgp.api.Step;
import io.github.bgp.api.Verdict;
import io.github.bgp.sim.Faults;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code bgp 2pc}: the default run, votes, crashes and recovery, blocking, JSON, the trace's steps, bad input. */
class TwoPhaseCommandTest {

  @Test
  void theDefaultRunCommitsTwoTransactionsAndAbortsTheOneWithANoVote() {
    Cli.Result r = Cli.run("2pc");

    assertEquals(0, r.exit(), r.err());
    assertEquals("", r.err());
    List<String> lines = r.outLines();
    assertEquals("two-phase commit: coordinator 0, participants 1..3; 3 transactions starting at t=0, 2, 4; seed 1",
        lines.get(0));
    assertEquals("votes: COMMIT, except txn 2 (participant 3 ABORT)", lines.get(1));
    assertEquals("faults: none: no crash, every message arrives once, on time", lines.get(2));
    assertTrue(lines.contains("events: none (no node crashed, no transaction blocked)"), r.out());
    assertEquals(List.of(
        "txn 2 (starts at t=2): ABORT at every participant",
        "  node           vote    logged",
        "  -------------  ------  -------------",
        "  coordinator 0          decided ABORT",
        "  participant 1  COMMIT  ABORT",
        "  participant 2  COMMIT  ABORT",
        "  participant 3  ABORT   ABORT"), block(lines, "txn 2 "));
    assertEquals("txn 1 (starts at t=0): COMMIT at every participant", block(lines, "txn 1 ").get(0));
    assertEquals("txn 3 (starts at t=4): COMMIT at every participant", block(lines, "txn 3 ").get(0));
    assertTrue(lines.contains("atomicity held: no participant committed a transaction another aborted, and none"
        + " contradicts the coordinator"), r.out());
    assertTrue(lines.contains("validity held: only transactions every participant voted to commit were committed"));
    assertTrue(lines.contains("decided: every transaction reached the same outcome at every participant"));
    assertTrue(lines.contains("messages    45 sent"), r.out());
    assertTrue(lines.stream().anyMatch(l -> l.matches("log forces  22 \\(.*group commit\\)")), r.out());
    assertTrue(lines.contains("steps       coordinator 34; participants 1: 11, 2: 11, 3: 11 (--crash NODE:STEP counts"
        + " these)"), r.out());
    assertTrue(lines.contains("seed        1: the same options and seed replay this run exactly"), r.out());
    // The hint names the step at which the coordinator forces its first COMMIT decision.
    assertTrue(lines.stream().anyMatch(l -> l.matches("  --crash 0:9:after:100 +the coordinator dies just after"
        + " logging COMMIT for txn 1, before telling anyone; .*")), r.out());
    assertTrue(r.out().lines().allMatch(l -> l.equals(l.stripTrailing())), "no trailing spaces");
  }

  @Test
  void votesChooseWhoVetoesWhichTransaction() throws Exception {
    Cli.Result r = Cli.run("2pc", "--participants", "4", "--transactions", "2", "--votes", "1:cacc", "--votes",
        "2:abort@1+4");

    assertEquals(0, r.exit(), r.err());
    List<String> lines = r.outLines();
    assertEquals("votes: COMMIT, except txn 1 (participant 2 ABORT) and txn 2 (participants 1, 4 ABORT)", lines.get(1));
    assertEquals("txn 1 (starts at t=0): ABORT at every participant", block(lines, "txn 1 ").get(0));
    assertEquals("  participant 2  ABORT   ABORT", block(lines, "txn 1 ").get(5));
    assertEquals("txn 2 (starts at t=2): ABORT at every participant", block(lines, "txn 2 ").get(0));

    JsonNode j = json("2pc", "--participants", "4", "--transactions", "2", "--votes", "1:cacc,2:abort@1+4");
    assertEquals("[\"ABORT\",\"COMMIT\",\"COMMIT\",\"ABORT\"]", j.get("transactions").get(1).get("votes").toString());
    assertEquals("ABORT", j.get("transactions").get(0).get("outcome").asText());
    assertTrue(j.get("valid").asBoolean());
  }

  @Test
  void withVotesGivenThereIsNoDemoVeto() throws Exception {
    JsonNode j = json("2pc", "--votes", "1:ccc");

    for (JsonNode t : j.get("transactions")) {
      assertEquals("COMMIT", t.get("outcome").asText(), t.toString());
    }
  }

  @Test
  void theAbortRateDrawsVotesFromTheSeed() throws Exception {
    JsonNode none = json("2pc", "--abort-rate", "0", "-t", "10");
    JsonNode all = json("2pc", "--abort-rate", "1", "-t", "10");
    JsonNode some = json("2pc", "--abort-rate", "0.3", "-t", "40", "--seed", "5");

    assertEquals(0, count(none, "ABORT"), "no vote is ABORT at rate 0, and no demo veto");
    assertEquals(10, count(all, "ABORT"));
    long aborted = count(some, "ABORT");
    assertTrue(aborted > 5 && aborted < 38, "about 1 - 0.7^3 of 40 transactions abort, got " + aborted);
    assertEquals(some, json("2pc", "--abort-rate", "0.3", "-t", "40", "--seed", "5"), "the seed replays the votes");
  }

  @Test
  void aCoordinatorKilledJustAfterLoggingCommitBlocksTheParticipantsUntilItRecovers() throws Exception {
    Cli.Result r = Cli.run("2pc", "--crash", "0:9:after:100");

    assertEquals(0, r.exit(), r.err());
    List<String> lines = r.outLines();
    assertEquals("faults: node 0 crashes just after its step 9 and restarts 100 later", lines.get(2));
    assertTrue(lines.contains("  t=3 node 0 crashes after its step 9; it restarts at t=103"), r.out());
    assertTrue(lines.contains("  t=103 node 0 restarts from its log of 3 records"), r.out());
    assertEquals(List.of(
        "txn 1 (starts at t=0): COMMIT at every participant",
        "  node           vote    logged",
        "  -------------  ------  --------------",
        "  coordinator 0          decided COMMIT",
        "  participant 1  COMMIT  COMMIT",
        "  participant 2  COMMIT  COMMIT",
        "  participant 3  COMMIT  COMMIT"), block(lines, "txn 1 "));
    // txn 2 had begun (WAIT): recovery aborts it; txn 3 was submitted while the coordinator was down, so it
    // never began, and is aborted by presumption.
    assertEquals("txn 2 (starts at t=2): ABORT at every participant", block(lines, "txn 2 ").get(0));
    assertEquals("txn 3 (starts at t=4): ABORT at every participant", block(lines, "txn 3 ").get(0));
    assertTrue(lines.stream().anyMatch(l -> l.startsWith("recovery    1 crash; 1 restart; participants asked for an"
        + " outcome 11 times")), r.out());
    assertFalse(r.out().contains("BLOCKED"), r.out());

    JsonNode j = json("2pc", "--crash", "0:9:after:100");
    assertTrue(j.get("atomic").asBoolean());
    assertTrue(j.get("decided").asBoolean());
    assertEquals(0, j.get("blocked").size());
    assertTrue(j.get("counters").get("termination.requests").asLong() > 0, "the participants were left asking");
    assertEquals("[]", j.get("down").toString());
  }

  @Test
  void aCoordinatorThatNeverComesBackLeavesTheReadyParticipantsBlockedAndSaysWhy() throws Exception {
    Cli.Result r = Cli.run("2pc", "--crash", "0:9:after:never");

    assertEquals(0, r.exit(), r.err());
    List<String> lines = r.outLines();
    assertTrue(lines.contains("  at the end, txn 1 is BLOCKED"), r.out());
    assertEquals(List.of(
        "txn 1 (starts at t=0): BLOCKED: participants 1, 2, 3 voted COMMIT and never learned the outcome (READY);"
            + " the coordinator decided COMMIT and is down",
        "  node           vote    logged",
        "  -------------  ------  -------------------------------------",
        "  coordinator 0          decided COMMIT (down at the end)",
        "  participant 1  COMMIT  READY (voted COMMIT, outcome unknown)",
        "  participant 2  COMMIT  READY (voted COMMIT, outcome unknown)",
        "  participant 3  COMMIT  READY (voted COMMIT, outcome unknown)"), block(lines, "txn 1 "));
    assertTrue(lines.contains("decided: 2 of 3 transactions; blocked: txn 1"), r.out());
    assertTrue(lines.get(lines.indexOf("decided: 2 of 3 transactions; blocked: txn 1") - 2).startsWith("atomicity held"));

    JsonNode j = json("2pc", "--crash", "0:9:after:never");
    JsonNode t1 = j.get("transactions").get(0);
    assertEquals("COMMIT", t1.get("decision").asText());
    assertTrue(t1.get("outcome").isNull());
    assertEquals("READY", t1.get("states").get("2").asText());
    assertTrue(t1.get("blocked").asText().startsWith("participants 1, 2, 3 voted COMMIT and never learned"));
    assertEquals("[1]", j.get("blocked").toString());
    assertEquals("[0]", j.get("down").toString());
    assertTrue(j.get("atomic").asBoolean(), "blocked is not broken");
    assertTrue(j.get("decided").asBoolean(), "every transaction is decided or reported blocked");
    assertTrue(j.get("transactions").get(1).get("blocked").isNull());
  }

  @Test
  void theJsonIsOneObjectWithEveryField() throws Exception {
    Cli.Result r = Cli.run("2pc", "--json", "--loss", "0.1", "--crash", "2:3:before:40", "--seed", "9");

    assertEquals(0, r.exit(), r.err());
    assertEquals(1, r.outLines().size(), "one line");
    JsonNode j = Json.MAPPER.readTree(r.out());
    assertEquals(new TreeSet<>(List.of("protocol", "scenario", "faults", "transactions", "atomic", "valid", "decided",
        "blocked", "messages", "logForces", "counters", "events", "down", "steps", "seed", "logDir")), keys(j));
    assertEquals("2pc", j.get("protocol").asText());
    assertEquals(9, j.get("seed").asLong());
    assertEquals(9, j.get("scenario").get("seed").asLong());
    assertEquals(3, j.get("scenario").get("participants").asInt());
    assertEquals(0.1, j.get("faults").get("loss").asDouble());
    JsonNode crash = j.get("faults").get("crashes").get(0);
    assertEquals(2, crash.get("node").asInt());
    assertEquals(3, crash.get("step").asInt());
    assertEquals("before", crash.get("when").asText());
    assertEquals(40, crash.get("downtime").asLong());
    assertEquals("2:3:before:40", crash.get("spec").asText());
    assertEquals(3, j.get("transactions").size());
    for (JsonNode t : j.get("transactions")) {
      assertEquals(new TreeSet<>(List.of("id", "start", "votes", "decision", "states", "outcome", "atomic", "blocked")),
          keys(t));
      assertEquals(3, t.get("states").size());
    }
    assertEquals(j.get("counters").get("log.forces").asLong(), j.get("logForces").asLong());
    assertEquals(1, j.get("counters").get("crashes").asLong());
    assertTrue(j.get("events").get(0).asText().contains("node 2 crashes before its step 3"), j.get("events").toString());
    assertEquals(4, j.get("steps").size());
    assertTrue(j.get("logDir").isNull());
    assertFalse(j.has("trace"));

    JsonNode traced = json("2pc", "--json", "--trace");
    JsonNode first = traced.get("trace").get(1);
    assertEquals(0, first.get("t").asLong());
    assertEquals(0, first.get("node").asInt());
    assertEquals(1, first.get("step").asInt());
    assertEquals("forces its log: BEGIN txn 1", first.get("what").asText());
    assertEquals("coordinator: INIT -> WAIT (submitted), txn 1", traced.get("trace").get(0).get("what").asText());
    assertTrue(traced.get("trace").get(0).get("step").isNull(), "a state transition is not a step");
  }

  @Test
  void theSameSeedGivesTheSameRunAndAnotherSeedAnother() {
    String[] args = {"2pc", "-p", "4", "-t", "6", "--loss", "0.2", "--duplicate", "0.1", "--delay", "3",
        "--abort-rate", "0.1", "--crash", "1:4:after:30", "--trace"};
    Cli.Result a = Cli.run(args);
    Cli.Result b = Cli.run(args);
    List<String> other = new ArrayList<>(List.of(args));
    other.addAll(List.of("--seed", "2"));
    Cli.Result c = Cli.run(other.toArray(new String[0]));

    assertEquals(0, a.exit(), a.err());
    assertEquals(a.out(), b.out());
    assertNotEquals(a.out(), c.out());
    assertTrue(a.out().contains(" lost"), "the seed's losses show: " + a.out());
  }

  @Test
  void theTraceShowsEveryForceAndSendNumberedAsTheStepsCrashCounts() {
    Cli.Result r = Cli.run("2pc", "--trace");

    assertEquals(0, r.exit(), r.err());
    List<String> trace = block(r.outLines(), "trace ");
    assertEquals("trace (step: what --crash NODE:STEP counts):", trace.get(0));
    assertTrue(trace.get(1).matches(" +t +node +step +what"), trace.get(1));
    assertTrue(trace.contains("   0     0        coordinator: INIT -> WAIT (submitted), txn 1"),
        String.join("\n", trace));
    assertTrue(trace.contains("   0     0     1  forces its log: BEGIN txn 1"), String.join("\n", trace));
    assertTrue(trace.contains("   0     0     2  sends VOTE-REQ txn 1 to 1"), String.join("\n", trace));
    assertTrue(trace.contains("   1     1        receives VOTE-REQ txn 1 from 0"), String.join("\n", trace));
    assertTrue(trace.contains("   3     0     9  forces its log: DECIDED COMMIT txn 1"), String.join("\n", trace));
    assertTrue(trace.contains("   4     3     5  sends VOTE-ABORT txn 2 to 0"), String.join("\n", trace));
    // One force for what the coordinator logged in one instant: group commit.
    assertTrue(trace.contains("   5     0    17  forces its log: END txn 1; DECIDED ABORT txn 2"),
        String.join("\n", trace));
    assertTrue(trace.contains("   9     0    31  forces its log: END txn 3"), String.join("\n", trace));
    assertTrue(trace.contains("  10     3    11  forces its log: ENDED txn 3"), String.join("\n", trace));
  }

  /**
   * The steps a run lists are those the simulator crashes at: for every step of every node of a
   * run with crashes and recoveries (a participant recovering in READY, a coordinator recovering
   * with a decision to announce), a crash planned at that step happens at the time the run's step
   * list gives for it.
   */
  @Test
  void aCrashAtAnyStepTheRunListsHappensWhereTheRunSaysIt() {
    CommitProtocol tpc = Protocols.commit("2pc");
    CommitScenario s = CommitScenario.builder(3).commit(1, 0)
        .transaction(2, 2, List.of(Verdict.COMMIT, Verdict.COMMIT, Verdict.ABORT)).commit(3, 4).build();
    Faults base = Faults.NONE.with(new Faults.Crash(NodeId.of(2), 3, false, 40))
        .with(new Faults.Crash(NodeId.of(0), 12, true, 30));
    SimulatedCommit run = SimulatedCommit.run(tpc, s, base, true);
    assertEquals(2, run.outcome().counter("crashes"), run.outcome().events().toString());
    assertEquals(List.of(), run.unreached());
    assertTrue(run.trace().stream().anyMatch(l -> l.node() == 2 && l.what().equals("CRASHES just before its step 3,"
        + " losing the records it had not forced (OUTCOME COMMIT txn 1; READY txn 2); it restarts at t=44")),
        run.trace().toString());
    int runs = 0;
    for (Step step : run.outcome().steps()) {
      for (boolean after : new boolean[] {false, true}) {
        Faults.Crash extra = new Faults.Crash(step.node(), step.number(), after, 5);
        if (base.crashes().stream().anyMatch(c -> c.node().equals(extra.node()) && c.step() == extra.step())) {
          continue; // a base crash's own step
        }
        CommitOutcome crashed = SimulatedCommit.run(tpc, s, base.with(extra), false).outcome();
        String expected = "t=" + step.time() + " node " + step.node() + " crashes " + (after ? "after" : "before")
            + " its step " + step.number();
        assertTrue(crashed.events().stream().anyMatch(e -> e.startsWith(expected)), expected + " in "
            + crashed.events());
        runs++;
      }
    }
    int[] steps = run.steps();
    assertEquals(2 * (run.outcome().steps().size() - 1), runs, "every step but the base crashes' was tried");
    assertTrue(steps[2] > 3 && steps[0] > 12, java.util.Arrays.toString(steps));
  }

  @Test
  void theJsonTraceListsEveryStepOfTheRunAsTheTraceNumbersThem() throws Exception {
    JsonNode j = json("2pc", "--trace");

    JsonNode steps = j.get("stepList");
    assertEquals(List.of("node", "step", "kind", "time", "detail"), OmCommandTest.fieldNames(steps.get(0)));
    assertEquals("{\"node\":0,\"step\":1,\"kind\":\"FORCE\",\"time\":0,\"detail\":\"BEGIN txn 1\"}",
        steps.get(0).toString());
    int[] next = new int[4];
    for (JsonNode s : steps) {
      int node = s.get("node").asInt();
      assertEquals(++next[node], s.get("step").asInt(), "without crashes, each node's steps are 1, 2, 3, ...: " + s);
      assertTrue(s.get("kind").asText().equals("FORCE") || s.get("kind").asText().equals("SEND"), s.toString());
      assertTrue(j.get("trace").findValues("step").stream().anyMatch(t -> t.asInt() == s.get("step").asInt()));
    }
    for (int node = 0; node < 4; node++) {
      assertEquals(next[node], j.get("steps").get(Integer.toString(node)).asInt(), "the count of node " + node);
    }
    assertFalse(json("2pc").has("stepList"), "only with --trace");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "--crash 0                   | bgp: --crash 0: expected NODE:STEP:before|after[:DOWNTIME|never], e.g."
          + " 0:5:after:100",
      "--crash x:5:after           | bgp: --crash x:5:after: node 'x' is not a node id (0 is the coordinator, 1..3 the"
          + " participants)",
      "--crash 4:5:after           | bgp: --crash 4:5:after: node 4 is not in this run (0 is the coordinator, 1..3"
          + " the participants)",
      "--crash 0:0:after           | bgp: --crash 0:0:after: step 0: steps count from 1",
      "--crash 0:five:after        | bgp: --crash 0:five:after: step 'five' is not a number",
      "--crash 0:5:during          | bgp: --crash 0:5:during: 'during' is neither before nor after",
      "--crash 0:5:after:soon      | bgp: --crash 0:5:after:soon: downtime 'soon' is neither a number of time units"
          + " nor never",
      "--crash 0:5:after:0         | bgp: --crash 0:5:after:0: downtime 0 must be from 1 to 1000000000000 (or never,"
          + " to stay down)",
      "--crash 0:5:after:1:2       | bgp: --crash 0:5:after:1:2: expected NODE:STEP",
      "--crash 0:5:after --crash 0:5:after:9 | bgp: --crash 0:5:after:9: node 0 already crashes after its step 5",
      "--crash 0:999:after         | bgp: --crash 0:999:after: node 0 takes 34 steps in this run, so it never reaches"
          + " step 999 (--trace numbers them) (see bgp 2pc --help)",
      "--crash 0:5:after:never --crash 0:9:before | bgp: --crash 0:9:before: node 0 takes 5 steps in this run, so it"
          + " never reaches step 9 (--trace numbers them) (see bgp 2pc --help)",
      "--votes 2:ca                | bgp: --votes 2:ca: 'ca' has 2 votes for 3 participants (one letter per"
          + " participant, c or a)",
      "--votes 2:cxc               | bgp: --votes 2:cxc: 'x' (participant 2) is neither c (COMMIT) nor a (ABORT)",
      "--votes 4:ccc               | bgp: --votes 4:ccc: there is no transaction 4 (the transactions are 1..3)",
      "--votes two:ccc             | bgp: --votes two:ccc: transaction 'two' is not a number",
      "--votes abort               | bgp: --votes abort: expected TXN:VOTES",
      "--votes 2:abort@4           | bgp: --votes 2:abort@4: there is no participant 4 (the participants are 1..3)",
      "--votes 2:abort@1,3         | bgp: --votes 3: expected TXN:VOTES",
      "--votes 2:abort@1+x         | bgp: --votes 2:abort@1+x: participant 'x' is not a number",
      "--votes 2:ccc,2:aaa         | bgp: --votes gives transaction 2's votes twice",
      "--participants 0            | bgp: --participants must be from 1 to 100, got 0",
      "--participants 101          | bgp: --participants must be from 1 to 100, got 101",
      "--transactions 0            | bgp: --transactions must be from 1 to 1000, got 0",
      "--gap -1                    | bgp: --gap must be from 0 to 1000000, got -1",
      "--abort-rate 1.5            | bgp: --abort-rate 1.5: a probability from 0 to 1",
      "--loss 1                    | bgp: --loss 1.0: a probability from 0 up to (not including) 1",
      "--duplicate -0.1            | bgp: --duplicate -0.1: a probability from 0 up to (not including) 1",
      "--delay -1                  | bgp: --delay must be from 0 to 1000000, got -1",
      "--participants three        | bgp: Invalid value for option '--participants': 'three' is not an int (see bgp"
          + " 2pc --help)",
      "--bogus                     | bgp: Unknown option: '--bogus' (see bgp 2pc --help)",
      "logs                        | bgp: Unmatched argument at index 1: 'logs'; did you mean log? (see bgp 2pc --help)",
      "--scenario s.json --seed 3 --votes 1:ccc | bgp: --scenario cannot be combined with --votes, --seed: the file"
          + " gives the participants, transactions, votes and seed (see bgp 2pc --help)",
  })
  void badArgumentsGiveOneLineAndExitCode2(String args, String message) {
    List<String> all = new ArrayList<>(List.of("2pc"));
    all.addAll(List.of(args.split(" ")));
    Cli.Result r = Cli.run(all.toArray(new String[0]));

    assertEquals(2, r.exit(), r.err());
    assertEquals("", r.out());
    assertEquals(1, r.errLines().size(), r.err());
    assertTrue(r.errLines().get(0).startsWith(message), r.err());
    ErrorsTest.assertNoStackTrace(r);
  }

  @Test
  void aParticipantThatDiesBeforeVotingForGoodLeavesNothingLoggedAndTheCoordinatorAborts() {
    Cli.Result r = Cli.run("2pc", "-p", "1", "-t", "1", "--crash", "1:1:before:never");

    assertEquals(0, r.exit(), r.err());
    List<String> lines = r.outLines();
    assertEquals("faults: node 1 crashes just before its step 1 and stays down", lines.get(2));
    assertEquals(List.of(
        "txn 1 (starts at t=0): BLOCKED: participant 1 logged nothing for it (down at the end: participant 1)",
        "  node           vote    logged",
        "  -------------  ------  --------------------------------------",
        "  coordinator 0          decided ABORT",
        "  participant 1  COMMIT  INIT (logged nothing; down at the end)"), block(lines, "txn 1 "));
    assertTrue(lines.stream().anyMatch(l -> l.startsWith("stopped     at the run's time limit")), r.out());
  }

  @Test
  void helpTeachesTheSyntax() {
    Cli.Result r = Cli.run("2pc", "--help");

    assertEquals(0, r.exit(), r.err());
    for (String s : List.of("Usage: bgp 2pc", "--participants=N", "--transactions=T", "--votes=SPEC", "--abort-rate=P",
        "--crash=SPEC", "--loss=P", "--duplicate=P", "--delay=TIME", "--seed=S", "--scenario=FILE", "--json",
        "--trace", "--log-dir=DIR", "NODE:STEP:before|after[:DOWNTIME|never]", "2:cac", "3:abort@1+3",
        "\"payload\": \"alice:-30,bob:+30\"", "log  Print each transaction's records")) {
      assertTrue(r.out().contains(s), s + ": " + r.out());
    }
    assertTrue(Cli.run("--help").out().contains("2pc"));
  }

  /** The lines from the one starting with {@code start} to the next blank line. */
  static List<String> block(List<String> lines, String start) {
    int from = -1;
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).startsWith(start)) {
        from = i;
        break;
      }
    }
    assertTrue(from >= 0, "no line starts with '" + start + "' in " + lines);
    List<String> block = new ArrayList<>();
    for (int i = from; i < lines.size() && !lines.get(i).isEmpty(); i++) {
      block.add(lines.get(i));
    }
    return block;
  }

  static JsonNode json(String... args) throws Exception {
    List<String> all = new ArrayList<>(List.of(args));
    if (!all.contains("--json")) {
      all.add("--json");
    }
    Cli.Result r = Cli.run(all.toArray(new String[0]));
    assertEquals(0, r.exit(), r.err());
    return Json.MAPPER.readTree(r.out());
  }

  private static long count(JsonNode run, String outcome) {
    long n = 0;
    for (JsonNode t : run.get("transactions")) {
      if (t.get("outcome").asText().equals(outcome)) {
        n++;
      }
    }
    return n;
  }

  private static Set<String> keys(JsonNode o) {
    Set<String> keys = new TreeSet<>();
    o.fieldNames().forEachRemaining(keys::add);
    return keys;
  }
}
