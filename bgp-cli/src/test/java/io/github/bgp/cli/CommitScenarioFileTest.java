package io.github.bgp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.bgp.api.CommitScenario;
import io.github.bgp.api.Transaction;
import io.github.bgp.api.Verdict;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The JSON form of a commit scenario: written, read back, run, and every kind of bad file refused by name. */
class CommitScenarioFileTest {

  @TempDir
  Path dir;

  private static final CommitScenario TRANSFER = CommitScenario.builder(2)
      .transaction(new Transaction(1, "alice:-30,bob:+30".getBytes(StandardCharsets.UTF_8)), 0,
          List.of(Verdict.COMMIT, Verdict.COMMIT))
      .transaction(new Transaction(7, new byte[] {(byte) 0xFF, 0, 1}), 12, List.of(Verdict.ABORT, Verdict.COMMIT))
      .transaction(3, 5, List.of(Verdict.COMMIT, Verdict.ABORT))
      .timeouts(new CommitScenario.Timeouts(15, 33, 9))
      .seed(-42)
      .build();

  @Test
  void aScenarioSurvivesTheRoundTrip() {
    String json = CommitScenarioFile.toJson(TRANSFER);

    assertEquals(TRANSFER, CommitScenarioFile.parse(json));
    assertTrue(json.contains("\"payload\" : \"alice:-30,bob:+30\""), json);
    assertTrue(json.contains("\"payloadHex\" : \"ff0001\""), "bytes that are not UTF-8 go as hex: " + json);
    assertTrue(json.contains("\"abort\""), json);
    assertTrue(json.endsWith("}\n"));
  }

  @Test
  void readingAFileGivesTheSameScenario() throws IOException {
    Path file = write(CommitScenarioFile.toJson(TRANSFER));

    assertEquals(TRANSFER, CommitScenarioFile.read(file));
  }

  @Test
  void omittedKeysTakeTheirDefaults() {
    CommitScenario s = CommitScenarioFile.parse("\uFEFF{\"participants\": 2, \"transactions\": [{\"id\": 4},"
        + " {\"id\": 5, \"votes\": [\"COMMIT\", \"Abort\"]}], \"timeouts\": {\"retry\": 7}}");

    assertEquals(CommitScenario.builder(2).commit(4, 0).transaction(5, 0, List.of(Verdict.COMMIT, Verdict.ABORT))
        .timeouts(new CommitScenario.Timeouts(20, 40, 7)).build(), s);
    assertEquals(1, s.seed());
  }

  @Test
  void theRunsScenarioInItsJsonRunsTheSameRunFromAFile() throws Exception {
    Cli.Result first = Cli.run("2pc", "--json", "-p", "4", "-t", "5", "--abort-rate", "0.2", "--seed", "11", "--gap",
        "3", "--crash", "0:7:after:60", "--loss", "0.05");
    assertEquals(0, first.exit(), first.err());
    JsonNode j = Json.MAPPER.readTree(first.out());
    Path file = write(Json.MAPPER.writeValueAsString(j.get("scenario")));

    Cli.Result again = Cli.run("2pc", "--json", "--scenario", file.toString(), "--crash", "0:7:after:60", "--loss",
        "0.05");

    assertEquals(0, again.exit(), again.err());
    assertEquals(first.out(), again.out());
    Cli.Result people = Cli.run("2pc", "--scenario", file.toString());
    assertEquals(0, people.exit(), people.err());
    assertTrue(people.out().startsWith("two-phase commit: coordinator 0, participants 1..4; 5 transactions starting"
        + " at t=0, 3, 6, 9, 12; seed 11\n"), people.out());
  }

