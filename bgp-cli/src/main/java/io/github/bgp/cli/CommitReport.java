package io.github.bgp.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.bgp.api.CommitOutcome;
import io.github.bgp.api.CommitScenario;
import io.github.bgp.api.NodeId;
import io.github.bgp.api.Step;
import io.github.bgp.api.Verdict;
import io.github.bgp.sim.Faults;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One run of {@code bgp 2pc} (or any commit command), for people (the workload, what happened, a
 * table per transaction, whether atomicity and validity held, the cost, the seed) and for scripts
 * (one JSON object).
 */
final class CommitReport {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /** Above this many transactions, the workload's lines summarize instead of listing. */
  private static final int LISTED = 6;

  private CommitReport() {}

  /**
   * The report for people. {@code run} is the simulated run (steps, trace, nodes down), or null
   * for a run of real processes, which has none of that.
   */
  static String text(CommitScenario s, CommitOutcome o, Faults faults, SimulatedCommit run, boolean trace,
      String logDir, CommitNotes notes) {
    StringBuilder b = new StringBuilder();
    b.append(workload(notes.called(), s)).append('\n');
    b.append(votes(s)).append('\n');
    b.append(run == null ? "faults: none injected: real processes on a real network" : faults(faults)).append("\n\n");
    b.append(events(o));
    if (trace) {
      b.append('\n').append("trace (step: what --crash NODE:STEP counts):\n");
      Table t = new Table("t", "node", "step", "what").alignRight(0).alignRight(1).alignRight(2);
      for (SimulatedCommit.Line l : run.trace()) {
        t.row(Long.toString(l.time()), Integer.toString(l.node()), l.step() == 0 ? "" : Integer.toString(l.step()),
            l.what());
      }
      b.append(indent(t.render()));
    }
    Set<NodeId> down = run == null ? Set.of() : run.down();
    for (CommitOutcome.Txn t : o.transactions().values()) {
      b.append('\n').append(transaction(s, t, down));
    }
    b.append('\n').append(summary(s, o, run)).append('\n');
    b.append(atomicity(o)).append('\n');
    b.append(validity(o)).append('\n');
    b.append(decided(o)).append('\n');
    if (logDir != null) {
      b.append("logs written to ").append(logDir).append(" (node-0.log .. node-").append(s.participants())
          .append(".log); read them with: bgp ").append(notes.protocol()).append(" log ").append(logDir).append('\n');
    }
    if (faults.crashes().isEmpty() && run != null) {
      b.append(hints(run, trace, logDir != null, notes));
    }
    return b.toString();
  }

  /** {@code two-phase commit: coordinator 0, participants 1..3; 3 transactions starting at t=0, 2, 4; seed 1}. */
  static String workload(String protocol, CommitScenario s) {
    List<Long> starts = s.transactions().stream().map(CommitScenario.Txn::start).collect(Collectors.toList());
    String when;
    if (starts.isEmpty()) {
      when = "";
    } else if (starts.stream().distinct().count() == 1) {
      when = starts.size() == 1 ? " starting at t=" + starts.get(0) : ", all starting at t=" + starts.get(0);
    } else if (starts.size() <= LISTED) {
      when = " starting at t=" + starts.stream().map(String::valueOf).collect(Collectors.joining(", "));
    } else {
      when = " starting from t=" + starts.stream().mapToLong(Long::longValue).min().orElse(0) + " to t="
          + starts.stream().mapToLong(Long::longValue).max().orElse(0);
    }
    return protocol + ": coordinator 0, " + participants(s.participants()) + "; "
        + Words.plural(s.transactions().size(), "transaction") + when + "; seed " + s.seed();
  }

  private static String participants(int p) {
    return p == 1 ? "participant 1" : "participants 1.." + p;
  }

  /** {@code votes: COMMIT, except txn 2 (participant 3 votes ABORT)}. */
  static String votes(CommitScenario s) {
    List<String> vetoes = new ArrayList<>();
    for (CommitScenario.Txn t : s.transactions()) {
      if (!t.unanimous()) {
        List<NodeId> against = new ArrayList<>();
        for (int i = 0; i < t.votes().size(); i++) {
          if (t.votes().get(i) == Verdict.ABORT) {
            against.add(NodeId.of(i + 1));
          }
        }
        vetoes.add("txn " + t.transaction().id() + " (" + (against.size() == 1 ? "participant " : "participants ")
            + Words.ids(against) + " ABORT)");
      }
    }
    if (vetoes.isEmpty()) {
      return "votes: every participant votes COMMIT on every transaction";
    }
    if (vetoes.size() > LISTED) {
      return "votes: COMMIT, except that some participant votes ABORT on " + vetoes.size() + " of "
          + s.transactions().size() + " transactions (see the tables below)";
    }
    return "votes: COMMIT, except " + Words.and(vetoes);
  }

