package io.github.bgp.bench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report's own program: its arguments and exit codes; the suite itself is not run here (it takes minutes). */
class ReportMainTest {

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) {
    return ReportMain.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @Test
  void badArgumentsAreExitCode2AndOneLine() {
    assertEquals(2, run("--quick", "--out", "x"));
    assertEquals("bgp bench: unexpected argument '--quick' (usage: ReportMain [--full] [--only SECTION[,SECTION]] --out DIR)\n",
        err.toString(StandardCharsets.UTF_8));
    assertEquals("", out.toString(StandardCharsets.UTF_8));
  }

  @Test
  void theReportDirectoryIsRequired() {
    assertEquals(2, run("--full"));
    assertTrue(err.toString(StandardCharsets.UTF_8).startsWith("bgp bench: missing --out DIR"), err.toString());
    assertEquals(2, run("--out"));
  }

  @Test
  void aReportDirectoryThatCannotBeMadeIsExitCode2(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("file"), "not a directory");

    assertEquals(2, run("--out", file.resolve("report").toString()));
    String e = err.toString(StandardCharsets.UTF_8);
    assertTrue(e.startsWith("bgp: cannot write the report to " + file.resolve("report") + ": "), e);
    assertEquals("", out.toString(StandardCharsets.UTF_8));
  }

  @Test
  void anOnlyThatNamesNoSectionIsRefusedBeforeAnythingRuns(@TempDir Path dir) {
    assertEquals(2, run("--only", "om-processes,om-floor", "--out", dir.resolve("r").toString()));
    String said = err.toString(StandardCharsets.UTF_8);
    assertTrue(said.startsWith("bgp: --only: no report section 'om-floor' (the sections: om-scaling,"), said);
    assertEquals(1, said.strip().lines().count(), said);
    assertFalse(said.contains("JMH"), said);
  }
}
