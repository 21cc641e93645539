package io.github.bgp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.bgp.api.CommitScenario;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * A two-phase commit scenario file ({@code bgp 2pc --scenario FILE}): any bytes either read or
 * are refused with an {@link IllegalArgumentException} naming the file and the problem (nothing
 * else escapes, and no count in the file makes it allocate more than the file is worth), and
 * what reads writes back ({@link CommitScenarioFile#toJson}) to JSON that reads as the same
 * scenario.
 *
 * <p>In {@code mvn verify} this runs over the committed inputs in
 * {@code src/test/resources/io/github/bgp/cli/CommitScenarioFileFuzzTestInputs/read};
 * {@code scripts/fuzz commit-scenario-file.read SECONDS} fuzzes it.
 */
class CommitScenarioFileFuzzTest {

  private static Path dir;

  @BeforeAll
  static void directory() throws IOException {
    dir = Files.createTempDirectory("bgp-fuzz-scenario");
  }

  @AfterAll
  static void removeDirectory() throws IOException {
    Files.deleteIfExists(dir.resolve("scenario.json"));
    Files.deleteIfExists(dir);
  }

  @FuzzTest
  @DictionaryEntries({"\"participants\"", "\"seed\"", "\"timeouts\"", "\"votes\"", "\"request\"", "\"retry\"",
      "\"transactions\"", "\"id\"", "\"start\"", "\"payload\"", "\"payloadHex\"", "\"commit\"", "\"ABORT\"",
      "2147483647", "9223372036854775807", "\uFEFF"})
  void read(byte[] bytes) throws IOException {
    Path file = dir.resolve("scenario.json");
    Files.write(file, bytes);
    CommitScenario scenario;
    try {
      scenario = CommitScenarioFile.read(file);
    } catch (IllegalArgumentException refused) {
      assertTrue(refused.getMessage() != null && refused.getMessage().contains(file.toString()),
          "a refusal that does not name the file: " + refused.getMessage());
      return;
    }
    assertTrue(scenario.participants() <= CommitScenarioFile.MAX_PARTICIPANTS, "participants");
    // The JSON written back spells out every vote: past a million of them, writing is the cost
    // of the encoder (which no file controls), not of reading, and too slow for a fuzzing loop.
    if ((long) scenario.participants() * scenario.transactions().size() <= 1 << 20) {
      assertEquals(scenario, CommitScenarioFile.parse(CommitScenarioFile.toJson(scenario)), "written back");
    }
  }
}
