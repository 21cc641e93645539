package io.github.bgp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code bgp two-generals}: the search's timelines, the Monte Carlo, its JSON and its chart. */
class TwoGeneralsCommandTest {

  @TempDir
  Path dir;

  @Test
  void theDefaultOutputShowsEveryProtocolsDisagreementTheTableAndTheConclusion() {
    Cli.Result r = Cli.run("two-generals");

    assertEquals(0, r.exit(), r.err());
    assertEquals("", r.err());
    String out = r.out();
    for (String family : List.of("messengers", "acks", "retries")) {
      for (int k = 1; k <= 4; k++) {
        assertTrue(out.contains("\n" + family + "(" + k + "): "), family + "(" + k + "): " + out);
      }
    }
    assertTrue(out.contains("acks(3): 1 of 8 loss patterns ends in disagreement (both attack: 1, neither: 6); the most"
        + " instructive:\n"
        + "  1  A -> B  \"attack at dawn\"  delivered\n"
        + "  2  B -> A  \"ack 1\"           delivered\n"
        + "  3  A -> B  \"ack 2\"           LOST\n"
        + "  A attacks: it received \"ack 1\" and sent its last message\n"
        + "  B does not: it never received \"ack 2\"\n"), out);
    String joined = out.replace('\n', ' ');
    assertTrue(joined.contains("100,000 runs per cell (seed 1); exact value p^k."), out);
    assertTrue(out.lines().anyMatch(l -> l.matches("0\\.1 +estimate +0\\.\\d+ .*<1\\.00e-5 *")), out);
    assertTrue(out.lines().anyMatch(l -> l.matches(" +exact +0\\.100 +0\\.0100 +0\\.00100 +1\\.00e-4 .* 1\\.00e-8")), out);
    assertTrue(out.contains("<1.00e-5: no run of 100,000 disagreed. The probability is below about 1/N, not zero"), out);
    assertTrue(out.contains("P(disagreement), log scale:  o p=0.1  x p=0.3  + p=0.5"), out);
    assertTrue(out.lines().anyMatch(l -> l.startsWith("  1e-5 |- - ") && l.endsWith("1/N")), out);
    assertTrue(joined.contains("No protocol of this kind, however many messengers it sends, makes disagreement"
        + " impossible"), out);
    assertTrue(out.lines().allMatch(l -> l.length() <= 130), "lines fit a wide terminal");
    assertTrue(out.lines().allMatch(l -> l.equals(l.stripTrailing())), "no trailing spaces");
  }

  @Test
  void theJsonHasTheSearchAndTheMonteCarlo() throws Exception {
    Cli.Result r = Cli.run("two-generals", "--json", "--k", "3", "--trials", "2000", "--messengers", "5", "--loss",
        "0.2", "0.6");

    assertEquals(0, r.exit(), r.err());
    assertEquals(1, r.outLines().size(), "one line");
    JsonNode j = Json.MAPPER.readTree(r.out());
    assertEquals(new TreeSet<>(List.of("search", "monteCarlo", "chart", "conclusion")), keys(j));
    assertEquals(9, j.get("search").size(), "3 families, k = 1..3");
    JsonNode acks3 = j.get("search").get(5);
    assertEquals("acks(3)", acks3.get("protocol").asText());
    assertEquals("acks", acks3.get("family").asText());
    assertEquals(3, acks3.get("k").asInt());
    assertEquals(8, acks3.get("patterns").asLong());
    assertEquals(1, acks3.get("bothAttack").asLong());
    assertEquals(6, acks3.get("neitherAttacks").asLong());
    assertEquals(1, acks3.get("disagreement").asLong());
    assertEquals("BOTH_ATTACK", acks3.get("allDelivered").asText());
    JsonNode chosen = acks3.get("chosen");
    assertEquals("..x", chosen.get("pattern").asText());
    assertEquals(3, chosen.get("lost").get(0).asInt());
    assertEquals("ONLY_A_ATTACKS", chosen.get("ending").asText());
    assertEquals("ack 2", chosen.get("crossings").get(2).get("text").asText());
    assertEquals(false, chosen.get("crossings").get(2).get("delivered").asBoolean());
    assertEquals("it never received \"ack 2\"", chosen.get("decisions").get("B").get("why").asText());
    for (JsonNode s : j.get("search")) {
      assertTrue(s.get("disagreement").asLong() > 0, s.toString());
      assertEquals(s.get("patterns").asLong(), s.get("bothAttack").asLong() + s.get("neitherAttacks").asLong()
          + s.get("disagreement").asLong());
    }
    JsonNode mc = j.get("monteCarlo");
    assertEquals("messengers", mc.get("family").asText());
    assertEquals(2000, mc.get("trials").asInt());
    assertEquals(10, mc.get("cells").size(), "2 rates, k = 1..5");
    JsonNode cell = mc.get("cells").get(7); // p = 0.6, k = 3
    assertEquals(0.6, cell.get("lossRate").asDouble());
    assertEquals(3, cell.get("k").asInt());
    assertEquals(0.216, cell.get("exact").asDouble(), 1e-12);
    assertEquals(cell.get("disagreements").asDouble() / 2000, cell.get("estimate").asDouble(), 1e-12);
    assertTrue(Math.abs(cell.get("estimate").asDouble() - 0.216) < 5 * Math.sqrt(0.216 * 0.784 / 2000));
    assertTrue(j.get("chart").isNull());
  }

