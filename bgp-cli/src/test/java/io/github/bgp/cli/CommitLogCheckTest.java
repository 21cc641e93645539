package io.github.bgp.cli;

import static io.github.bgp.cli.TpcRecords.begin;
import static io.github.bgp.cli.TpcRecords.decided;
import static io.github.bgp.cli.TpcRecords.end;
import static io.github.bgp.cli.TpcRecords.ended;
import static io.github.bgp.cli.TpcRecords.outcome;
import static io.github.bgp.cli.TpcRecords.ready;
import static io.github.bgp.cli.TpcRecords.voted;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.bgp.api.NodeId;
import io.github.bgp.api.Verdict;
import io.github.bgp.api.Vote;
import io.github.bgp.twophase.log.LogOwner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bgp 2pc log DIR} checks the logs against each other: every disagreement between
 * nodes, every foreign, swapped, misplaced or missing log is named, and the command exits 3.
 */
class CommitLogCheckTest {

  @TempDir
  Path dir;

  private Path logs;

  @BeforeEach
  void dirs() {
    logs = dir.resolve("logs");
  }

  /** A cluster "c" of a coordinator and 2 participants that committed txn 1 and aborted txn 2, all ended. */
  private void agreeingLogs() throws IOException {
    TpcRecords.write(logs, 0, TpcRecords.owner("c", 2, 0), List.of(begin(1), decided(1, Verdict.COMMIT), end(1),
        begin(2), decided(2, Verdict.ABORT), end(2)));
    TpcRecords.write(logs, 1, TpcRecords.owner("c", 2, 1), List.of(ready(1), outcome(1, Verdict.COMMIT), ended(1),
        voted(2, Vote.ABORT), ended(2)));
    TpcRecords.write(logs, 2, TpcRecords.owner("c", 2, 2), List.of(ready(1), outcome(1, Verdict.COMMIT), ended(1),
        ready(2), outcome(2, Verdict.ABORT), ended(2)));
  }

  private Cli.Result check() {
    return Cli.run("2pc", "log", logs.toString());
  }

  private JsonNode checkJson(int exit) throws IOException {
    Cli.Result r = Cli.run("2pc", "log", logs.toString(), "--json");
    assertEquals(exit, r.exit(), r.err());
    return Json.MAPPER.readTree(r.out()).get("check");
  }

  /** The problem lines of the text report. */
  private static List<String> problems(Cli.Result r) {
    List<String> lines = r.outLines();
    int at = 0;
    while (!lines.get(at).startsWith("Across the ")) {
      at++;
    }
    return lines.subList(at, lines.size()).stream().filter(l -> l.startsWith("  ") && !l.startsWith("  note:")
        && !l.startsWith("  (")).map(String::strip).toList();
  }

