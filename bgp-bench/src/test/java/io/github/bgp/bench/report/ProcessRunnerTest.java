package io.github.bgp.bench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Whole processes, measured from outside: a small main of the test classes stands in for the command. */
class ProcessRunnerTest {

  private final ByteArrayOutputStream log = new ByteArrayOutputStream();
  private final ProcessRunner runner = new ProcessRunner(new PrintStream(log, true, StandardCharsets.UTF_8));

  private static ProcessProbe fake(String... args) {
    return new ProcessProbe("fake", "fake", FakeAgreement.class.getName(), List.of("-Xmx256m"), List.of(args), 2, 156);
  }

  @Test
  void measuresWallTimeAndPeakMemoryAndReadsTheChecks() {
    ProcessResult r = runner.run(fake());

    assertTrue(r.ran(), String.valueOf(r.unavailable()));
    assertEquals(2, r.runs().size());
    assertTrue(r.allCorrect(), log.toString(StandardCharsets.UTF_8));
    assertEquals(ProcessRunner.javaBinary(), r.command().get(0));
    assertEquals("-Xmx256m", r.command().get(1));
    for (ProcessResult.Run run : r.runs()) {
      assertTrue(run.wallNanos() >= 100_000_000L, "it sleeps 100 ms: " + run.wallNanos());
      if (ProcStatus.available()) {
        assertTrue(run.peakRssBytes() > 64L * 1024 * 1024, "it touches 64 MiB: " + run.peakRssBytes());
      } else {
        assertFalse(run.hasPeak());
      }
      assertNull(run.problem());
    }
  }

  @Test
  void aFailingProcessIsReportedWithItsExitAndError() {
    ProcessResult r = runner.run(fake("fail"));

    assertFalse(r.allCorrect());
    assertEquals(3, r.runs().get(0).exit());
    assertEquals("exit 3: fake: told to fail", r.runs().get(0).problem());
  }

  @Test
  void theBgpCommandIsUnavailableWhereItIsNotOnTheClassPath() {
    ProcessProbe bgp = ProcessProbe.bgp("om", "om", 1, 156, "om", "--generals", "7", "--json");
    assertThrows(IllegalStateException.class, () -> ProcessRunner.command(bgp));

    ProcessResult r = runner.run(bgp);
    assertFalse(r.ran());
    assertTrue(r.unavailable().contains("not on the class path"), r.unavailable());
  }

  @Test
  void theBgpCommandRunsFromTheJarItsPropertyNames(@TempDir Path dir) throws Exception {
    Path jar = Files.write(dir.resolve("bgp.jar"), new byte[] {0});
    ProcessProbe bgp = ProcessProbe.bgp("om", "om", 1, 156, "om", "--generals", "7", "--json");

    assertEquals(List.of(ProcessRunner.javaBinary(), "-jar", jar.toString(), "om", "--generals", "7", "--json"),
        ProcessRunner.command(bgp, jar.toString()));
    IllegalStateException missing = assertThrows(IllegalStateException.class,
        () -> ProcessRunner.command(bgp, dir.resolve("gone.jar").toString()));
    assertTrue(missing.getMessage().contains("gone.jar (-Dbgp.jar) is missing"), missing.getMessage());
    // Other programs run as before, whatever the property says.
    assertEquals(FakeAgreement.class.getName(), ProcessRunner.command(fake(), jar.toString()).get(4));
  }

  @Test
  void theLauncherIsTheOneNextToTheBuiltJar(@org.junit.jupiter.api.io.TempDir java.nio.file.Path root) throws Exception {
    java.nio.file.Path jar = root.resolve("bgp-cli/target/bgp.jar");
    java.nio.file.Files.createDirectories(jar.getParent());
    java.nio.file.Files.write(jar, new byte[0]);
    assertTrue(ProcessRunner.launcherOf(jar).isEmpty(), "no launcher yet");
    java.nio.file.Path launcher = java.nio.file.Files.writeString(root.resolve("bgp"), "#!/bin/sh\n");
    assertTrue(launcher.toFile().setExecutable(true));
    assertEquals(java.util.Optional.of(launcher), ProcessRunner.launcherOf(jar));
    java.nio.file.Path elsewhere = java.nio.file.Files.write(root.resolve("bgp-cli/target/other.jar"), new byte[0]);
    assertTrue(ProcessRunner.launcherOf(elsewhere).isEmpty(), "only bgp-cli/target/bgp.jar is the launcher's");
  }

  @Test
  void probesShowAsTheirCommands() {
    assertEquals("bgp om --generals 19 --m 6 --json",
        ProcessProbe.bgp("x", "x", 1, 1, "om", "--generals", "19", "--m", "6", "--json").display());
    assertEquals("BGP_JAVA_OPTS=-Xmx20g bgp om --generals 22", ProcessProbe.bgp("x", "x", 1, 1, List.of("-Xmx20g"),
        "om", "--generals", "22").display());
    assertEquals("java -Xmx6g BaselineMain naive 16:5", new ProcessProbe("x", "x", "io.github.bgp.bench.BaselineMain",
        List.of("-Xmx6g"), List.of("naive", "16:5"), 1, 1).display());
  }
}