  @Test
  void theSameSeedGivesTheSameNumbers() {
    String[] args = {"two-generals", "--json", "--k", "1", "--trials", "3000"};
    Cli.Result a = Cli.run(args);
    Cli.Result b = Cli.run(args);
    Cli.Result c = Cli.run("two-generals", "--json", "--k", "1", "--trials", "3000", "--seed", "2");

    assertEquals(a.out(), b.out());
    assertNotEquals(a.out(), c.out());
  }

  @Test
  void chartsAreWrittenAsPngOrSvg() throws Exception {
    Path png = dir.resolve("curve.png");
    Cli.Result r = Cli.run("two-generals", "--k", "1", "--trials", "5000", "--chart", png.toString());

    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().endsWith("chart written to " + png + "\n"), r.out());
    BufferedImage image = ImageIO.read(png.toFile());
    assertNotNull(image, "the PNG decodes");
    assertTrue(image.getWidth() > 500 && image.getHeight() > 300);

    Path svg = dir.resolve("curve.svg");
    Cli.Result s = Cli.run("two-generals", "--k", "1", "--trials", "5000", "--monte-carlo", "retries", "--json",
        "--chart", svg.toString());
    assertEquals(0, s.exit(), s.err());
    assertEquals(svg.toString(), Json.MAPPER.readTree(s.out()).get("chart").asText());
    assertTrue(Files.readString(svg, StandardCharsets.UTF_8).contains("<svg"));
  }

  @Test
  void theFamiliesAndTheMonteCarloCanBeChosen() {
    Cli.Result r = Cli.run("two-generals", "--family", "retries", "--k", "10", "--monte-carlo", "acks", "--trials", "1000",
        "--messengers", "3");

    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().contains("retries(10): "), r.out());
    assertTrue(!r.out().contains("acks(1): "), "acks was not searched");
    String joined = r.out().replace('\n', ' ');
    assertTrue(joined.contains("under acks(k) (k: how many messages the handshake has)"), r.out());
    assertTrue(joined.contains("exact value (1-p)^(k-1)*p."), r.out());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "--k 0                  | bgp: --k must be at least 1, got 0",
      "--k 11                 | bgp: --k 11: retries(11) can send 22 messengers, 4,194,304 loss patterns; the search"
          + " stops at 20 messengers (--k 10 at most with retries)",
      "--k 21 --family acks   | bgp: --k 21: acks(21) can send 21 messengers",
      "--loss 1.5             | bgp: --loss 1.5: a loss rate is a probability strictly between 0 and 1",
      "--loss 0               | bgp: --loss 0: a loss rate is a probability strictly between 0 and 1",
      "--loss 0.3,0.3         | bgp: --loss lists a rate twice",
      "--loss half            | bgp: Invalid value for option '--loss' at index 0 (RATE): 'half' is not a double",
      "--messengers 0         | bgp: --messengers must be from 1 to 20, got 0",
      "--messengers 21        | bgp: --messengers must be from 1 to 20, got 21",
      "--trials 0             | bgp: --trials must be at least 1, got 0",
      "--family acked         | bgp: --family: unknown protocol family 'acked' (expected messengers, acks or retries)",
      "--family acks,acks     | bgp: --family lists acks twice",
      "--monte-carlo chain    | bgp: --monte-carlo: unknown protocol family 'chain'",
      "--chart out.jpg        | bgp: --chart out.jpg: a chart is written as .png or .svg, by its file name",
      "--k seven              | bgp: Invalid value for option '--k': 'seven' is not an int (see bgp two-generals --help)",
      "--bogus                | bgp: Unknown option: '--bogus' (see bgp two-generals --help)",
  })
  void badArgumentsGiveOneLineAndExitCode2(String args, String message) {
    List<String> all = new java.util.ArrayList<>(List.of("two-generals"));
    all.addAll(List.of(args.split(" ")));
    Cli.Result r = Cli.run(all.toArray(new String[0]));

    assertEquals(2, r.exit(), r.err());
    assertEquals("", r.out());
    assertEquals(1, r.errLines().size(), r.err());
    assertTrue(r.errLines().get(0).startsWith(message), r.err());
    ErrorsTest.assertNoStackTrace(r);
  }

  @Test
  void anUnwritableChartIsOneLine() {
    Path missing = dir.resolve("no/such/dir/c.png");
    Cli.Result r = Cli.run("two-generals", "--k", "1", "--trials", "10", "--chart", missing.toString());

    assertEquals(2, r.exit(), r.err());
    assertEquals(1, r.errLines().size(), r.err());
    assertTrue(r.errLines().get(0).startsWith("bgp: cannot write the chart to " + missing), r.err());
  }

  @Test
  void aChartThatCannotBeWrittenIsRefusedBeforeTheMonteCarloRunsAndSaysWhy() throws Exception {
    Path missing = dir.resolve("no/such/dir/c.png");
    // a billion trials a cell: refused at once, or this would run for hours
    Cli.Result r = assertTimeoutPreemptively(Duration.ofSeconds(30),
        () -> Cli.run("two-generals", "--k", "1", "--trials", "1000000000", "--chart", missing.toString()));

    assertEquals(2, r.exit(), r.err());
    assertEquals(List.of("bgp: cannot write the chart to " + missing + ": the directory " + missing.getParent()
        + " does not exist"), r.errLines());

    Path folder = Files.createDirectory(dir.resolve("chart.svg"));
    Cli.Result d = assertTimeoutPreemptively(Duration.ofSeconds(30),
        () -> Cli.run("two-generals", "--k", "1", "--trials", "1000000000", "--chart", folder.toString()));
    assertEquals(2, d.exit(), d.err());
    assertEquals(List.of("bgp: cannot write the chart to " + folder + ": it is a directory; give a file name ending"
        + " in .png or .svg"), d.errLines());
  }

  @Test
  void helpTeaches() {
    Cli.Result r = Cli.run("two-generals", "--help");

    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().startsWith("Show that no protocol of messengers makes two generals sure to attack together.\n"
        + "Usage: bgp two-generals"), r.out());
    for (String s : List.of("--k=MAX", "--loss=RATE", "--messengers=MAX", "--trials=N", "--seed=S", "--json",
        "--chart=FILE", "--family=NAME", "--monte-carlo=FAMILY", "messengers(k)", "acks(k)", "retries(k)",
        "(1-p)^(k-1)*p", "Why none can work")) {
      assertTrue(r.out().contains(s), s + ": " + r.out());
    }
    assertTrue(Cli.run("--help").out().contains("two-generals"));
  }

  private static Set<String> keys(JsonNode o) {
    Set<String> keys = new TreeSet<>();
    o.fieldNames().forEachRemaining(keys::add);
    return keys;
  }
}
