package io.github.bgp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bgp bench}'s help and errors; the suite itself is not run here (it takes minutes). */
class BenchCommandTest {

  @Test
  void helpDescribesTheSuiteAndItsOptions() {
    Cli.Result r = Cli.run("bench", "--help");

    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().startsWith("Usage: bgp bench"), r.out());
    assertTrue(r.out().contains("--full"), r.out());
    assertTrue(r.out().contains("-o, --out=DIR"), r.out());
    assertTrue(r.out().contains("Default: bench-report"), r.out());
    assertTrue(r.out().contains("index.html"), r.out());
    assertTrue(r.out().contains("--only=SECTION[,SECTION...]"), r.out());
    assertTrue(r.out().contains("om-processes"), r.out());
    assertEquals("", r.err());
  }

  @Test
  void anOnlyThatNamesNoSectionIsRefusedBeforeAnythingRuns(@TempDir Path dir) {
    Cli.Result r = Cli.run("bench", "--only", "om-processes,om-floor", "--out", dir.toString());

    assertEquals(2, r.exit());
    assertEquals("", r.out());
    assertEquals(1, r.errLines().size(), r.err());
    assertTrue(r.errLines().get(0).startsWith("bgp: --only: no report section 'om-floor' (the sections: om-scaling,"),
        r.err());
    assertFalse(r.err().contains("JMH"), r.err());
  }

  @Test
  void theRootCommandListsIt() {
    Cli.Result r = Cli.run("--help");

    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().contains("bench"), r.out());
  }

  @Test
  void aBadOptionIsOneLineAndExitCode2() {
    Cli.Result r = Cli.run("bench", "--quick");

    assertEquals(2, r.exit());
    assertEquals("", r.out());
    assertEquals(1, r.errLines().size(), r.err());
    assertTrue(r.errLines().get(0).startsWith("bgp: Unknown option: '--quick'"), r.err());
    assertTrue(r.errLines().get(0).endsWith("(see bgp bench --help)"), r.err());
    ErrorsTest.assertNoStackTrace(r);
  }

  @Test
  void anOutThatIsAFileIsRefusedBeforeAnythingRuns(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("report"), "not a directory");

    Cli.Result r = Cli.run("bench", "--out", file.toString());

    assertEquals(2, r.exit());
    assertEquals("", r.out());
    assertEquals(1, r.errLines().size(), r.err());
    assertEquals("bgp: --out " + file + " is a file, not a directory", r.errLines().get(0));
    assertFalse(r.err().contains("JMH"), r.err());
  }

  @Test
  void anOutWithoutAValueIsABadArgument() {
    Cli.Result r = Cli.run("bench", "--out");

    assertEquals(2, r.exit());
    assertTrue(r.errLines().get(0).startsWith("bgp: Missing required parameter for option '--out' (DIR)"), r.err());
  }
}
