package io.github.bgp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.bgp.api.Protocols;
import io.github.bgp.view.RunView;
import io.github.bgp.view.ViewServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --html} and {@code --shiviz} on the run commands, and {@code bgp view}'s runs: the
 * command itself, parsed and checked as on the command line, its view taken instead of written.
 * (The page in a real browser: bgp-view's browser tests, {@code mvn -Pbrowser}.)
 */
class ViewCommandTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Pattern DATA =
      Pattern.compile("<script id=\"bgp-run\" type=\"application/json\">(.*?)</script>", Pattern.DOTALL);

  private static JsonNode runIn(Path html) throws Exception {
    Matcher m = DATA.matcher(Files.readString(html));
    assertTrue(m.find(), "the page holds its run");
    return MAPPER.readTree(m.group(1));
  }

  @Test
  void theIssuesCommandWritesOneFileWithTheRunAndTheCommandInside(@TempDir Path dir) throws Exception {
    Path html = dir.resolve("run.html");

    Cli.Result r = Cli.run("om", "--generals", "7", "--traitors", "3,4", "--html", html.toString());

    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().contains("IC1"), "the command's own report is printed as usual");
    JsonNode run = runIn(html);
    assertEquals("bgp om --generals 7 --traitors 3,4", run.get("command").asText());
    assertEquals(156, run.get("messages").size());
    assertEquals(26, run.get("trees").get("1").get("messages").asInt());
    assertEquals(run.get("trees").get("1").get("decision"), run.get("trees").get("1").get("fold"));
  }

  @Test
  void aCommitRunWithACrashWritesItsPageAndItsShiVizLog(@TempDir Path dir) throws Exception {
    Path html = dir.resolve("2pc.html");
    Path log = dir.resolve("2pc.log");

    Cli.Result r = Cli.run("2pc", "--crash", "0:5:after:100", "--html", html.toString(), "--shiviz", log.toString());

    assertEquals(0, r.exit(), r.err());
    JsonNode run = runIn(html);
    assertEquals("commit", run.get("kind").asText());
    assertEquals("bgp 2pc --crash 0:5:after:100", run.get("command").asText());
    List<String> lines = Files.readAllLines(log);
    assertEquals(io.github.bgp.view.ShiViz.REGEX, lines.get(0));
    assertEquals(run.get("events").size() * 2, lines.size() - 2, "two lines an event, after the two of the header");
    assertTrue(lines.contains("crashes just after its step 5; it restarts at t=102"), lines.toString());
  }

  @Test
  void theTwoGeneralsWriteTheirTimelinesButHaveNoEventsForShiViz(@TempDir Path dir) throws Exception {
    Path html = dir.resolve("tg.html");
    Cli.Result ok = Cli.run("two-generals", "--family", "acks", "--k", "2", "--trials", "10", "--html",
        html.toString());
    assertEquals(0, ok.exit(), ok.err());
    assertEquals("two-generals", runIn(html).get("kind").asText());

    Path log = dir.resolve("tg.log");
    Cli.Result refused = Cli.run("two-generals", "--k", "1", "--trials", "10", "--shiviz", log.toString());
    assertEquals(2, refused.exit());
    assertTrue(refused.err().startsWith("bgp: --shiviz exports the events of a run"), refused.err());
    assertFalse(Files.exists(log));
  }

  @Test
  void modesWithoutOneRunInTheSimulatorRefuseTheViewInOneLine() {
    assertRefused("--html draws one run in the simulator, not with --search", "om", "-n", "4", "--search",
        "--html", "x.html");
    assertRefused("--shiviz draws one run in the simulator, not with --evaluate", "om", "-n", "4", "--evaluate",
        "--shiviz", "x.log");
    assertRefused("--html and --shiviz draw one run in the simulator, not with --recovery-table", "2pc",
        "--recovery-table", "--html", "x.html", "--shiviz", "x.log");
    assertRefused("--html draws one run in the simulator, not with --scenarios", "om", "--scenarios", "runs.jsonl",
        "--html", "x.html");
  }

  @Test
  void aFileThatCannotBeWrittenIsNamed(@TempDir Path dir) {
    Path missing = dir.resolve("no-such-dir").resolve("run.html");
    Cli.Result r = Cli.run("om", "-n", "4", "--html", missing.toString());
    assertEquals(2, r.exit());
    assertTrue(r.err().startsWith("bgp: cannot write --html " + missing), r.err());
  }

  @Test
  void thePageRunsTheCommandAsTheCommandLineWould() {
    RunView v = ViewCommand.run(Protocols.all(), "om", List.of(new ViewServer.Option("--generals", "7"),
        new ViewServer.Option("--traitors", "3,4"), new ViewServer.Option("--strategy", "3=flip,4=split")));
    assertTrue(v.json().contains("\"command\":\"bgp om --generals 7 --traitors 3,4 --strategy 3=flip,4=split\""));
    assertTrue(v.title().startsWith("OM(2) with 7 generals"), v.title());

    IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () -> ViewCommand.run(
        Protocols.all(), "om", List.of(new ViewServer.Option("--generals", "7"),
            new ViewServer.Option("--lie", "0.1>2=RETREAT"))));
    assertFalse(bad.getMessage().startsWith("bgp:"), bad.getMessage());
    assertTrue(bad.getMessage().contains("traitor"), "the command's own complaint: " + bad.getMessage());

    IllegalArgumentException file = assertThrows(IllegalArgumentException.class, () -> ViewCommand.run(
        Protocols.all(), "2pc", List.of(new ViewServer.Option("--log-dir", "/tmp/x"))));
    assertTrue(file.getMessage().startsWith("--log-dir is not for the page"), file.getMessage());

    IllegalArgumentException tcp = assertThrows(IllegalArgumentException.class, () -> ViewCommand.run(
        Protocols.all(), "om", List.of(new ViewServer.Option("--generals", "4"),
            new ViewServer.Option("--transport", "tcp"))));
    assertTrue(tcp.getMessage().startsWith("bgp view draws one run in the simulator"), tcp.getMessage());
  }

  @Test
  void theServerOffersEveryProtocolsCommandAndRunsThemOverHttp() throws Exception {
    List<String> names = new ArrayList<>();
    ViewCommand.commands(Protocols.all()).forEach(c -> names.add(c.name() + ":" + c.family()));
    assertTrue(names.containsAll(List.of("om:agreement", "sm:agreement", "2pc:commit", "two-generals:two-generals")),
        names.toString());

    try (ViewServer server = ViewCommand.start(0, Protocols.all())) {
      HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30)).build();
      HttpResponse<String> commands = http.send(HttpRequest.newBuilder(server.url().resolve("/api/commands"))
          .timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
      assertEquals(200, commands.statusCode());
      assertEquals(names.size(), MAPPER.readTree(commands.body()).size());

      HttpResponse<String> run = post(http, server.url().resolve("/api/run"),
          "{\"command\": \"2pc\", \"options\": [[\"--crash\", \"0:5:after:100\"]]}");
      assertEquals(200, run.statusCode(), run.body());
      JsonNode j = MAPPER.readTree(run.body());
      assertEquals("commit", j.get("kind").asText());
      assertEquals("bgp 2pc --crash 0:5:after:100", j.get("command").asText());

      HttpResponse<String> bad = post(http, server.url().resolve("/api/run"),
          "{\"command\": \"2pc\", \"options\": [[\"--crash\", \"0:999:after\"]]}");
      assertEquals(400, bad.statusCode());
      assertTrue(MAPPER.readTree(bad.body()).get("error").asText().contains("never reaches step 999"), bad.body());
    }
  }

  @Test
  void aBadPortIsRefusedInOneLine() {
    Cli.Result r = Cli.run("view", "--port", "70000");
    assertEquals(2, r.exit());
    assertTrue(r.err().startsWith("bgp: --port must be 0..65535"), r.err());
  }

  private static HttpResponse<String> post(HttpClient http, URI uri, String body) throws Exception {
    return http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static void assertRefused(String start, String... args) {
    Cli.Result r = Cli.run(args);
    assertEquals(2, r.exit(), r.out());
    assertEquals(1, r.errLines().size(), r.err());
    assertTrue(r.err().startsWith("bgp: " + start), r.err());
  }
}
