package io.github.bgp.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.bgp.api.CommitOutcome;
import io.github.bgp.api.CommitProtocol;
import io.github.bgp.api.CommitScenario;
import io.github.bgp.api.NodeId;
import io.github.bgp.api.Step;
import io.github.bgp.api.Transaction;
import io.github.bgp.api.Verdict;
import io.github.bgp.sim.Faults;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * The recovery table of the CS162 lecture on two-phase commit (Kubiatowicz, lecture 24): what a
 * node does when it recovers in each state. "Coordinator aborts in INIT, WAIT, or ABORT;
 * coordinator commits in COMMIT; worker aborts in INIT, ABORT; worker commits in COMMIT; worker
 * asks the coordinator in READY." Each of the eight rows is one run of one transaction with one
 * crash, and each crash is placed by the crash-free run of the same workload, never by hand: the
 * node's state transitions (its {@code state} notes) and its steps say which step enters a state
 * (the force that makes it durable) and which is the node's last in it.
 *
 * <ul>
 *   <li>in INIT: just before the force of the node's first transition out of INIT;
 *   <li>in WAIT or READY: just after the node's last step in that state (the coordinator has
 *       asked for every vote; the worker has sent its vote);
 *   <li>in ABORT or COMMIT: just after the force that enters it.
 * </ul>
 *
 * <p>The COMMIT rows and WAIT and READY run a transaction every participant votes to commit; the
 * ABORT rows one the last participant votes to abort. The worker is participant 1. The node comes
 * back after {@link CommitSpecs#DEFAULT_DOWNTIME}; what it did on recovery is its part of the
 * run's trace from its restart to its next state transition.
 */
final class RecoveryTable {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final long TXN = 1;

  /** What the lecture says a node does on recovery in a state. */
  enum Lecture {
    ABORT("aborts"), COMMIT("commits"), ASK("asks the coordinator");

    final String words;

    Lecture(String words) {
      this.words = words;
    }
  }

  /** Where in its state a row's node crashes. */
  private enum Where { BEFORE_LEAVING, LAST_STEP, ENTERING }

  /** One row of the lecture's table, before it is run. */
  private record Plan(boolean coordinator, String state, boolean aborts, Where where, Lecture lecture) {}

  private static final List<Plan> PLANS = List.of(
      new Plan(true, "INIT", false, Where.BEFORE_LEAVING, Lecture.ABORT),
      new Plan(true, "WAIT", false, Where.LAST_STEP, Lecture.ABORT),
      new Plan(true, "ABORT", true, Where.ENTERING, Lecture.ABORT),
      new Plan(true, "COMMIT", false, Where.ENTERING, Lecture.COMMIT),
      new Plan(false, "INIT", false, Where.BEFORE_LEAVING, Lecture.ABORT),
      new Plan(false, "READY", false, Where.LAST_STEP, Lecture.ASK),
      new Plan(false, "ABORT", true, Where.ENTERING, Lecture.ABORT),
      new Plan(false, "COMMIT", false, Where.ENTERING, Lecture.COMMIT));

  /**
   * One row, run.
   *
   * @param node the node that crashes
   * @param state the state it crashes in
   * @param crash the crash, found from the crash-free run
   * @param at what the step it crashes at does (before or after it)
   * @param replay the command that runs the row again, traced
   * @param log what the node's log held when it crashed
   * @param recovery what it did from its restart to its next state transition
   * @param lecture what the lecture says it does
   * @param did what it did, in a few words
   * @param agrees whether that is what the lecture says
   */
  record Row(NodeId node, String state, Faults.Crash crash, String at, String replay, List<String> log,
      List<SimulatedCommit.Line> recovery, Lecture lecture, String did, boolean agrees) {

    Row {
      log = List.copyOf(log);
      recovery = List.copyOf(recovery);
    }

    String who() {
      return node.equals(NodeId.COMMANDER) ? "coordinator" : "worker (participant " + node + ")";
    }
  }

  private RecoveryTable() {}

  /**
   * Runs the eight rows under {@code protocol} with {@code participants} participants.
   *
   * @throws UsageError if the protocol notes no state transitions to place the crashes by
   * @throws IllegalStateException if a crash placed from the crash-free run is not reached by its
   *     own run (it is the same run up to that step, so this is a bug)
   */
  static List<Row> run(CommitProtocol protocol, int participants, long seed) {
    CommitScenario commits = workload(participants, seed, false);
    CommitScenario aborts = workload(participants, seed, true);
    SimulatedCommit commitFree = SimulatedCommit.run(protocol, commits, Faults.NONE, true);
    SimulatedCommit abortFree = SimulatedCommit.run(protocol, aborts, Faults.NONE, true);
    if (commitFree.trace().stream().noneMatch(l -> l.kind().equals("state"))) {
      throw new UsageError("--recovery-table places each crash by the state transitions the protocol notes; "
          + protocol.name() + " notes none (2pc does)");
    }
    List<Row> rows = new ArrayList<>();
    for (Plan plan : PLANS) {
      CommitScenario s = plan.aborts() ? aborts : commits;
      SimulatedCommit free = plan.aborts() ? abortFree : commitFree;
      NodeId node = plan.coordinator() ? s.coordinator() : NodeId.of(1);
      Step step = place(free, node, plan);
      boolean after = plan.where() != Where.BEFORE_LEAVING;
      Faults.Crash crash = new Faults.Crash(node, step.number(), after, CommitSpecs.DEFAULT_DOWNTIME);
      Faults faults = new Faults(0, 0, 0, List.of(crash));
      SimulatedCommit run = SimulatedCommit.run(protocol, s, faults, true);
      if (!run.unreached().isEmpty()) {
        throw new IllegalStateException("the crash " + CommitSpecs.spec(crash) + " placed from the crash-free run was"
            + " never reached");
      }
      rows.add(row(protocol.name(), plan, s, step, crash, run));
    }
    return rows;
  }

  /** One transaction; in the ABORT rows' workload the last participant votes ABORT. */
  private static CommitScenario workload(int participants, long seed, boolean aborts) {
    List<Verdict> votes = new ArrayList<>(Collections.nCopies(participants, Verdict.COMMIT));
    if (aborts) {
      votes.set(participants - 1, Verdict.ABORT);
    }
    return CommitScenario.builder(participants).seed(seed).transaction(new Transaction(TXN, new byte[0]), 0, votes)
        .build();
  }

  /** The step the row's crash falls on, read from the crash-free run. */
  private static Step place(SimulatedCommit free, NodeId node, Plan plan) {
    List<SimulatedCommit.Line> transitions = free.trace().stream()
        .filter(l -> l.node() == node.index() && l.kind().equals("state") && l.fields().get("txn").equals("" + TXN))
        .toList();
    int at = -1;
    for (int i = 0; i < transitions.size(); i++) {
      SimulatedCommit.Line t = transitions.get(i);
      boolean match = plan.where() == Where.BEFORE_LEAVING ? t.fields().get("from").equals(plan.state())
          : t.fields().get("to").equals(plan.state());
      if (match) {
        at = i;
        break;
      }
    }
    if (at < 0) {
      throw new IllegalStateException("the crash-free run has no transition of node " + node + (plan.where()
          == Where.BEFORE_LEAVING ? " out of " : " into ") + plan.state() + " to place a crash by");
    }
    SimulatedCommit.Line transition = transitions.get(at);
    List<Step> steps = free.outcome().steps().stream().filter(s -> s.node().equals(node)).toList();
    Step entering = steps.stream().filter(s -> s.kind() == Step.Kind.FORCE && s.time() >= transition.time())
        .findFirst().orElseThrow(() -> new IllegalStateException("node " + node + " forces nothing after its"
            + " transition to " + transition.fields().get("to")));
    if (plan.where() != Where.LAST_STEP) {
      return entering;
    }
    long until = at + 1 < transitions.size() ? transitions.get(at + 1).time() : Long.MAX_VALUE;
    Step last = entering;
    for (Step s : steps) {
      if (s.number() > last.number() && s.time() < until) {
        last = s;
      }
    }
    return last;
  }

  private static Row row(String protocol, Plan plan, CommitScenario s, Step step, Faults.Crash crash,
      SimulatedCommit run) {
    NodeId node = crash.node();
    List<String> log = new ArrayList<>();
    for (Step x : run.outcome().steps()) {
      if (x.node().equals(node) && x.kind() == Step.Kind.FORCE
          && (x.number() < step.number() || (crash.after() && x.number() == step.number()))) {
        log.add(x.detail());
      }
    }
    List<SimulatedCommit.Line> recovery = recovery(run, node);
    CommitOutcome.Txn t = run.outcome().transactions().get(TXN);
    String did;
    boolean agrees;
    if (plan.coordinator()) {
      Optional<Verdict> decision = t.decision();
      did = decision.map(v -> "decides " + v).orElse("decides nothing: it never began txn " + TXN
          + " (presumed abort)");
      agrees = plan.lecture() == Lecture.COMMIT ? decision.equals(Optional.of(Verdict.COMMIT))
          : !decision.equals(Optional.of(Verdict.COMMIT)) && !t.committed();
    } else {
      CommitOutcome.State end = t.states().get(node);
      boolean asked = recovery.stream().anyMatch(l -> l.kind().equals("SEND")
          && l.what().endsWith(" to " + s.coordinator()) && !l.what().contains("ACK"));
      String outcome = end == CommitOutcome.State.COMMIT ? "commits" : end == CommitOutcome.State.ABORT ? "aborts"
          : "ends in " + end;
      did = (asked ? "asks the coordinator, then " : "") + outcome;
      agrees = switch (plan.lecture()) {
        case ASK -> asked && end != CommitOutcome.State.READY;
        case COMMIT -> end == CommitOutcome.State.COMMIT;
        case ABORT -> end == CommitOutcome.State.ABORT;
      };
    }
    StringBuilder replay = new StringBuilder("bgp ").append(protocol).append(" -p ").append(s.participants()).append(" -t 1");
    if (plan.aborts()) {
      replay.append(" --votes 1:").append("c".repeat(s.participants() - 1)).append('a');
    }
    replay.append(" --crash ").append(CommitSpecs.spec(crash));
    if (s.seed() != io.github.bgp.api.Scenario.DEFAULT_SEED) {
      replay.append(" --seed ").append(s.seed());
    }
    replay.append(" --trace");
    String at = (step.kind() == Step.Kind.FORCE ? "forces " : "sends ") + step.detail();
    return new Row(node, plan.state(), crash, at, replay.toString(), log, recovery, plan.lecture(), did, agrees);
  }

  /**
   * The node's lines from its restart: all of that instant, then on to its next state transition
   * (inclusive) unless it made one in that instant, at most {@value #FOLLOWING} lines more.
   */
  private static List<SimulatedCommit.Line> recovery(SimulatedCommit run, NodeId node) {
    List<SimulatedCommit.Line> lines = new ArrayList<>();
    long restart = -1;
    int following = 0;
    boolean transitioned = false;
    for (SimulatedCommit.Line l : run.trace()) {
      if (l.node() != node.index()) {
        continue;
      }
      if (restart < 0) {
        if (l.kind().equals("restart")) {
          restart = l.time();
          lines.add(l);
        }
        continue;
      }
      if (l.time() != restart && (transitioned || following == FOLLOWING)) {
        break;
      }
      lines.add(l);
      if (l.time() != restart) {
        following++;
      }
      transitioned |= l.kind().equals("state");
    }
    return lines;
  }

  /** How many lines after its restart instant a row shows of what the node did. */
  private static final int FOLLOWING = 8;

  /** The table for people: the eight rows, then each row's crash, log and recovery. */
  static String text(String protocol, List<Row> rows, int participants) {
    StringBuilder b = new StringBuilder();
    b.append("The recovery table of two-phase commit (CS162 lecture 24, Kubiatowicz)")
        .append(protocol.equals("2pc") ? "" : ", run under " + protocol).append(": each row one run of one\n")
        .append("transaction (txn 1) with ").append(Words.plural(participants, "participant"))
        .append(", the node crashing once in that state and back ").append(CommitSpecs.DEFAULT_DOWNTIME)
        .append(" later;\neach crash placed by the crash-free run's own steps and state transitions.")
        .append(" The ABORT rows run\n")
        .append("a transaction the last participant votes to abort; the worker is participant 1.\n\n");
    Table t = new Table("node", "in", "crash", "the lecture says it", "it did", "agrees");
    for (Row r : rows) {
      t.row(r.node().equals(NodeId.COMMANDER) ? "coordinator" : "worker", r.state(), "--crash "
          + CommitSpecs.spec(r.crash()), r.lecture().words, r.did(), r.agrees() ? "yes" : "NO");
    }
    b.append(t.render());
    for (Row r : rows) {
      b.append('\n').append(r.who()).append(" in ").append(r.state()).append(": crashes just ")
          .append(r.crash().after() ? "after" : "before").append(" its step ").append(r.crash().step())
          .append(" (it ").append(r.at()).append(")\n");
      b.append("  log at the crash: ").append(r.log().isEmpty() ? "nothing" : String.join("; ", r.log()))
          .append('\n');
      b.append("  on recovery:\n");
      for (SimulatedCommit.Line l : r.recovery()) {
        b.append("    t=").append(l.time()).append(l.step() == 0 ? "" : " step " + l.step()).append("  ")
            .append(l.what()).append('\n');
      }
      b.append("  replay: ").append(r.replay()).append('\n');
    }
    return b.toString();
  }

  /** The table as one JSON object. */
  static ObjectNode json(String protocol, List<Row> rows, int participants, long seed) {
    ObjectNode o = NODES.objectNode();
    o.put("protocol", protocol);
    o.put("participants", participants);
    o.put("seed", seed);
    ArrayNode all = o.putArray("rows");
    for (Row r : rows) {
      ObjectNode x = all.addObject();
      x.put("role", r.node().equals(NodeId.COMMANDER) ? "coordinator" : "worker");
      x.put("node", r.node().index());
      x.put("state", r.state());
      ObjectNode crash = x.putObject("crash");
      crash.put("step", r.crash().step());
      crash.put("when", r.crash().after() ? "after" : "before");
      crash.put("downtime", r.crash().downFor());
      crash.put("spec", CommitSpecs.spec(r.crash()));
      crash.put("at", r.at());
      ArrayNode log = x.putArray("log");
      r.log().forEach(log::add);
      ArrayNode recovery = x.putArray("recovery");
      for (SimulatedCommit.Line l : r.recovery()) {
        ObjectNode line = recovery.addObject();
        line.put("t", l.time());
        if (l.step() == 0) {
          line.putNull("step");
        } else {
          line.put("step", l.step());
        }
        line.put("kind", l.kind());
        line.put("what", l.what());
      }
      x.put("lecture", r.lecture().name());
      x.put("did", r.did());
      x.put("agrees", r.agrees());
      x.put("replay", r.replay());
    }
    return o;
  }
}