  /** {@code faults: node 0 crashes just after its step 6 and restarts 100 later; messages lost with probability 0.1}. */
  static String faults(Faults f) {
    List<String> parts = new ArrayList<>();
    for (Faults.Crash c : f.crashes()) {
      parts.add("node " + c.node() + " crashes just " + (c.after() ? "after" : "before") + " its step " + c.step()
          + (c.forGood() ? " and stays down" : " and restarts " + c.downFor() + " later"));
    }
    if (f.loss() > 0) {
      parts.add("each message lost with probability " + number(f.loss()));
    }
    if (f.duplicate() > 0) {
      parts.add("duplicated with probability " + number(f.duplicate()));
    }
    if (f.delay() > 0) {
      parts.add("up to " + f.delay() + " late");
    }
    return "faults: " + (parts.isEmpty() ? "none: no crash, every message arrives once, on time" : String.join("; ", parts));
  }

  private static String number(double p) {
    String s = String.format(Locale.ROOT, "%.6f", p).replaceAll("0+$", "");
    return s.endsWith(".") ? s + "0" : s;
  }

  private static String events(CommitOutcome o) {
    List<String> lines = new ArrayList<>(o.events());
    for (CommitOutcome.Txn t : o.blocked()) {
      lines.add("at the end, txn " + t.id() + " is BLOCKED");
    }
    if (lines.isEmpty()) {
      return "events: none (no node crashed, no transaction blocked)\n";
    }
    StringBuilder b = new StringBuilder("events:\n");
    lines.forEach(l -> b.append("  ").append(l).append('\n'));
    return b.toString();
  }

  /** The heading and table of one transaction. */
  static String transaction(CommitScenario s, CommitOutcome.Txn t, Set<NodeId> down) {
    CommitScenario.Txn spec = s.transaction(t.id());
    StringBuilder b = new StringBuilder("txn ").append(t.id()).append(" (starts at t=").append(spec.start())
        .append("): ").append(verdict(t)).append('\n');
    Table table = new Table("node", "vote", "logged");
    NodeId coordinator = s.coordinator();
    table.row("coordinator " + coordinator, "", down(t.decision().map(v -> "decided " + v).orElse("no decision"),
        down.contains(coordinator)));
    for (Map.Entry<NodeId, CommitOutcome.State> e : t.states().entrySet()) {
      NodeId p = e.getKey();
      table.row("participant " + p, spec.votes().get(p.index() - 1).toString(), down(state(e.getValue()),
          down.contains(p)));
    }
    b.append(indent(table.render()));
    return b.toString();
  }

  /** {@code COMMIT at every participant}, {@code BLOCKED: why}. */
  private static String verdict(CommitOutcome.Txn t) {
    String v;
    if (t.blocked().isPresent()) {
      v = "BLOCKED: " + t.blocked().get();
    } else if (t.outcome().isPresent()) {
      v = t.outcome().get() + " at every participant";
    } else {
      v = "undecided";
    }
    return t.atomic() ? v : "NOT ATOMIC: " + v;
  }

  /** {@code logged}, noting that its node was down at the end. */
  private static String down(String logged, boolean down) {
    if (!down) {
      return logged;
    }
    return logged.endsWith(")") ? logged.substring(0, logged.length() - 1) + "; down at the end)"
        : logged + " (down at the end)";
  }

  private static String state(CommitOutcome.State s) {
    switch (s) {
      case READY:
        return "READY (voted COMMIT, outcome unknown)";
      case INIT:
        return "INIT (logged nothing)";
      default:
        return s.toString();
    }
  }

