package io.github.bgp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * docs/lectures.md, read as a test: every fenced block of it that starts with {@code $ ./bgp}
 * holds commands, each followed by exactly what it prints. Each command runs here, in-process,
 * and must print that, character for character, and succeed; so the page cannot drift from the
 * program.
 */
class LecturesDocTest {

  private static final String PROMPT = "$ ./bgp ";

  /** One documented command and the output the page shows for it. */
  record Example(int line, String command, String output) {}

  @TestFactory
  Stream<DynamicTest> everyDocumentedCommandPrintsWhatThePageShows() throws IOException {
    List<Example> examples = examples(Files.readAllLines(page()));
    assertTrue(examples.size() >= 20, "the page shows its commands: " + examples.size());
    return examples.stream().map(e -> DynamicTest.dynamicTest("line " + e.line() + ": " + e.command(), () -> {
      List<String> args = ScriptedLiesTest.shellWords(e.command());
      Cli.Result r = Cli.run(args.toArray(new String[0]));
      assertEquals("", r.err(), e.command());
      assertEquals(0, r.exit(), e.command());
      assertEquals(e.output(), r.out(), "docs/lectures.md line " + e.line() + " shows another output for: "
          + e.command());
    }));
  }

  @Test
  void thePageNamesEachLectureAndPointsNowhereOutsideTheRepository() throws IOException {
    String page = Files.readString(page());
    for (String lecture : List.of("Peter\n  Borovanský", "Nic Jackson", "Sarah Christoff",
        "Challenges of Distributed Systems**, SCC311", "John Kubiatowicz")) {
      assertTrue(page.contains(lecture), lecture);
    }
    assertFalse(page.contains("shared/"), "the page must not point outside the repository");
    assertFalse(page.contains("seeds/"), "the page must not point outside the repository");
  }

  @Test
  void theReadmePointsAtThePageInsteadOfTheSeeds() throws IOException {
    String readme = Files.readString(page().getParent().getParent().resolve("README.md"));
    assertTrue(readme.contains("docs/lectures.md"), "README.md points at docs/lectures.md");
    assertFalse(readme.contains("shared/seeds"), "README.md must not point outside the repository");
  }

  @Test
  void theParserTakesEveryCommandOfABlockWithItsOutput() {
    List<Example> examples = examples(List.of("text", "```text", "$ ./bgp om --generals 4", "a", "", "b",
        "$ ./bgp om --lie '0>1=RETREAT'", "c", "```", "```", "$ not bgp", "```"));
    assertEquals(List.of(new Example(3, "om --generals 4", "a\n\nb\n"), new Example(7, "om --lie '0>1=RETREAT'",
        "c\n")), examples);
  }

  /** The commands of every fenced block that starts with a command, with their outputs. */
  static List<Example> examples(List<String> lines) {
    List<Example> all = new ArrayList<>();
    boolean fenced = false;
    boolean commands = false;
    int at = 0;
    String command = null;
    StringBuilder output = new StringBuilder();
    for (int i = 0; i < lines.size(); i++) {
      String l = lines.get(i);
      if (l.startsWith("```")) {
        if (fenced && command != null) {
          all.add(new Example(at, command, output.toString()));
        }
        fenced = !fenced;
        commands = fenced && i + 1 < lines.size() && lines.get(i + 1).startsWith(PROMPT);
        command = null;
        continue;
      }
      if (!commands) {
        continue;
      }
      if (l.startsWith(PROMPT)) {
        if (command != null) {
          all.add(new Example(at, command, output.toString()));
        }
        at = i + 1;
        command = l.substring(PROMPT.length());
        output.setLength(0);
      } else {
        output.append(l).append('\n');
      }
    }
    return all;
  }

  private static Path page() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path page = dir.resolve("docs/lectures.md");
      if (Files.isRegularFile(page) && Files.isRegularFile(dir.resolve("pom.xml"))) {
        return page;
      }
    }
    throw new IllegalStateException("docs/lectures.md not found above " + Path.of("").toAbsolutePath());
  }
}
