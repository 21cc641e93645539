package io.github.bgp.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.bgp.api.NodeId;
import io.github.bgp.api.Outcome;
import io.github.bgp.api.Scenario;
import io.github.bgp.api.Strategy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/**
 * The view in a real headless Chromium: the served page sets up and runs scenarios and steps
 * through them, forward and back; the file {@code --html} writes opens from {@code file://}.
 * Screenshots are kept under target/browser. Only {@code mvn -Pbrowser} runs these.
 */
@Tag("browser")
class ViewBrowserTest {

  private Chromium chromium;
  private ViewServer server;

  @BeforeEach
  void start() throws Exception {
    server = ViewServer.start(0, Runs.commands(), Runs.runner());
    chromium = new Chromium();
  }

  @AfterEach
  void stop() {
    try {
      if (chromium != null) {
        chromium.close();
      }
    } finally {
      server.close();
    }
  }

  /** Opens the served page, chooses {@code command}, lets {@code setUp} fill the form, runs it. */
  private void run(String command, Runnable setUp) {
    chromium.driver.get(server.url().toString());
    chromium.until(d -> new Select(chromium.find("#protocol")).getOptions().size() == Runs.commands().size());
    new Select(chromium.find("#protocol")).selectByValue(command);
    setUp.run();
    chromium.find("#run").click();
    chromium.until(d -> {
      String state = chromium.find("#status").getAttribute("data-state");
      if (state.equals("error")) {
        throw new AssertionError("the run failed: " + chromium.find("#error").getText());
      }
      return state.equals("ready");
    });
    chromium.until(ExpectedConditions.visibilityOfElementLocated(By.id("player")));
  }

  private void type(String id, String text) {
    WebElement e = chromium.find("#" + id);
    e.clear();
    e.sendKeys(text);
  }

  private int step() {
    return Integer.parseInt(chromium.find("#panels").getAttribute("data-step"));
  }

  private int steps() {
    return Integer.parseInt(chromium.find("#scrub").getAttribute("max")) + 1;
  }

  private void next() {
    int before = step();
    chromium.find("#next").click();
    chromium.until(d -> step() == before + 1);
  }

  private void previous() {
    int before = step();
    chromium.find("#prev").click();
    chromium.until(d -> step() == before - 1);
  }

  @Test
  void thePageLoadsRunsAScenarioAndSteppingChangesWhatIsShown() {
    run("om", () -> {
      type("generals", "4");
      type("traitors", "3");
    });
    assertEquals("OM(1) with 4 generals, traitor lieutenant 3", chromium.find("#run-title").getText());
    assertEquals(0, step());
    String first = chromium.find("#step-label").getText();
    assertEquals(0, chromium.count("#circle path.arrow"), "before the first round, no message is on its way");

    next();
    assertNotEquals(first, chromium.find("#step-label").getText());
    assertEquals(3, chromium.count("#circle path.arrow"), "round 1: the commander's order to each lieutenant");
    assertEquals("2 / " + steps(), chromium.find("#step-index").getText());

    previous();
    assertEquals(first, chromium.find("#step-label").getText());
    assertEquals(0, chromium.count("#circle path.arrow"));
    assertTrue(chromium.find("#prev").getAttribute("disabled") != null, "the first step has no step before it");
  }

