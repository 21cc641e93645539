package io.github.bgp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bgp 2pc bank}'s options, errors, and how it runs the bank's program from the bank jar: a
 * stand-in from the test classes takes its place (the real run starts two PostgreSQL servers and
 * takes a minute; {@code .ci/run} runs it, and {@code BankRunIT} in bgp-bank).
 */
class BankCommandTest {

  private static Path standIn() throws Exception {
    return Path.of(io.github.bgp.bank.BankMain.class.getProtectionDomain().getCodeSource().getLocation().toURI());
  }

  private static Cli.Result withJar(Path jar, String... args) {
    String before = System.getProperty(BankCommand.JAR_PROPERTY);
    System.setProperty(BankCommand.JAR_PROPERTY, jar.toString());
    try {
      return Cli.run(args);
    } finally {
      if (before == null) {
        System.clearProperty(BankCommand.JAR_PROPERTY);
      } else {
        System.setProperty(BankCommand.JAR_PROPERTY, before);
      }
    }
  }

  @Test
  void runsTheBankFromTheBankJarWithTheVictimAndPassesItsOutputOn() throws Exception {
    Cli.Result r = withJar(standIn(), "2pc", "bank", "--kill", "participant-1", "--json");

    assertEquals(0, r.exit(), r.err());
    assertEquals(List.of("fake bank: args=run --kill participant-1 --json"), r.outLines());
    assertEquals(List.of("fake bank: starting"), r.errLines());
  }

  @Test
  void theCoordinatorIsTheDefaultVictimAndABrokenInvariantKeepsExit3() throws Exception {
    Cli.Result r = withJar(standIn(), "2pc", "bank");
    assertEquals(0, r.exit(), r.err());
    assertEquals(List.of("fake bank: args=run --kill coordinator"), r.outLines());

    Cli.Result broken = withJar(standIn(), "2pc", "bank", "--kill", "participant-2");
    assertEquals(3, broken.exit(), broken.err());
  }

  @Test
  void theResourcePoolSizeIsPassedToTheBankOnlyWhenGiven() throws Exception {
    Cli.Result r = withJar(standIn(), "2pc", "bank", "--resource-threads", "8");

    assertEquals(0, r.exit(), r.err());
    assertEquals(List.of("fake bank: args=run --kill coordinator --resource-threads 8"), r.outLines());
  }

  @Test
  void anUnknownVictimIsRefusedNamingTheChoices() throws Exception {
    Cli.Result r = withJar(standIn(), "2pc", "bank", "--kill", "participant-3");

    assertEquals(2, r.exit());
    assertEquals("", r.out());
    assertTrue(r.err().contains("--kill takes coordinator, participant-1 or participant-2, not 'participant-3'"),
        r.err());
  }

  @Test
  void aMissingBankJarNamesTheCommandThatBuildsIt(@TempDir Path dir) {
    Path jar = dir.resolve("bank.jar");

    Cli.Result r = withJar(jar, "2pc", "bank");

    assertEquals(2, r.exit());
    assertEquals("", r.out());
    assertEquals(List.of("bgp: bgp 2pc bank runs the bank jar " + jar + ", which is not built; build it with: mvn -B"
        + " -DskipTests -pl bgp-bank -am package"), r.errLines());
  }

  @Test
  void onlyTwoPhaseCommitHasTheBank() {
    assertTrue(Cli.run("2pc", "--help").out().contains("[log | bank]"));
    Cli.Result r = Cli.run("3pc", "bank");
    assertEquals(2, r.exit(), r.err());
  }
}
