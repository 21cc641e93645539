package io.github.bgp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

class ErrorsTest {

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "om --generals 1                     | bgp: generals must be at least 2 (a commander and one lieutenant), got 1",
      "om --generals 7 --traitors 9        | bgp: traitor 9 is out of range: the generals are 0..6",
      "om --generals 7 --traitors 3,3      | bgp: traitor 3 is listed twice",
      "om --generals 7 --traitors -1       | bgp: traitor -1 is out of range: node ids are non-negative",
      "om --generals 7 --strategy liar     | bgp: unknown strategy 'liar' (expected one of honest, flip, split, silent, random)",
      "om --generals 7 --majority mean     | bgp: unknown majority 'mean' (expected default or median)",
      "om --generals 7 --order charge      | bgp: not a value: 'charge' (expected ATTACK, RETREAT or an integer)",
      "om --generals 7 --m -1              | bgp: m must be at least 0, got -1",
      "om --generals 60 --m 19             | bgp: OM(19) with 60 generals is too large to run",
      "om --generals 7 --bogus             | bgp: Unknown option: '--bogus' (see bgp om --help)",
      "om --generals seven                 | bgp: Invalid value for option '--generals': 'seven' is not an int (see bgp om --help)",
      "om --generals                       | bgp: Missing required parameter for option '--generals' (N) (see bgp om --help)",
      "om                                  | bgp: missing --generals N (or --scenarios FILE) (see bgp om --help)",
      "om --generals 7 --tries 9           | bgp: --tries only applies to --search (see bgp om --help)",
      "om --generals 7 --search --traitors 1 | bgp: --search chooses the traitors and how they lie",
      "om --generals 7 --search --tries 0  | bgp: --tries must be at least 1, got 0 (see bgp om --help)",
      "om --generals 1 --search            | bgp: generals must be at least 2",
      "attack                              | bgp: Unmatched argument at index 0: 'attack' (see bgp --help)",
      "omm                                 | bgp: Unmatched argument at index 0: 'omm'; did you mean om? (see bgp --help)",
      "''                                  | bgp: missing a command: om, sm, protocols, bench, two-generals, 2pc, keys, node (see bgp --help)",
  })
  void badArgumentsGiveOneLineAndExitCode2(String args, String message) {
    Cli.Result r = Cli.run(args.isEmpty() ? new String[0] : args.split(" "));

    assertEquals(2, r.exit(), r.err());
    assertEquals("", r.out());
    assertEquals(1, r.errLines().size(), r.err());
    assertTrue(r.errLines().get(0).startsWith(message), r.err());
    assertNoStackTrace(r);
  }

  @Test
  void aBugIsAnInternalErrorInOneLine() {
    Cli.Result r = Cli.runOn(withBrokenProtocol(), "broken", "--generals", "4");

    assertEquals(1, r.exit());
    assertEquals(List.of("bgp: internal error: java.lang.IllegalStateException: the broken protocol broke over two lines"),
        r.errLines());
  }

  @Test
  void debugShowsTheStack() {
    Cli.Result r = Cli.runOn(withBrokenProtocol(), "broken", "--generals", "4", "--debug");

    assertEquals(1, r.exit());
    assertTrue(r.errLines().get(0).startsWith("bgp: internal error: "), r.err());
    assertTrue(r.err().contains("\tat io.github.bgp.cli.BrokenProtocol.create"), r.err());
  }

  @Test
  void anyAgreementProtocolRegistersByNameAlone() {
    Cli.Result r = Cli.runOn(withBrokenProtocol(), "broken", "--help");

    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().contains("Usage: bgp broken"), r.out());
    assertTrue(r.out().contains("--generals"), r.out());
  }

  @Test
  void helpAndVersionSucceed() {
    for (String[] args : List.of(new String[] {"--help"}, new String[] {"-h"}, new String[] {"--version"},
        new String[] {"om", "--help"}, new String[] {"om", "-h"}, new String[] {"protocols", "--help"})) {
      Cli.Result r = Cli.run(args);
      assertEquals(0, r.exit(), String.join(" ", args) + ": " + r.err());
      assertFalse(r.out().isEmpty(), String.join(" ", args));
    }
  }

  private static CommandLine withBrokenProtocol() {
    CommandLine bgp = Main.commandLine(new ByteArrayInputStream(new byte[0]));
    bgp.addSubcommand("broken", AgreementCommand.forProtocol("broken", new ByteArrayInputStream(new byte[0])));
    return bgp;
  }

  static void assertNoStackTrace(Cli.Result r) {
    assertFalse(r.err().contains("\tat "), r.err());
    assertFalse(r.err().contains("Exception"), r.err());
  }
}