  @Test
  void sevenGeneralsWithTraitorsThreeAndFourLieutenantOneHearsTwentySixMessagesAndDecides() throws Exception {
    Outcome outcome = Runs.om(7, Strategy.RANDOM, 3, 4);
    run("om", () -> {
      type("generals", "7");
      type("traitors", "3,4");
    });
    assertEquals("1", chromium.find("#tree").getAttribute("data-lieutenant"), "the first loyal lieutenant's tree");
    // Each round adds what lieutenant 1 hears in it: 1, then 5 relays, then 20.
    List<Integer> heard = new ArrayList<>();
    List<String> labels = new ArrayList<>();
    while (step() < steps() - 1) {
      next();
      labels.add(chromium.find("#step-label").getText());
      if (labels.get(labels.size() - 1).startsWith("Round")) {
        heard.add(Integer.parseInt(chromium.find("#tree").getAttribute("data-messages")));
      }
    }
    assertEquals(List.of(1, 6, 26), heard, labels.toString());
    assertEquals(26, chromium.count("#tree .tnode[data-state='heard']"), "every path of OM(2)'s tree, each heard");
    assertEquals("heard 26 of 26 messages", chromium.find("#tree-count").getText());
    String decided = outcome.decisions().get(NodeId.of(1)).value().toString();
    assertEquals(decided, chromium.find("#tree-decision").getText());
    assertTrue(chromium.count("#tree .mark.lie") > 0, "the traitors' lies are marked");
    assertEquals(1, chromium.count("#tree-card .vote"), "OM(2): the root's vote table");
    assertTrue(chromium.find("#tree-card .vote .vote-result").getText().contains(decided + " \u2014 the decision"),
        chromium.find("#tree-card .vote .vote-result").getText());
    Path shot = chromium.screenshot("om-7-generals-traitors-3-4");
    assertTrue(Files.size(shot) > 10_000, shot.toString());

    // Another lieutenant's tree, chosen on the page, is its own.
    chromium.find("#tree-card button[data-lieutenant='5']").click();
    chromium.until(d -> "5".equals(chromium.find("#tree").getAttribute("data-lieutenant")));
    assertEquals(outcome.decisions().get(NodeId.of(5)).value().toString(), chromium.find("#tree-decision").getText());
  }

  @Test
  void signedMessagesShowTheSetEachLieutenantHoldsAndItsChoice() {
    Outcome outcome = Runs.agreement("sm", Scenario.builder(4).traitors(0)
        .strategy(Strategy.SPLIT).build());
    run("sm", () -> {
      type("generals", "4");
      type("traitors", "0");
      new Select(chromium.find("#strategy")).selectByValue("split");
    });
    chromium.find("#last").click();
    chromium.until(d -> step() == steps() - 1);
    String text = chromium.find("#tree-card").getText();
    assertTrue(text.contains("Holds"), text);
    assertTrue(text.contains("(not exactly one value: the fallback)"), "a splitting commander's two orders: " + text);
    assertEquals(outcome.decisions().get(NodeId.of(1)).value().toString(), chromium.find("#tree-decision").getText());
  }

  @Test
  void aCoordinatorCrashesGoesDownAndRecoversFromItsLog() throws Exception {
    RunView expected = Runs.commit(Runs.defaultWorkload(3, 3), Runs.crashAfter(0, 5, 100));
    JsonNode run = Json.MAPPER.readTree(expected.json());
    run("2pc", () -> type("crashes", "0:5:after:100"));
    String coordinator = "#machines-card .machine[data-node='0']";
    assertEquals("INIT", chromium.find(coordinator).getAttribute("data-state"));
    List<String> seen = new ArrayList<>();
    int downAt = -1;
    while (step() < steps() - 1 && !"true".equals(chromium.find(coordinator).getAttribute("data-down"))) {
      seen.add(chromium.find(coordinator).getAttribute("data-state"));
      next();
    }
    downAt = step();
    assertEquals("true", chromium.find(coordinator).getAttribute("data-down"), "the coordinator crashed: " + seen);
    assertTrue(chromium.find(coordinator).getText().contains("DOWN"));
    assertTrue(chromium.find("#step-label").getText().contains("crash"), chromium.find("#step-label").getText());

    while (step() < steps() - 1 && "true".equals(chromium.find(coordinator).getAttribute("data-down"))) {
      next();
    }
    assertEquals("false", chromium.find(coordinator).getAttribute("data-down"));
    assertTrue(chromium.count(coordinator + " .badge.recovered") == 1, "marked as recovered");
    String txn = chromium.find("#machines-card .tabs button.chosen").getAttribute("data-txn");
    JsonNode recovered = null;
    for (JsonNode e : run.get("events")) {
      if (e.get("type").asText().equals("restart") && e.get("node").asInt() == 0) {
        recovered = e.get("recovered").get("txns").get(txn);
      }
    }
    assertTrue(recovered != null, "the coordinator's log names txn " + txn);
    String note = chromium.find(coordinator + " .mnote").getText();
    assertTrue(note.startsWith("recovered at t=102 from its log: ") && note.contains("\u2192 "
        + recovered.get("state").asText()), note);
    Path shot = chromium.screenshot("2pc-coordinator-crash-and-recovery");
    assertTrue(Files.size(shot) > 10_000, shot.toString());

    // Back one step: down again. Then to the end: the transaction's outcome, as the run has it.
    previous();
    assertEquals("true", chromium.find(coordinator).getAttribute("data-down"));
    chromium.find("#last").click();
    chromium.until(d -> step() == steps() - 1);
    assertEquals(txn, chromium.find("#machines-card .tabs button.chosen").getAttribute("data-txn"));
    String outcome = null;
    for (JsonNode t : run.get("transactions")) {
      if (t.get("id").asText().equals(txn)) {
        outcome = t.get("outcome").asText();
      }
    }
    assertEquals(outcome, chromium.find(coordinator).getAttribute("data-state"), "txn " + txn);
    assertTrue(downAt > 0);
  }