  @Test
  void logsThatAgreeAreNoProblem() throws IOException {
    agreeingLogs();
    Cli.Result r = check();
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().endsWith("Across the 3 logs: no problem: 2 transactions: 1 committed and 1 aborted"
        + " everywhere\n"),
        r.out());
    JsonNode check = checkJson(0);
    assertTrue(check.get("ok").asBoolean());
    assertTrue(check.get("atomic").asBoolean());
  }

  @Test
  void aDisagreementNamesTheTransactionWhoHoldsWhatAndWhatTheCoordinatorDecided() throws IOException {
    agreeingLogs();
    // Participant 2's log from another story: it voted ABORT on txn 1, which the others committed.
    Files.delete(logs.resolve("node-2.log"));
    TpcRecords.write(logs, 2, TpcRecords.owner("c", 2, 2), List.of(voted(1, Vote.ABORT), ready(2),
        outcome(2, Verdict.ABORT), ended(2)));

    Cli.Result r = check();

    assertEquals(CommitLogCheck.PROBLEM, r.exit(), r.out());
    assertEquals(List.of("DISAGREEMENT: txn 1: participant 1 holds COMMIT and participant 2 holds ABORT (voted ABORT);"
        + " the coordinator decided COMMIT"), problems(r));
    JsonNode check = checkJson(CommitLogCheck.PROBLEM);
    assertFalse(check.get("ok").asBoolean());
    assertFalse(check.get("atomic").asBoolean());
    JsonNode p = check.get("problems").get(0);
    assertEquals("disagreement", p.get("kind").asText());
    assertEquals(1, p.get("txn").asLong());
    assertEquals("COMMIT", p.get("decision").asText());
    assertEquals("{\"1\":\"COMMIT\",\"2\":\"ABORT\"}", p.get("states").toString());
    assertEquals("{\"1\":\"COMMIT\",\"2\":\"ABORT\"}", p.get("votes").toString());
  }

  @Test
  void aParticipantThatCommittedWhatTheCoordinatorNeverDecidedIsADisagreement() throws IOException {
    agreeingLogs();
    // The coordinator's log of another run: it never began txn 1.
    Files.delete(logs.resolve("node-0.log"));
    TpcRecords.write(logs, 0, TpcRecords.owner("c", 2, 0), List.of(begin(2), decided(2, Verdict.ABORT), end(2)));
    assertEquals(List.of("DISAGREEMENT: txn 1: participants 1 and 2 hold COMMIT; the coordinator's log holds no"
        + " decision"), problems(check()));
  }

  @Test
  void swappedLogsAreNamedByTheirHeaders() throws IOException {
    agreeingLogs();
    Path one = logs.resolve("node-1.log");
    Path two = logs.resolve("node-2.log");
    Path tmp = logs.resolve("tmp");
    Files.move(one, tmp);
    Files.move(two, one);
    Files.move(tmp, two, StandardCopyOption.ATOMIC_MOVE);

    Cli.Result r = check();

    assertEquals(CommitLogCheck.PROBLEM, r.exit(), r.out());
    assertEquals(List.of("SWAPPED: node-1.log and node-2.log are swapped: node-1.log holds node 2's log and node-2.log"
        + " node 1's, by their headers"), problems(r), "the atomicity check reads each log as its header's node's");
    assertTrue(r.out().contains(one + ": participant (node 2) of cluster \"c\", "), r.out());
    JsonNode p = checkJson(CommitLogCheck.PROBLEM).get("problems").get(0);
    assertEquals("swapped", p.get("kind").asText());
    assertEquals(2, p.get("files").size());
  }

  @Test
  void aLogOfAnotherClusterIsForeignAndLeftOutOfTheAtomicityCheck() throws IOException {
    agreeingLogs();
    Files.delete(logs.resolve("node-2.log"));
    TpcRecords.write(logs, 2, TpcRecords.owner("other", 2, 2), List.of(voted(1, Vote.ABORT)));

    Cli.Result r = check();

    assertEquals(CommitLogCheck.PROBLEM, r.exit(), r.out());
    assertEquals(List.of("FOREIGN: node-2.log belongs to node 2 of cluster \"other\" (participant, 2pc), not to cluster"
        + " \"c\" like the other logs", "MISSING: no log for node 2 (node-2.log, by its name or its header): the check"
        + " takes it to hold nothing", "INVALID: txn 1 committed, but not every participant voted to commit it:"
        + " participant 1 voted COMMIT and participant 2 never voted"), problems(r));
    JsonNode p = checkJson(CommitLogCheck.PROBLEM).get("problems").get(0);
    assertEquals("foreign", p.get("kind").asText());
    assertEquals("other", p.get("cluster").asText());
  }

  @Test
  void aLogOfAnotherProtocolIsForeignAndItsRecordsAreNotReadAsTwoPhaseCommits() throws IOException {
    agreeingLogs();
    Files.delete(logs.resolve("node-2.log"));
    Path other = TpcRecords.write(logs, 2, new LogOwner("c", NodeId.of(2), LogOwner.Role.PARTICIPANT, "paxos-commit"),
        List.of(new byte[] {42}));

    Cli.Result r = check();

    assertEquals(CommitLogCheck.PROBLEM, r.exit(), r.out() + r.err());
    assertTrue(r.out().contains(other + ": participant (node 2) of cluster \"c\", a paxos-commit log, 1 record, "),
        r.out());
    assertEquals("FOREIGN: node-2.log belongs to node 2 of cluster \"c\" (participant, paxos-commit): a paxos-commit"
        + " log, not 2pc's", problems(r).get(0));
  }

  @Test
  void aDeletedLogIsMissing() throws IOException {
    agreeingLogs();
    Files.delete(logs.resolve("node-1.log"));
    assertEquals(List.of("MISSING: no log for node 1 (node-1.log, by its name or its header): the check takes it to"
        + " hold nothing", "INVALID: txn 1 committed, but not every participant voted to commit it: participant 1"
        + " never voted and participant 2 voted COMMIT"), problems(check()), "what the logs left show, named");
  }

  @Test
  void aLogOfOneNodeUnderAnothersNameIsMisplaced() throws IOException {
    agreeingLogs();
    Files.move(logs.resolve("node-2.log"), logs.resolve("node-3.log"));
    assertEquals(List.of("MISPLACED: node-3.log holds node 2's log (its header: node 2 of cluster \"c\" (participant,"
        + " 2pc)), not node 3's"), problems(check()));
  }

  @Test
  void twoCopiesOfOneNodesLogAreDuplicates() throws IOException {
    agreeingLogs();
    Files.copy(logs.resolve("node-1.log"), logs.resolve("node-2.log"), StandardCopyOption.REPLACE_EXISTING);
    List<String> found = problems(check());
    assertEquals(List.of("MISPLACED: node-2.log holds node 1's log (its header: node 1 of cluster \"c\" (participant,"
        + " 2pc)), not node 2's", "DUPLICATE: node-1.log and node-2.log both hold node 1's log; the check reads"
        + " node-1.log", "MISSING: no log for node 2 (node-2.log, by its name or its header): the check takes it to"
        + " hold nothing", "INVALID: txn 1 committed, but not every participant voted to commit it: participant 1"
        + " voted COMMIT and participant 2 never voted"), found);
  }

  @Test
  void aCommitWithoutEveryVoteIsInvalidAndALogThatContradictsItselfIsNamed() throws IOException {
    TpcRecords.write(logs, 0, TpcRecords.owner("c", 2, 0), List.of(begin(1), decided(1, Verdict.COMMIT)));
    TpcRecords.write(logs, 1, TpcRecords.owner("c", 2, 1), List.of(ready(1), outcome(1, Verdict.COMMIT)));
    TpcRecords.write(logs, 2, TpcRecords.owner("c", 2, 2), List.of(voted(1, Vote.READ_ONLY)));
    Cli.Result readOnly = check();
    assertEquals(0, readOnly.exit(), "READ_ONLY allows commit: " + readOnly.out());

    // Participant 2's log lost its vote (say, it was deleted and started afresh): nothing shows it voted.
    Files.delete(logs.resolve("node-2.log"));
    TpcRecords.write(logs, 2, TpcRecords.owner("c", 2, 2), List.of());
    assertEquals(List.of("INVALID: txn 1 committed, but not every participant voted to commit it: participant 1 voted"
        + " COMMIT and participant 2 never voted"), problems(check()));

    Files.delete(logs.resolve("node-2.log"));
    TpcRecords.write(logs, 2, TpcRecords.owner("c", 2, 2), List.of(voted(1, Vote.ABORT), outcome(1, Verdict.COMMIT)));
    List<String> found = problems(check());
    assertEquals(List.of("CONTRADICTION: a log records two different outcomes for one transaction (1 times): it is"
        + " damaged", "DISAGREEMENT: txn 1: participant 1 holds COMMIT and participant 2 holds ABORT (voted ABORT); the"
        + " coordinator decided COMMIT"), found);
  }
}