  @Test
  void aPayloadIsCarriedToTheParticipants() throws Exception {
    Path file = write("{\"participants\": 2, \"transactions\": [{\"id\": 1, \"payload\": \"alice:-30,bob:+30\"}]}");

    Cli.Result r = Cli.run("2pc", "--scenario", file.toString(), "--json");

    assertEquals(0, r.exit(), r.err());
    JsonNode j = Json.MAPPER.readTree(r.out());
    assertEquals("alice:-30,bob:+30", j.get("scenario").get("transactions").get(0).get("payload").asText());
    assertEquals("COMMIT", j.get("transactions").get(0).get("outcome").asText());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
      "x                                                  | not JSON",
      "`{\"participants\": 2, \"transactions\": []} 3`     | not one JSON value: something follows the object",
      "[2]                                                | the scenario must be a JSON object with the keys"
          + " participants, tolerance, seed, timeouts, transactions, start, got an array",
      "`{\"participants\": 2, \"transactions\": [], \"colour\": 1}` | unknown key 'colour' (expected participants,"
          + " tolerance, seed, timeouts, transactions, start)",
      "`{\"participants\": 2, \"transactions\": [], \"start\": \"soon\"}` | start: a start is an ISO-8601 instant",
      "`{\"transactions\": []}`                            | missing the key 'participants'",
      "`{\"participants\": 2}`                             | missing the key 'transactions'",
      "`{\"participants\": \"two\", \"transactions\": []}` | participants must be an integer, got the string \"two\"",
      "`{\"participants\": 0, \"transactions\": []}`       | participants must be at least 1, got 0",
      "`{\"participants\": 2.5, \"transactions\": []}`     | participants must be an integer, got the number 2.5",
      "`{\"participants\": 2, \"transactions\": {}}`       | transactions must be an array of objects, got an object",
      "`{\"participants\": 2, \"seed\": \"x\", \"transactions\": []}` | seed must be an integer, got the string \"x\"",
      "`{\"participants\": 2, \"timeouts\": {\"votes\": 0}, \"transactions\": []}` | timeouts.votes must be at least"
          + " 1, got 0",
      "`{\"participants\": 2, \"timeouts\": {\"wait\": 5}, \"transactions\": []}` | timeouts: unknown key 'wait'",
      "`{\"participants\": 2, \"transactions\": [7]}`      | transactions[0] must be a JSON object",
      "`{\"participants\": 2, \"transactions\": [{\"start\": 1}]}` | transactions[0]: missing the key 'id'",
      "`{\"participants\": 2, \"transactions\": [{\"id\": -1}]}` | transactions[0].id must be at least 0, got -1",
      "`{\"participants\": 2, \"transactions\": [{\"id\": 1}, {\"id\": 1}]}` | transactions[1].id: transaction 1 is"
          + " listed twice",
      "`{\"participants\": 2, \"transactions\": [{\"id\": 1, \"start\": -3}]}` | transactions[0].start must be at"
          + " least 0, got -3",
      "`{\"participants\": 2, \"transactions\": [{\"id\": 1, \"votes\": [\"commit\"]}]}` | transactions[0].votes: 1"
          + " vote for 2 participants",
      "`{\"participants\": 2, \"transactions\": [{\"id\": 1, \"votes\": [\"commit\", \"maybe\"]}]}` |"
          + " transactions[0].votes[1] must be \"commit\" or \"abort\", got the string \"maybe\"",
      "`{\"participants\": 2, \"transactions\": [{\"id\": 1, \"votes\": \"cc\"}]}` | transactions[0].votes must be"
          + " an array",
      "`{\"participants\": 2, \"transactions\": [{\"id\": 1, \"payload\": 5}]}` | transactions[0].payload must be a"
          + " string (UTF-8 text), got the integer 5",
      "`{\"participants\": 2, \"transactions\": [{\"id\": 1, \"payloadHex\": \"xyz\"}]}` | transactions[0].payloadHex"
          + " must be a string of hexadecimal byte pairs",
      "`{\"participants\": 2, \"transactions\": [{\"id\": 1, \"payload\": \"a\", \"payloadHex\": \"61\"}]}` |"
          + " transactions[0]: give payload or payloadHex, not both",
      "`{\"participants\": 2, \"transactions\": [{\"id\": 1, \"colour\": 1}]}` | transactions[0]: unknown key"
          + " 'colour' (expected id, start, votes, payload, payloadHex)",
      "`{\"participants\": 2, \"participants\": 3, \"transactions\": []}` | not JSON: Duplicate field 'participants'",
  })
  void aBadFileIsOneLineNamingTheFileAndTheKey(String json, String message) throws IOException {
    Path file = write(json);

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CommitScenarioFile.read(file));
    assertTrue(e.getMessage().startsWith("scenario file " + file + ": " + message), e.getMessage());

    Cli.Result r = Cli.run("2pc", "--scenario", file.toString());
    assertEquals(2, r.exit(), r.err());
    assertEquals("", r.out());
    assertEquals(1, r.errLines().size(), r.err());
    assertTrue(r.errLines().get(0).startsWith("bgp: scenario file " + file + ": " + message), r.err());
    ErrorsTest.assertNoStackTrace(r);
  }

  @Test
  void aMissingOrUnreadableFileIsOneLine() throws IOException {
    Path missing = dir.resolve("nope.json");
    Cli.Result r = Cli.run("2pc", "--scenario", missing.toString());
    assertEquals(2, r.exit());
    assertEquals(List.of("bgp: cannot read scenario file " + missing + ": no such file"), r.errLines());

    Path latin1 = dir.resolve("latin1.json");
    Files.write(latin1, new byte[] {'{', (byte) 0xE9, '}'});
    Cli.Result l = Cli.run("2pc", "--scenario", latin1.toString());
    assertEquals(2, l.exit());
    assertEquals(List.of("bgp: cannot read scenario file " + latin1 + ": it is not UTF-8 text"), l.errLines());
  }

  @Test
  void aFileTooLargeToRunIsRefused() throws IOException {
    Path file = write("{\"participants\": 101, \"transactions\": []}");

    Cli.Result r = Cli.run("2pc", "--scenario", file.toString());

    assertEquals(2, r.exit());
    assertEquals(List.of("bgp: scenario file " + file + ": 101 participants and 0 transactions; bgp 2pc runs at most"
        + " 100 participants and 1000 transactions"), r.errLines());
  }

  @Test
  void aStartBeyondTheLongestRunIsRefused() throws IOException {
    Path file = write("{\"participants\": 1, \"transactions\": [{\"id\": 3, \"start\": 9223372036854775807}]}");

    Cli.Result r = Cli.run("2pc", "--scenario", file.toString());

    assertEquals(2, r.exit());
    assertEquals(List.of("bgp: scenario file " + file + ": transaction 3 starts at t=9223372036854775807; bgp 2pc runs"
        + " transactions that start by t=1000000000000"), r.errLines());
  }

  @Test
  void aCrashOutsideTheFilesNodesIsRefused() throws IOException {
    Path file = write("{\"participants\": 1, \"transactions\": [{\"id\": 1}]}");

    Cli.Result r = Cli.run("2pc", "--scenario", file.toString(), "--crash", "2:1:after");

    assertEquals(2, r.exit());
    assertTrue(r.err().startsWith("bgp: --crash 2:1:after: node 2 is not in this run (0 is the coordinator, 1 the"
        + " participant)"), r.err());
  }

  private Path write(String text) throws IOException {
    Path file = dir.resolve("scenario.json");
    Files.writeString(file, text, StandardCharsets.UTF_8);
    return file;
  }

  // Found by reading, with an input in CommitScenarioFileFuzzTestInputs/read that fails the fuzz test without the fix.

  @Test
  void aClaimedNumberOfParticipantsCostsNoMoreThanTheFileIsWorth() {
    // Every transaction without votes got a list of one vote per participant: a 57-byte file
    // naming 2147483647 participants ran the reader out of memory.
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> CommitScenarioFile.parse("{\"participants\": 2147483647, \"transactions\": [{\"id\": 1}]}"));
    assertEquals("participants must be at most 100000, got 2147483647", e.getMessage());
    StringBuilder json = new StringBuilder("{\"participants\": 100000, \"transactions\": [");
    for (int i = 0; i < 5_000; i++) {
      json.append(i == 0 ? "" : ",").append("{\"id\": ").append(i).append('}');
    }
    CommitScenario s = CommitScenarioFile.parse(json.append("]}").toString());
    assertEquals(5_000, s.transactions().size());
    assertTrue(s.transactions().stream().allMatch(t -> t.votes() == s.transactions().get(0).votes()),
        "the transactions that leave their votes out share one list of them");
    assertEquals(100_000, s.transactions().get(4_999).votes().size());
  }

  @Test
  void jsonBeyondTheReadersLimitsIsNotJsonNotAnInternalError() {
    // Jackson reports its limits with no location, and reading the line number of none was a NullPointerException.
    IllegalArgumentException deep = assertThrows(IllegalArgumentException.class,
        () -> CommitScenarioFile.parse("[".repeat(3000)));
    assertTrue(deep.getMessage().startsWith("not JSON: Document nesting depth"), deep.getMessage());
    IllegalArgumentException digits = assertThrows(IllegalArgumentException.class,
        () -> CommitScenarioFile.parse("{\"participants\": " + "1".repeat(3000) + "}"));
    assertTrue(digits.getMessage().startsWith("not JSON: Number value length"), digits.getMessage());
  }
}