  private static String summary(CommitScenario s, CommitOutcome o, SimulatedCommit run) {
    Table t = Table.withoutHeader(2);
    List<String> faults = new ArrayList<>();
    addCount(faults, o.counter("messages.lost"), "lost");
    addCount(faults, o.counter("messages.duplicated"), "duplicated");
    addCount(faults, o.counter("messages.to.down.nodes"), "sent to a node that was down");
    t.row("messages", Words.count(o.messages()) + " sent" + (faults.isEmpty() ? "" : " (" + String.join(", ", faults)
        + ")"));
    t.row("log forces", Words.count(o.counter("log.forces")) + " (each makes durable everything its node logged in"
        + " the same instant: group commit)");
    if (o.counter("crashes") > 0) {
      List<String> recovery = new ArrayList<>();
      long crashes = o.counter("crashes");
      recovery.add(Words.count(crashes) + (crashes == 1 ? " crash" : " crashes"));
      recovery.add(Words.plural(o.counter("restarts"), "restart"));
      recovery.add("participants asked for an outcome " + Words.plural(o.counter("termination.requests"), "time"));
      recovery.add("the coordinator repeated a decision " + Words.plural(o.counter("decisions.resent"), "time"));
      t.row("recovery", String.join("; ", recovery));
    }
    if (o.counter("events.past.horizon") > 0) {
      t.row("stopped", "at the run's time limit, with " + Words.plural(o.counter("events.past.horizon"), "event")
          + " still pending: retries that go on while a node stays down");
    }
    if (run != null) {
      t.row("steps", steps(run.steps()) + " (--crash NODE:STEP counts these)");
      t.row("seed", s.seed() + ": the same options and seed replay this run exactly");
    } else {
      t.row("seed", s.seed() + ": the same seed, the same workload (over a real network, timing may"
          + " still change which transactions time out)");
    }
    return t.render();
  }

  private static void addCount(List<String> parts, long n, String what) {
    if (n > 0) {
      parts.add(Words.count(n) + " " + what);
    }
  }

  /** {@code coordinator 14; participants 1: 5, 2: 5, 3: 6}. */
  private static String steps(int[] steps) {
    List<String> ps = new ArrayList<>();
    for (int i = 1; i < steps.length; i++) {
      ps.add(i + ": " + steps[i]);
    }
    return "coordinator " + steps[0] + "; " + (ps.size() == 1 ? "participant " : "participants ") + String.join(", ", ps);
  }

  static String atomicity(CommitOutcome o) {
    if (o.atomic()) {
      return "atomicity held: no participant committed a transaction another aborted, and none contradicts the"
          + " coordinator";
    }
    List<String> bad = new ArrayList<>();
    o.transactions().values().stream().filter(t -> !t.atomic()).forEach(t -> bad.add("txn " + t.id()));
    return "atomicity VIOLATED: " + Words.and(bad);
  }

  static String validity(CommitOutcome o) {
    if (o.valid()) {
      return "validity held: only transactions every participant voted to commit were committed";
    }
    List<String> bad = new ArrayList<>();
    for (CommitOutcome.Txn t : o.transactions().values()) {
      if (t.committed() && !t.unanimous()) {
        bad.add("txn " + t.id());
      }
    }
    return "validity VIOLATED: committed without every participant's vote: " + Words.and(bad);
  }

  static String decided(CommitOutcome o) {
    int all = o.transactions().size();
    List<CommitOutcome.Txn> blocked = o.blocked();
    if (blocked.isEmpty() && o.decided()) {
      return "decided: every transaction reached the same outcome at every participant";
    }
    List<String> ids = new ArrayList<>();
    blocked.forEach(t -> ids.add(Long.toString(t.id())));
    return "decided: " + (all - blocked.size()) + " of " + Words.plural(all, "transaction") + "; blocked: txn "
        + String.join(", ", ids) + (o.decided() ? "" : "; and some transaction is undecided without being reported"
        + " blocked");
  }

  /** What to try next: a crash at the step that makes the point. */
  private static String hints(SimulatedCommit run, boolean traced, boolean logged, CommitNotes notes) {
    Table t = Table.withoutHeader(2);
    run.firstCommitDecision().ifPresent(d -> {
      t.row("--crash 0:" + d.step() + ":after:100", "the coordinator dies just after logging COMMIT for txn "
          + d.txn() + ", before telling anyone; " + notes.afterRecovery());
      t.row("--crash 0:" + d.step() + ":after:never", "the same, but it never comes back: " + notes.neverBack());
    });
    if (!traced) {
      t.row("--trace", "everything each node did, with the steps --crash counts");
    }
    if (!logged) {
      t.row("--log-dir DIR", "write the nodes' logs, then read them with: bgp " + notes.protocol() + " log DIR");
    }
    return "\ntry:\n" + indent(t.render());
  }

