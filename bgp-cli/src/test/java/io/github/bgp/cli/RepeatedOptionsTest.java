package io.github.bgp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Every option of the scenario commands given twice: merged where that means something (the
 * traitors, the lies, the crashes, the votes), refused in one line naming it otherwise. Never
 * dropped: picocli's argument groups used to start a new group on a repeated option and keep only
 * the last one, so {@code om -t 3,4 -s flip -n 7 -n 7} ran without traitors.
 */
class RepeatedOptionsTest {

  /** The options that gather every occurrence, by command. */
  private static final Map<String, Set<String>> MERGED = Map.of(
      "om", Set.of("--traitors", "--lie", "--partition"),
      "sm", Set.of("--traitors", "--lie", "--partition"),
      "2pc", Set.of("--votes", "--crash", "--partition", "--search-faults"));

  /** A value of the right form for each option that takes one (whether the run makes sense does not matter). */
  private static final Map<String, String> SAMPLE = Map.ofEntries(
      Map.entry("--generals", "4"), Map.entry("--m", "1"), Map.entry("--traitors", "1"),
      Map.entry("--order", "ATTACK"), Map.entry("--strategy", "flip"), Map.entry("--lie", "0.1>2=RETREAT"),
      Map.entry("--seed", "3"), Map.entry("--majority", "default"), Map.entry("--scenarios", "runs.jsonl"),
      Map.entry("--tries", "5"), Map.entry("--transport", "memory"), Map.entry("--round-timeout", "100"),
      Map.entry("--only", "1"),
      Map.entry("--participants", "2"), Map.entry("--transactions", "2"), Map.entry("--gap", "3"),
      Map.entry("--votes", "1:cc"), Map.entry("--abort-rate", "0.1"), Map.entry("--scenario", "w.json"),
      Map.entry("--crash", "0:1:after"), Map.entry("--loss", "0.1"), Map.entry("--duplicate", "0.1"),
      Map.entry("--delay", "2"), Map.entry("--log-dir", "logs"), Map.entry("--tolerance", "1"),
      Map.entry("--html", "run.html"), Map.entry("--shiviz", "run.log"));

  @ParameterizedTest
  @ValueSource(strings = {"om", "sm", "2pc"})
  void everySingleValuedOptionGivenTwiceIsRefusedInOneLineNamingIt(String command) {
    List<OptionSpec> options = options(command);
    Set<String> lists = new TreeSet<>();
    for (OptionSpec o : options) {
      String name = o.longestName();
      if (o.isMultiValue()) {
        lists.add(name);
        continue;
      }
      List<String> args = new ArrayList<>(List.of(command));
      for (int twice = 0; twice < 2; twice++) {
        args.add(twice == 0 ? name : o.shortestName());
        if (o.arity().min() > 0) {
          String value = SAMPLE.get(name);
          assertNotNull(value, command + " " + name + " needs a sample value in this test");
          args.add(value);
        }
      }

      Cli.Result r = Cli.run(args.toArray(new String[0]));

      assertEquals(2, r.exit(), args + ": " + r.out());
      assertEquals(1, r.errLines().size(), args + ": " + r.err());
      assertTrue(r.err().startsWith("bgp: option '" + name + "'") && r.err().contains("should be specified only once"),
          args + ": " + r.err());
      assertEquals("", r.out(), args.toString());
    }
    assertEquals(MERGED.get(command), lists, "the options of " + command + " that gather every occurrence");
  }

  @Test
  void theIssuesCasesAreRefused() {
    assertRefused("--generals", "om", "-t", "3,4", "-s", "flip", "-n", "7", "-n", "7");
    assertRefused("--strategy", "om", "-s", "split", "-s", "flip", "-n", "4");
    assertRefused("--loss", "2pc", "--loss", "0.1", "--loss", "0.1", "--crash", "0:4:after");
    assertRefused("--json", "om", "-n", "4", "--json", "--trace", "--json");
  }

  @Test
  void traitorsGatherFromEveryOccurrence() throws Exception {
    JsonNode apart = json("om", "-n", "7", "-t", "3", "--seed", "5", "-t", "4", "--json");
    JsonNode together = json("om", "-n", "7", "-t", "3,4", "--seed", "5", "--json");

    assertEquals("[3,4]", apart.get("traitors").toString());
    assertEquals(together, apart);
    Cli.Result twice = Cli.run("om", "-n", "7", "-t", "3", "-t", "3");
    assertEquals(2, twice.exit());
    assertEquals("bgp: traitor 3 is listed twice", twice.err().strip());
  }

  @Test
  void liesGatherFromEveryOccurrence() throws Exception {
    JsonNode j = json("om", "-n", "4", "-t", "0", "--lie", "0>1=RETREAT", "-s", "honest", "--lie", "0>2=RETREAT",
        "--json", "--trace");

    assertEquals("{\"0>1\":\"RETREAT\",\"0>2\":\"RETREAT\"}", j.get("lies").toString());
    int told = 0;
    for (JsonNode m : j.get("trace")) {
      if (m.get("path").size() == 1 && m.get("value").asText().equals("RETREAT")) {
        told++;
      }
    }
    assertEquals(2, told);
  }

  @Test
  void crashesAndVotesGatherFromEveryOccurrence() throws Exception {
    JsonNode j = json("2pc", "-p", "2", "-t", "2", "--votes", "1:ca", "--crash", "1:1:after", "--votes", "2:ac",
        "--crash", "2:1:after", "--json");

    assertEquals(2, j.get("faults").get("crashes").size());
    assertEquals("[\"COMMIT\",\"ABORT\"]", j.get("transactions").get(0).get("votes").toString());
    assertEquals("[\"ABORT\",\"COMMIT\"]", j.get("transactions").get(1).get("votes").toString());
  }

  private static void assertRefused(String option, String... args) {
    Cli.Result r = Cli.run(args);
    assertEquals(2, r.exit(), r.out());
    assertEquals(1, r.errLines().size(), r.err());
    assertTrue(r.err().startsWith("bgp: option '" + option + "'"), r.err());
  }

  private static List<OptionSpec> options(String command) {
    CommandLine bgp = Main.commandLine(new ByteArrayInputStream(new byte[0]));
    CommandLine cl = bgp.getSubcommands().get(command);
    List<OptionSpec> options = new ArrayList<>();
    for (OptionSpec o : cl.getCommandSpec().options()) {
      if (!o.usageHelp() && !o.versionHelp() && !o.hidden()) {
        options.add(o);
      }
    }
    assertTrue(options.size() > 5, command + " has its options");
    return options;
  }

  private static JsonNode json(String... args) throws Exception {
    Cli.Result r = Cli.run(args);
    assertEquals(0, r.exit(), r.err());
    return Json.MAPPER.readTree(r.out());
  }
}
