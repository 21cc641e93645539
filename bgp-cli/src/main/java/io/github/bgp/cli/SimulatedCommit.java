package io.github.bgp.cli;

import io.github.bgp.api.CommitOutcome;
import io.github.bgp.api.CommitProtocol;
import io.github.bgp.api.CommitScenario;
import io.github.bgp.api.InstanceId;
import io.github.bgp.api.NodeId;
import io.github.bgp.api.Note;
import io.github.bgp.api.Step;
import io.github.bgp.api.Verdict;
import io.github.bgp.sim.Faults;
import io.github.bgp.sim.Simulation;
import io.github.bgp.spi.Environment;
import io.github.bgp.spi.Setup;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One simulated run of a commit protocol, as {@code bgp 2pc} (and every other commit command)
 * reports it. Everything here is read from the run ({@link Simulation.CommitRun}): each node's
 * steps are the outcome's {@link CommitOutcome#steps() steps}, the trace is the run's notes and
 * steps in order of time, the logs are what each node had forced at the end. Nothing is inferred
 * from what the protocol might have done.
 */
final class SimulatedCommit {

  /**
   * One line of the trace: at {@code time}, node {@code node} did {@code what}, as its step
   * {@code step} (0: none). {@code kind} is the note's kind ({@code state}, {@code message},
   * {@code timer}, {@code restart}, {@code crash}, ...) or the step's ({@code FORCE}, {@code SEND});
   * {@code fields} the note's fields (a state transition's role, txn, from, to and why), empty
   * for a step.
   */
  record Line(long time, int node, int step, String what, String kind, SortedMap<String, String> fields) {
    Line {
      fields = Collections.unmodifiableSortedMap(new TreeMap<>(fields));
    }
  }

  /** The coordinator's step that forced its decision to commit transaction {@code txn}. */
  record Decided(int step, long txn) {}

  /** A crash the simulator reports ({@code t=2 node 0 crashes after its step 5; ...}). */
  private static final Pattern CRASH =
      Pattern.compile("t=(\\d+) node (\\d+) crashes (after|before) its step (\\d+)\\b.*");
  /** A restart the simulator reports ({@code t=102 node 0 restarts from its log of 3 records}). */
  private static final Pattern RESTART = Pattern.compile("t=(\\d+) node (\\d+) restarts\\b.*");

  private final CommitProtocol protocol;
  private final CommitScenario scenario;
  private final Faults faults;
  private final boolean traced;
  private final Simulation.CommitRun run;
  private final List<Faults.Crash> happened = new ArrayList<>();
  private final SortedSet<NodeId> down = new TreeSet<>();
  private final int[] steps;

  private SimulatedCommit(CommitProtocol protocol, CommitScenario scenario, Faults faults, boolean traced,
      Simulation.CommitRun run) {
    this.protocol = protocol;
    this.scenario = scenario;
    this.faults = faults;
    this.traced = traced;
    this.run = run;
    this.steps = new int[protocol.nodes(scenario.spec())];
    for (Step s : run.outcome().steps()) {
      if (s.node().index() < steps.length) {
        steps[s.node().index()] = Math.max(steps[s.node().index()], s.number());
      }
    }
    readEvents();
  }

  /**
   * Runs {@code scenario} under {@code protocol} in the simulator with these faults, every
   * participant's resource voting as the scenario says; with {@code trace}, keeping every note.
   * A run the library refuses is the user's to fix.
   */
  static SimulatedCommit run(CommitProtocol protocol, CommitScenario scenario, Faults faults, boolean trace) {
    return new SimulatedCommit(protocol, scenario, faults, trace, execute(protocol, scenario, faults, trace));
  }

  private static Simulation.CommitRun execute(CommitProtocol protocol, CommitScenario scenario, Faults faults,
      boolean trace) {
    try {
      return Simulation.builder().faults(faults).trace(trace).build().run(protocol, scenario,
          Simulation.scripted(scenario));
    } catch (IllegalArgumentException e) {
      throw new UsageError(e.getMessage());
    }
  }

  /** Which planned crashes happened and which nodes were down at the end, from the run's events, in order. */
  private void readEvents() {
    for (String event : run.outcome().events()) {
      Matcher crash = CRASH.matcher(event);
      if (crash.matches()) {
        NodeId node = NodeId.of(Integer.parseInt(crash.group(2)));
        boolean after = crash.group(3).equals("after");
        int step = Integer.parseInt(crash.group(4));
        for (Faults.Crash c : faults.crashes()) {
          if (c.node().equals(node) && c.step() == step && c.after() == after) {
            happened.add(c);
          }
        }
        down.add(node);
        continue;
      }
      Matcher restart = RESTART.matcher(event);
      if (restart.matches()) {
        down.remove(NodeId.of(Integer.parseInt(restart.group(2))));
      }
    }
  }

  /** The outcome: what the logs show, with the run's counters, events and steps. */
  CommitOutcome outcome() {
    return run.outcome();
  }

  /** The simulator's record of the run: what the view draws. */
  Simulation.CommitRun commitRun() {
    return run;
  }

  /** Every node's log at the end of the run, by node: what {@code --log-dir} writes. */
  Map<NodeId, List<byte[]>> logs() {
    return run.logs();
  }

  /** The nodes that were down at the end of the run. */
  Set<NodeId> down() {
    return down;
  }

  /** How many steps each node took, by node index: the largest step a {@code --crash} can name. */
  int[] steps() {
    return steps.clone();
  }

