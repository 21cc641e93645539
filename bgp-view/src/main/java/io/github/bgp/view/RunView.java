package io.github.bgp.view;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.bgp.api.CommitProtocol;
import io.github.bgp.api.CommitScenario;
import io.github.bgp.api.Outcome;
import io.github.bgp.generals.SearchResult;
import io.github.bgp.sim.Faults;
import io.github.bgp.sim.Simulation;
import java.util.List;
import java.util.Objects;

/**
 * One run as the view draws it: the JSON the page reads (what {@code bgp view} serves and
 * {@code --html} writes into its file), and the run's events for a space-time diagram, which
 * {@link #shiviz()} writes as a ShiViz log.
 *
 * <p>An agreement run shows the generals and every logical message of each round, each lie
 * beside its honest value, each lieutenant's tree of what it heard folded to its decision, and
 * the frames on the generals' lines at their Lamport times. A commit run shows every node's
 * steps and notes in time: messages tied from send to receipt, log forces, timers, state
 * transitions, crashes and restarts with what each node recovered. The two generals show the
 * timelines the exhaustive search found. Runs are drawn from traced runs only.
 */
public final class RunView {

  /**
   * The most logical messages a view draws: a page of a hundred thousand arrows helps nobody,
   * and its file would be tens of megabytes.
   */
  public static final long MAX_MESSAGES = 20_000;

  private final ObjectNode json;
  private final SpaceTime spaceTime;

  private RunView(ObjectNode json, SpaceTime spaceTime) {
    this.json = json;
    this.spaceTime = spaceTime;
  }

  /**
   * The view of a traced agreement run.
   *
   * @throws IllegalArgumentException if the run was not traced, or sent more than {@link #MAX_MESSAGES}
   */
  public static RunView agreement(Outcome outcome) {
    Objects.requireNonNull(outcome, "outcome");
    if (outcome.messages() > MAX_MESSAGES) {
      throw new IllegalArgumentException(String.format(java.util.Locale.ROOT, "the view draws at most %,d messages"
          + " and this run sends %,d: choose fewer generals or a smaller m", MAX_MESSAGES, outcome.messages()));
    }
    SpaceTime st = new SpaceTime(AgreementModel.hosts(outcome.scenario()));
    ObjectNode json = AgreementModel.build(outcome, st);
    json.set("hosts", hosts(st));
    json.set("events", st.json());
    return new RunView(json, st);
  }

  /**
   * The view of a traced commit run: the scenario and faults it ran with, and what the
   * simulator recorded ({@link Simulation#run}).
   *
   * @throws IllegalArgumentException if the run was not traced
   */
  public static RunView commit(CommitProtocol protocol, CommitScenario scenario, Faults faults,
      Simulation.CommitRun run) {
    Objects.requireNonNull(scenario, "scenario");
    SpaceTime st = new SpaceTime(CommitModel.hosts(scenario));
    ObjectNode json = CommitModel.build(protocol, scenario, faults, run, st);
    json.set("hosts", hosts(st));
    return new RunView(json, st);
  }

  /**
   * The view of the two generals' exhaustive search, one or more protocols.
   *
   * @throws IllegalArgumentException if {@code searches} is empty
   */
  public static RunView twoGenerals(List<SearchResult> searches) {
    return new RunView(GeneralsModel.build(List.copyOf(searches)), null);
  }

  private static com.fasterxml.jackson.databind.node.ArrayNode hosts(SpaceTime st) {
    com.fasterxml.jackson.databind.node.ArrayNode a = Json.array();
    st.hosts().forEach(a::add);
    return a;
  }

  /**
   * This view, saying which command made it (shown on the page, so that a student can run it
   * again): {@code bgp om --generals 7 --traitors 3,4}.
   */
  public RunView command(String commandLine) {
    ObjectNode copy = json.deepCopy();
    copy.put("command", Objects.requireNonNull(commandLine, "commandLine"));
    return new RunView(copy, spaceTime);
  }

  /** What the page's heading says: {@code OM(2) with 7 generals, traitors lieutenant 3 and lieutenant 4}. */
  public String title() {
    return json.get("title").asText();
  }

  /** The JSON the page draws, on one line. */
  public String json() {
    return Json.write(json);
  }

  /** Whether the run has events to export as a ShiViz log (the two generals' search has none). */
  public boolean hasEvents() {
    return spaceTime != null;
  }

  /**
   * The run's events as a ShiViz log, vector clocks derived from its causality ({@link ShiViz}).
   *
   * @throws IllegalStateException if the view has no events ({@link #hasEvents()})
   */
  public String shiviz() {
    if (spaceTime == null) {
      throw new IllegalStateException("the two generals' search has no events of a run to export to ShiViz");
    }
    return ShiViz.log(spaceTime);
  }
}
