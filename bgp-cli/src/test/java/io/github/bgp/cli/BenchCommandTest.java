package io.github.bgp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bgp bench}'s help and errors, and how it runs the report's program from the benchmarks
 * jar: a stand-in of the test classes takes its place (the real suite takes minutes).
 */
class BenchCommandTest {

  /** Where the stand-in {@link io.github.bgp.bench.report.ReportMain} was loaded from: the test classes. */
  private static Path standIn() throws Exception {
    return Path.of(io.github.bgp.bench.report.ReportMain.class.getProtectionDomain().getCodeSource().getLocation()
        .toURI());
  }

  /** Runs {@code bgp args} with the benchmarks jar property set to {@code jar}. */
  private static Cli.Result withJar(Path jar, String... args) {
    String before = System.getProperty(BenchCommand.JAR_PROPERTY);
    System.setProperty(BenchCommand.JAR_PROPERTY, jar.toString());
    try {
      return Cli.run(args);
    } finally {
      if (before == null) {
        System.clearProperty(BenchCommand.JAR_PROPERTY);
      } else {
        System.setProperty(BenchCommand.JAR_PROPERTY, before);
      }
    }
  }

  @Test
  void runsTheReportFromTheBenchmarksJarAndPassesItsOutputOn(@TempDir Path dir) throws Exception {
    Path out = dir.resolve("report");

    Cli.Result r = withJar(standIn(), "bench", "--full", "--out", out.toString());

    assertEquals(0, r.exit(), r.err());
    assertEquals(List.of(out.resolve("index.html").toString()), r.outLines());
    assertEquals("fake report: args=--full --out " + out, r.errLines().get(0));
    // Run from the test classes, not from bgp.jar: there is no jar of the command to hand on.
    assertEquals("fake report: bgp.jar=null", r.errLines().get(1));
    assertEquals(2, r.errLines().size(), r.err());
  }

  @Test
  void theQuickSuiteIsTheDefaultAndTheReportsExitCodeIsKept(@TempDir Path dir) throws Exception {
    Cli.Result quick = withJar(standIn(), "bench", "--out", dir.resolve("q").toString());
    assertEquals(0, quick.exit(), quick.err());
    assertEquals("fake report: args=--out " + dir.resolve("q"), quick.errLines().get(0));

    Cli.Result unwritable = withJar(standIn(), "bench", "--out", dir.resolve("unwritable").toString());
    assertEquals(2, unwritable.exit());
    assertEquals("", unwritable.out());
    assertEquals("bgp: cannot write the report to " + dir.resolve("unwritable") + ": denied",
        unwritable.errLines().get(unwritable.errLines().size() - 1));

    Cli.Result crash = withJar(standIn(), "bench", "--out", dir.resolve("crash").toString());
    assertEquals(1, crash.exit());
  }

  @Test
  void aMissingBenchmarksJarNamesTheCommandThatBuildsIt(@TempDir Path dir) {
    Path jar = dir.resolve("benchmarks.jar");

    Cli.Result r = withJar(jar, "bench", "--out", dir.resolve("report").toString());

    assertEquals(2, r.exit());
    assertEquals("", r.out());
    assertEquals(List.of("bgp: bgp bench runs the benchmarks jar " + jar + ", which is not built; build it with: mvn -B"
        + " -DskipTests -pl bgp-bench -am package"), r.errLines());
    assertFalse(Files.exists(dir.resolve("report")));
  }

  @Test
  void withoutThePropertyTheJarIsLookedForBesideTheCommand(@TempDir Path root) throws Exception {
    Path cli = Files.createDirectories(root.resolve("bgp-cli/target")).resolve("bgp.jar");
    Path built = root.resolve("bgp-bench/target/benchmarks.jar");

    UsageError missing = assertThrows(UsageError.class, () -> BenchCommand.CHILD.find(null, Optional.of(cli)));
    assertTrue(missing.getMessage().contains(built.toString()), missing.getMessage());
    Files.createDirectories(built.getParent());
    Files.write(built, new byte[] {0});
    assertEquals(built, BenchCommand.CHILD.find(null, Optional.of(cli)));
    assertEquals(built, BenchCommand.CHILD.find("", Optional.of(root.resolve("bgp-cli/target/classes"))));
    // A property that names a missing jar is not looked past.
    UsageError named = assertThrows(UsageError.class,
        () -> BenchCommand.CHILD.find(cli.toString(), Optional.of(cli)));
    assertTrue(named.getMessage().contains(cli + ", which is not built"), named.getMessage());
  }

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