  /** The planned crashes the run never reached: the node took fewer steps (or was down for good by then). */
  List<Faults.Crash> unreached() {
    List<Faults.Crash> unreached = new ArrayList<>(faults.crashes());
    unreached.removeAll(happened);
    return unreached;
  }

  /**
   * What every node did, in the order of time, then node: at one time and node, a restart, then
   * what it received, the timers that fired and its state transitions (the run's notes), then its
   * steps (each force of its log and each frame it sent, numbered as {@code --crash} counts them),
   * then a crash.
   *
   * @throws IllegalStateException if the run was not traced
   */
  List<Line> trace() {
    if (!traced) {
      throw new IllegalStateException("the run was not traced");
    }
    record Ranked(Line line, int rank) {}
    List<Ranked> all = new ArrayList<>();
    for (Note n : run.notes()) {
      int rank = n.kind().equals("restart") ? 0 : n.kind().equals("crash") ? 3 : 1;
      all.add(new Ranked(new Line(n.time(), n.node().index(), 0, describe(n), n.kind(), n.fields()), rank));
    }
    for (Step s : run.outcome().steps()) {
      String what = s.kind() == Step.Kind.FORCE ? "forces its log: " + s.detail() : "sends " + s.detail();
      all.add(new Ranked(new Line(s.time(), s.node().index(), s.number(), what, s.kind().name(), new TreeMap<>()), 2));
    }
    all.sort(Comparator.comparingLong((Ranked r) -> r.line().time()).thenComparingInt(r -> r.line().node())
        .thenComparingInt(Ranked::rank)); // stable: each node's notes, and its steps, in the order they happened
    List<Line> lines = new ArrayList<>();
    all.forEach(r -> lines.add(r.line()));
    return List.copyOf(lines);
  }

  /** A note of the run, for people. */
  private String describe(Note n) {
    switch (n.kind()) {
      case "message":
        return "receives " + n.field("what") + " from " + n.field("from");
      case "timer":
        return "a timer fires: " + n.field("timer");
      case "state":
        return (n.field("role").isEmpty() ? "" : n.field("role") + ": ") + n.field("from") + " -> " + n.field("to")
            + (n.field("why").isEmpty() ? "" : " (" + n.field("why") + ")") + ", txn " + n.field("txn");
      case "restart":
        return "restarts and recovers from its log of " + Words.plural(Long.parseLong(n.field("records")), "record");
      case "crash":
        return crash(n);
      default:
        List<String> fields = new ArrayList<>();
        n.fields().forEach((k, v) -> fields.add(k + " " + v));
        return n.kind() + ": " + String.join(", ", fields);
    }
  }

  /** {@code CRASHES just before its step 3, losing the records it had not forced (...); it restarts at t=43}. */
  private String crash(Note n) {
    boolean after = n.field("when").equals("after");
    int step = Integer.parseInt(n.field("step"));
    StringBuilder b = new StringBuilder("CRASHES just ").append(after ? "after" : "before").append(" its step ")
        .append(step);
    if (!after) {
      lost(n.node(), step).ifPresent(s -> b.append(s.kind() == Step.Kind.FORCE
          ? ", losing the records it had not forced (" + s.detail() + ")"
          : ", so it never sends " + s.detail()));
    }
    String restart = n.field("restart");
    b.append(restart.equals("never") ? ", and stays down" : "; it restarts at t=" + restart);
    return b.toString();
  }

  /**
   * The step a crash just before it kept from happening: the same run with the node crashing just
   * after that step instead carries it out, and is the same run up to there.
   */
  private Optional<Step> lost(NodeId node, int step) {
    List<Faults.Crash> crashes = new ArrayList<>();
    for (Faults.Crash c : faults.crashes()) {
      boolean flipped = c.node().equals(node) && c.step() == step && !c.after();
      crashes.add(flipped ? new Faults.Crash(c.node(), c.step(), true, c.downFor()) : c);
    }
    Faults instead = new Faults(faults.loss(), faults.duplicate(), faults.delay(), crashes);
    for (Step s : execute(protocol, scenario, instead, false).outcome().steps()) {
      if (s.node().equals(node) && s.number() == step) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }

  /**
   * The coordinator's first force that made a decision to commit durable, if the run has one:
   * its step, and the transaction. Read from the coordinator's log (the first record the protocol
   * marks as a {@link CommitProtocol.Milestone#DECISION decision} on a committed transaction)
   * and the steps (the force whose records include it).
   */
  Optional<Decided> firstCommitDecision() {
    NodeId coordinator = scenario.coordinator();
    Setup<?> setup = protocol.create(scenario.spec(), Environment.builder(InstanceId.fromSeed(scenario.seed()))
        .build());
    for (byte[] record : run.logs().getOrDefault(coordinator, List.of())) {
      if (protocol.milestone(record).orElse(null) != CommitProtocol.Milestone.DECISION) {
        continue;
      }
      Set<Long> txns = protocol.describeLog(List.of(record)).keySet();
      if (txns.size() != 1) {
        continue;
      }
      long txn = txns.iterator().next();
      CommitOutcome.Txn t = run.outcome().transactions().get(txn);
      if (t == null || !t.decision().equals(Optional.of(Verdict.COMMIT))) {
        continue;
      }
      String described = setup.describeRecord(record);
      for (Step s : run.outcome().steps()) {
        if (s.node().equals(coordinator) && s.kind() == Step.Kind.FORCE
            && Arrays.asList(s.detail().split("; ")).contains(described)) {
          return Optional.of(new Decided(s.number(), txn));
        }
      }
    }
    return Optional.empty();
  }
}