  @Test
  void theTwoGeneralsShowATimelineTheSearchFoundMessengerByMessenger() throws Exception {
    JsonNode search = Json.MAPPER.readTree(Runs.twoGenerals("acks", 3).json());
    JsonNode acks3 = search.get("protocols").get(2);
    JsonNode timeline = acks3.get("timelines").get(0);
    run("two-generals", () -> {
      new Select(chromium.find("#family")).selectByVisibleText("acks");
      type("k", "3");
    });
    assertEquals(timeline.get("crossings").size() + 2, steps(), "the start, each messenger, the end");
    assertFalse(chromium.find("#valley-box").getText().contains("captured"), "no messenger has set out yet");
    chromium.find("#last").click();
    chromium.until(d -> step() == steps() - 1);
    String valley = chromium.find("#valley-box").getText();
    assertTrue(valley.contains("captured"), "the last messenger of " + timeline.get("pattern").asText() + " is lost");
    assertTrue(valley.contains("ATTACKS") && valley.contains("does not attack"), "one attacks alone: " + valley);
    chromium.screenshot("two-generals-acks-3");
  }

  @Test
  void theOfflineFileOpensFromDiskAndShowsTheRun() throws Exception {
    Path dir = Path.of(System.getProperty("bgp.view.artifacts", "target/browser"));
    Files.createDirectories(dir);
    Path file = dir.resolve("om-offline.html").toAbsolutePath();
    Outcome outcome = Runs.om(7, Strategy.RANDOM, 3, 4);
    ViewPage.write(file, RunView.agreement(outcome).command("bgp om --generals 7 --traitors 3,4"));

    chromium.driver.get(file.toUri().toString());
    chromium.until(ExpectedConditions.visibilityOfElementLocated(By.id("player")));
    assertFalse(chromium.find("#setup").isDisplayed(), "no scenario to set up: the run is in the file");
    assertEquals("bgp om --generals 7 --traitors 3,4", chromium.find("#command").getText());
    assertEquals("bgp view: OM(2) with 7 generals, traitors lieutenant 3 and lieutenant 4", chromium.driver.getTitle());
    chromium.find("#last").click();
    chromium.until(d -> step() == steps() - 1);
    assertEquals(outcome.decisions().get(NodeId.of(1)).value().toString(), chromium.find("#tree-decision").getText());
    assertEquals("26", chromium.find("#tree").getAttribute("data-messages"));
    chromium.screenshot("om-offline");
  }
}