  private static String indent(String lines) {
    return lines.lines().map(l -> "  " + l).collect(Collectors.joining("\n", "", "\n"));
  }

  /**
   * The run as one JSON object; {@code run} as for {@link #text}. With {@code trace}, a
   * {@code "trace"} array (the lines of the text trace, each with its {@code kind} and, for a
   * note, its {@code fields}: a state transition's role, txn, from, to and why) and a
   * {@code "stepList"} array (every step
   * of every node: node, step, kind, time, detail); {@code "steps"} stays what it always was, how
   * many steps each node took.
   */
  static ObjectNode json(CommitScenario s, CommitOutcome o, Faults faults, SimulatedCommit run, boolean trace,
      String logDir) {
    ObjectNode j = NODES.objectNode();
    j.put("protocol", o.protocol());
    j.set("scenario", CommitScenarioFile.node(s));
    ObjectNode f = j.putObject("faults");
    f.put("loss", faults.loss());
    f.put("duplicate", faults.duplicate());
    f.put("delay", faults.delay());
    ArrayNode crashes = f.putArray("crashes");
    for (Faults.Crash c : faults.crashes()) {
      ObjectNode x = crashes.addObject();
      x.put("node", c.node().index());
      x.put("step", c.step());
      x.put("when", c.after() ? "after" : "before");
      if (c.forGood()) {
        x.putNull("downtime");
      } else {
        x.put("downtime", c.downFor());
      }
      x.put("spec", CommitSpecs.spec(c));
    }
    Set<NodeId> down = run == null ? Set.of() : run.down();
    ArrayNode txns = j.putArray("transactions");
    for (CommitOutcome.Txn t : o.transactions().values()) {
      CommitScenario.Txn spec = s.transaction(t.id());
      ObjectNode x = txns.addObject();
      x.put("id", t.id());
      x.put("start", spec.start());
      ArrayNode votes = x.putArray("votes");
      spec.votes().forEach(v -> votes.add(v.name()));
      if (t.decision().isPresent()) {
        x.put("decision", t.decision().get().name());
      } else {
        x.putNull("decision");
      }
      ObjectNode states = x.putObject("states");
      t.states().forEach((p, st) -> states.put(p.toString(), st.name()));
      if (t.outcome().isPresent()) {
        x.put("outcome", t.outcome().get().name());
      } else {
        x.putNull("outcome");
      }
      x.put("atomic", t.atomic());
      if (t.blocked().isPresent()) {
        x.put("blocked", t.blocked().get());
      } else {
        x.putNull("blocked");
      }
    }
    j.put("atomic", o.atomic());
    j.put("valid", o.valid());
    j.put("decided", o.decided());
    ArrayNode blocked = j.putArray("blocked");
    o.blocked().forEach(t -> blocked.add(t.id()));
    j.put("messages", o.messages());
    j.put("logForces", o.counter("log.forces"));
    ObjectNode counters = j.putObject("counters");
    o.counters().forEach(counters::put);
    ArrayNode events = j.putArray("events");
    o.events().forEach(events::add);
    ArrayNode downAtEnd = j.putArray("down");
    down.forEach(id -> downAtEnd.add(id.index()));
    ObjectNode steps = j.putObject("steps");
    int[] taken = run == null ? new int[0] : run.steps();
    for (int i = 0; i < taken.length; i++) {
      steps.put(Integer.toString(i), taken[i]);
    }
    j.put("seed", s.seed());
    if (logDir != null) {
      j.put("logDir", logDir);
    } else {
      j.putNull("logDir");
    }
    if (trace) {
      ArrayNode lines = j.putArray("trace");
      for (SimulatedCommit.Line l : run.trace()) {
        ObjectNode x = lines.addObject();
        x.put("t", l.time());
        x.put("node", l.node());
        if (l.step() == 0) {
          x.putNull("step");
        } else {
          x.put("step", l.step());
        }
        x.put("what", l.what());
        x.put("kind", l.kind());
        ObjectNode fields = x.putObject("fields");
        l.fields().forEach(fields::put);
      }
      ArrayNode stepList = j.putArray("stepList");
      for (Step step : o.steps()) {
        ObjectNode x = stepList.addObject();
        x.put("node", step.node().index());
        x.put("step", step.number());
        x.put("kind", step.kind().name());
        x.put("time", step.time());
        x.put("detail", step.detail());
      }
    }
    return j;
  }
}
