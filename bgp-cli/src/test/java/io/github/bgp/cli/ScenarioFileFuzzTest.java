package io.github.bgp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.bgp.api.Scenario;
import java.io.ByteArrayInputStream;

/**
 * A scenarios file (JSON Lines), as {@code bgp om --scenarios -} reads it from standard input:
 * any bytes either read or are refused with a {@link UsageError} naming the input and the
 * problem (nothing else escapes). Every scenario read is on a line of its own, and the line
 * {@code --json} prints for it reads back as the same scenario.
 *
 * <p>In {@code mvn verify} this runs over the committed inputs in
 * {@code src/test/resources/io/github/bgp/cli/ScenarioFileFuzzTestInputs/read}; {@code scripts/fuzz
 * scenario-file.read SECONDS} fuzzes it.
 */
class ScenarioFileFuzzTest {

  @FuzzTest
  @DictionaryEntries({"\"generals\"", "\"m\"", "\"traitors\"", "\"order\"", "\"strategy\"", "\"seed\"",
      "\"majority\"", "\"ATTACK\"", "\"retreat\"", "\"median\"", "\"default\"", "\"split\"", "\"flip\"",
      "\"random\"", "2147483647", "-9223372036854775808", "\uFEFF"})
  void read(byte[] bytes) {
    ScenarioFile file;
    try {
      file = ScenarioFile.read(ScenarioFile.STDIN, new ByteArrayInputStream(bytes));
    } catch (UsageError refused) {
      assertTrue(refused.getMessage() != null && refused.getMessage().contains("standard input"),
          "a refusal that does not name the input: " + refused.getMessage());
      return;
    }
    int line = 0;
    for (ScenarioFile.Line l : file.lines()) {
      assertTrue(l.number() > line, "line " + l.number() + " after line " + line);
      line = l.number();
      Scenario s = l.scenario();
      assertEquals(s, ScenarioFile.settings(Json.line(Json.scenario(s))).build(), "the scenario on line " + line);
    }
  }
}
