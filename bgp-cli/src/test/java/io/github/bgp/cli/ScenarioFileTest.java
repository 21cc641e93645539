package io.github.bgp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ScenarioFileTest {

  @TempDir
  Path dir;

  /** Each line of the file, and the same scenario as options. */
  private static final List<String[]> SCENARIOS = List.of(
      new String[] {"{\"generals\": 7, \"traitors\": [3, 4]}", "--generals 7 --traitors 3,4"},
      new String[] {"{\"generals\": 4, \"m\": 1, \"traitors\": [0], \"strategy\": \"split\", \"order\": \"retreat\"}",
          "--generals 4 --m 1 --traitors 0 --strategy split --order retreat"},
      new String[] {"{\"generals\": 5, \"order\": 20, \"majority\": \"median\", \"traitors\": [2], \"seed\": -9}",
          "--generals 5 --order 20 --majority median --traitors 2 --seed -9"},
      new String[] {"{\"generals\": 3, \"m\": 1, \"traitors\": [2], \"strategy\": \"flip\", \"seed\": 0}",
          "--generals 3 --m 1 --traitors 2 --strategy flip --seed 0"});

  @Test
  void eachLinePrintsWhatItsOptionsWould() throws IOException {
    List<String> lines = new ArrayList<>();
    for (String[] s : SCENARIOS) {
      lines.add(s[0]);
      lines.add("");
    }
    Path file = write(String.join("\n", lines));

    Cli.Result r = Cli.run("om", "--scenarios", file.toString());

    assertEquals(0, r.exit(), r.err());
    assertEquals("", r.err());
    assertEquals(SCENARIOS.size(), r.outLines().size(), r.out());
    for (int i = 0; i < SCENARIOS.size(); i++) {
      List<String> args = new ArrayList<>(List.of("om", "--json"));
      args.addAll(List.of(SCENARIOS.get(i)[1].split(" ")));
      Cli.Result single = Cli.run(args.toArray(new String[0]));
      assertEquals(0, single.exit(), single.err());
      assertEquals(single.out().strip(), r.outLines().get(i), "line " + (i + 1));
    }
  }

  @Test
  void readsStandardInputAndAddsTracesOnRequest() throws Exception {
    Cli.Result r = Cli.runWithInput("{\"generals\": 4, \"traitors\": [1]}\n{\"generals\": 3}\n",
        "om", "--scenarios", "-", "--trace");

    assertEquals(0, r.exit(), r.err());
    assertEquals(2, r.outLines().size());
    assertEquals(4, Json.MAPPER.readTree(r.outLines().get(0)).get("generals").intValue());
    assertEquals(9, Json.MAPPER.readTree(r.outLines().get(0)).get("trace").size());
    assertEquals(3, Json.MAPPER.readTree(r.outLines().get(1)).get("generals").intValue());
  }

  @Test
  void anEmptyFileRunsNothing() throws IOException {
    Cli.Result r = Cli.run("om", "--scenarios", write("\n  \n").toString());

    assertEquals(0, r.exit(), r.err());
    assertEquals("", r.out());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
      "x                                      | not JSON",
      "[7]                                    | expected a JSON object",
      "`{\"generals\": 4, \"colour\": 1}`     | unknown key 'colour'",
      "`{\"m\": 1}`                           | missing the key 'generals'",
      "`{\"generals\": \"4\"}`                | generals must be an integer, got the string \"4\"",
      "`{\"generals\": 4.5}`                  | generals must be an integer",
      "`{\"generals\": 1}`                    | generals must be at least 2",
      "`{\"generals\": 4, \"traitors\": 1}`   | traitors must be an array",
      "`{\"generals\": 4, \"traitors\": [9]}` | traitor 9 is out of range: the generals are 0..3",
      "`{\"generals\": 4, \"traitors\": [1, 1]}` | traitor 1 is listed twice",
      "`{\"generals\": 4, \"order\": \"up\"}` | not a value: 'up'",
      "`{\"generals\": 4, \"order\": true}`   | order must be",
      "`{\"generals\": 4, \"strategy\": \"liar\"}` | unknown strategy 'liar'",
      "`{\"generals\": 4, \"majority\": \"mean\"}` | unknown majority 'mean'",
      "`{\"generals\": 4, \"seed\": \"1\"}`   | seed must be a 64-bit integer",
      "`{\"generals\": 4, \"m\": -1}`         | m must be at least 0",
      "`{\"generals\": 4} {}`                 | something follows the object",
      "`{\"generals\": 4, \"generals\": 5}`   | Duplicate field 'generals'",
  })
  void aBadLineStopsEverythingBeforeAnyRun(String bad, String problem) throws IOException {
    Path file = write("{\"generals\": 4}\n\n" + bad + "\n{\"generals\": 5}\n");

    Cli.Result r = Cli.run("om", "--scenarios", file.toString());

    assertEquals(2, r.exit());
    assertEquals("", r.out(), "nothing runs when a line is bad");
    assertEquals(1, r.errLines().size(), r.err());
    String line = r.errLines().get(0);
    assertTrue(line.startsWith("bgp: " + file + " line 3: "), line);
    assertTrue(line.contains(problem), line);
    ErrorsTest.assertNoStackTrace(r);
  }

  @Test
  void aMissingFileIsNamed() {
    Cli.Result r = Cli.run("om", "--scenarios", dir.resolve("nope.jsonl").toString());

    assertEquals(2, r.exit());
    assertEquals(List.of("bgp: cannot read scenarios file " + dir.resolve("nope.jsonl") + ": no such file"),
        r.errLines());
  }

  @Test
  void aFileThatIsNotTextIsRefused() throws IOException {
    Path file = dir.resolve("binary.jsonl");
    Files.write(file, new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1, '\n'});

    Cli.Result r = Cli.run("om", "--scenarios", file.toString());

    assertEquals(2, r.exit());
    assertEquals(List.of("bgp: cannot read scenarios file " + file + ": it is not UTF-8 text"), r.errLines());
  }

  @ParameterizedTest
  @CsvSource({"--generals,7", "--m,1", "--traitors,1", "--order,RETREAT", "--strategy,flip", "--seed,3",
      "--majority,median", "--tries,5"})
  void scenariosDoNotMixWithScenarioOptions(String option, String value) throws IOException {
    Cli.Result r = Cli.run("om", "--scenarios", write("{\"generals\": 4}").toString(), option, value);

    assertEquals(2, r.exit());
    assertEquals("", r.out());
    assertEquals(1, r.errLines().size(), r.err());
    assertTrue(r.err().startsWith("bgp: --scenarios cannot be combined with " + option), r.err());
    assertTrue(r.err().strip().endsWith("(see bgp om --help)"), r.err());
  }

  private Path write(String text) throws IOException {
    Path file = Files.createTempFile(dir, "scenarios", ".jsonl");
    Files.writeString(file, text, StandardCharsets.UTF_8);
    return file;
  }

  @Test
  void aLineMayGiveItsInstancesStartAsAnInstantOrMilliseconds() {
    ScenarioFile f = ScenarioFile.read("-", new java.io.ByteArrayInputStream((
        "{\"generals\": 4, \"start\": \"2030-01-01T12:00:00Z\"}\n{\"generals\": 4, \"start\": 1893499200000}\n"
        + "{\"generals\": 4}\n").getBytes(StandardCharsets.UTF_8)));
    assertEquals(java.util.Arrays.asList(1893499200000L, 1893499200000L, null),
        f.lines().stream().map(ScenarioFile.Line::start).toList());
    UsageError bad = org.junit.jupiter.api.Assertions.assertThrows(UsageError.class, () -> ScenarioFile.read("-",
        new java.io.ByteArrayInputStream("{\"generals\": 4, \"start\": true}\n".getBytes(StandardCharsets.UTF_8))));
    assertTrue(bad.getMessage().startsWith("standard input line 1: start must be an ISO-8601 instant"),
        bad.getMessage());
  }
}
