package io.github.bgp.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.bgp.api.CommitOutcome;
import io.github.bgp.api.CommitProtocol;
import io.github.bgp.api.CommitScenario;
import io.github.bgp.api.CommitSpec;
import io.github.bgp.api.NodeId;
import io.github.bgp.api.Verdict;
import io.github.bgp.api.Vote;
import io.github.bgp.twophase.log.Inspection;
import io.github.bgp.twophase.log.LogOwner;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;

/**
 * What {@code bgp 2pc log} checks across the logs it reads: that each is the log its file name
 * says (by its header: the cluster, the node, its role and the protocol), and that together
 * they are atomic, by the protocol's own {@link CommitProtocol#outcome} over every log of the
 * cluster: every disagreement named (transaction, which node holds what, what the coordinator
 * decided).
 */
final class CommitLogCheck {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /** What is wrong, by kind: each makes the command exit with {@link #PROBLEM}. */
  enum Kind {
    /** The header names another cluster, or another protocol, than the other logs. */
    FOREIGN,
    /** Two files hold each other's logs, by their headers. */
    SWAPPED,
    /** A file holds another node's log, by its header. */
    MISPLACED,
    /** Two files hold the same node's log. */
    DUPLICATE,
    /** The header's role is not the node's (node 0 coordinates, the others participate). */
    ROLE,
    /** No log for a node between the coordinator and the highest participant found. */
    MISSING,
    /** What was forced in the log is damaged: opening it fails. */
    CORRUPT,
    /** A log records two outcomes for one transaction. */
    CONTRADICTION,
    /** Nodes hold different outcomes for a transaction, or one the coordinator did not decide. */
    DISAGREEMENT,
    /** A transaction committed though a participant did not vote to commit it. */
    INVALID;

    String word() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** The exit status of a set of logs with a problem. */
  static final int PROBLEM = 3;

  /**
   * One problem, for people (a line) and scripts (fields).
   *
   * @param kind what kind
   * @param text one line, naming the file(s) or the transaction
   * @param fields the same as JSON fields (without {@code kind} and {@code text})
   */
  record Problem(Kind kind, String text, ObjectNode fields) {}

  /** A log as read, for the check: its file, the node its name says, and its inspection. */
  record Read(Path file, OptionalInt named, Inspection inspection, List<byte[]> records) {}

  /**
   * The result: every problem, the outcome of the logs taken together (empty if no log was
   * checked), and notes that are not problems (undecided transactions, version-1 logs).
   */
  record Result(List<Problem> problems, Optional<CommitOutcome> outcome, List<String> notes) {
    boolean ok() {
      return problems.isEmpty();
    }
  }

  private CommitLogCheck() {}

  /** Checks {@code logs}, each read as {@code protocol}'s; {@code together} if they are one cluster's (a DIR). */
  static Result check(CommitProtocol protocol, List<Read> logs, boolean together) {
    List<Problem> problems = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    String cluster = cluster(logs);
    Map<NodeId, Read> byNode = new TreeMap<>();
    for (Read r : logs) {
      String name = r.file().getFileName().toString();
      Optional<LogOwner> owner = r.inspection().owner();
      r.inspection().corruption().ifPresent(c -> problems.add(problem(Kind.CORRUPT, name + ": " + c.describe()
          + "; opening it fails, and the check reads its records before the damage", r.file(), null)));
      if (r.inspection().version() == 1) {
        notes.add(name + " is a format-version-1 log, whose header names no owner: its node is taken from its"
            + " file name (upgrade it with --upgrade CLUSTER)");
      }
      if (owner.isPresent()) {
        LogOwner o = owner.get();
        if (!o.protocol().equals(protocol.name())) {
          problems.add(problem(Kind.FOREIGN, name + " belongs to " + o.describe() + ": a " + o.protocol() + " log, not "
              + protocol.name() + "'s", r.file(), o));
          continue;
        }
        if (together && cluster != null && !o.cluster().equals(cluster)) {
          problems.add(problem(Kind.FOREIGN, name + " belongs to " + o.describe() + ", not to cluster \"" + cluster
              + "\" like the other logs", r.file(), o));
          continue;
        }
        LogOwner.Role expected = o.node().index() == 0 ? LogOwner.Role.COORDINATOR : LogOwner.Role.PARTICIPANT;
        if (o.role() != expected) {
          problems.add(problem(Kind.ROLE, name + " belongs to " + o.describe() + ", but node " + o.node() + " is the "
              + expected.word() + " of a commit", r.file(), o));
          continue;
        }
      }
      Optional<NodeId> node = owner.map(LogOwner::node)
          .or(() -> r.named().isPresent() ? Optional.of(NodeId.of(r.named().getAsInt())) : Optional.empty());
      if (node.isEmpty()) {
        continue; // a file of no name and no header: nothing to check it against
      }
      if (owner.isPresent() && r.named().isPresent() && r.named().getAsInt() != owner.get().node().index()) {
        problems.add(problem(Kind.MISPLACED, name + " holds node " + owner.get().node() + "'s log (its header: "
            + owner.get().describe() + "), not node " + r.named().getAsInt() + "'s", r.file(), owner.get()));
      }
      Read before = byNode.putIfAbsent(node.get(), r);
      if (before != null) {
        problems.add(problem(Kind.DUPLICATE, before.file().getFileName() + " and " + name + " both hold node "
            + node.get() + "'s log; the check reads " + before.file().getFileName(), r.file(), owner.orElse(null)));
      }
    }
    pairSwaps(problems);
    if (!together || byNode.isEmpty()) {
      return new Result(List.copyOf(problems), Optional.empty(), List.copyOf(notes));
    }
    int highest = 0; // the cluster's last participant, as far as the headers and the file names show
    for (NodeId n : byNode.keySet()) {
      highest = Math.max(highest, n.index());
    }
    for (Read r : logs) {
      if (r.named().isPresent() && !byNode.containsValue(r)) { // left out: its name still says a node is there
        highest = Math.max(highest, r.named().getAsInt());
      }
    }
    for (int i = 0; i <= highest; i++) {
      if (!byNode.containsKey(NodeId.of(i)) && (i > 0 || highest > 0)) {
        problems.add(problem(Kind.MISSING, "no log for node " + i + " (node-" + i + ".log, by its name or its header):"
            + " the check takes it to hold nothing", null, null));
      }
    }
    if (highest == 0) {
      notes.add("only the coordinator's log: nothing to compare it with");
      return new Result(List.copyOf(problems), Optional.empty(), List.copyOf(notes));
    }
    CommitSpec spec = new CommitSpec(highest, 0, CommitScenario.Timeouts.DEFAULT);
    Map<NodeId, List<byte[]>> records = new TreeMap<>();
    byNode.forEach((n, r) -> records.put(n, r.records()));
    CommitOutcome outcome = protocol.outcome(spec, records, Set.of(), Set.of());
    if (outcome.counter("log.contradictions") > 0) {
      problems.add(problem(Kind.CONTRADICTION, "a log records two different outcomes for one transaction ("
          + outcome.counter("log.contradictions") + " times): it is damaged", null, null));
    }
    String damaged = damagedNote(byNode);
    for (CommitOutcome.Txn t : outcome.transactions().values()) {
      if (!t.atomic()) {
        problems.add(txnProblem(Kind.DISAGREEMENT, t, "txn " + t.id() + ": " + holdings(t) + "; "
            + decision(t) + damaged));
      } else if (t.committed() && !t.unanimous()) {
        problems.add(txnProblem(Kind.INVALID, t, "txn " + t.id() + " committed, but not every participant voted to"
            + " commit it: " + votes(t) + damaged));
      } else if (!t.decided()) {
        notes.add("txn " + t.id() + " is undecided: " + t.blocked().orElse(holdings(t)));
      }
    }
    return new Result(List.copyOf(problems), Optional.of(outcome), List.copyOf(notes));
  }

  /** The cluster most logs' headers name (the first of those named most often), or null if no header names one. */
  private static String cluster(List<Read> logs) {
    Map<String, Integer> counts = new LinkedHashMap<>();
    for (Read r : logs) {
      r.inspection().owner().ifPresent(o -> counts.merge(o.cluster(), 1, Integer::sum));
    }
    String best = null;
    for (Map.Entry<String, Integer> e : counts.entrySet()) {
      if (best == null || e.getValue() > counts.get(best)) {
        best = e.getKey();
      }
    }
    return best;
  }

  /** Two MISPLACED logs that hold each other's node: one SWAPPED problem instead. */
  private static void pairSwaps(List<Problem> problems) {
    for (int i = 0; i < problems.size(); i++) {
      Problem a = problems.get(i);
      if (a.kind() != Kind.MISPLACED) {
        continue;
      }
      for (int j = i + 1; j < problems.size(); j++) {
        Problem b = problems.get(j);
        if (b.kind() == Kind.MISPLACED && a.fields().get("node").asInt() == b.fields().get("named").asInt()
            && b.fields().get("node").asInt() == a.fields().get("named").asInt()) {
          ObjectNode f = NODES.objectNode();
          ArrayNode files = f.putArray("files");
          files.add(a.fields().get("file").asText());
          files.add(b.fields().get("file").asText());
          f.put("nodes", a.fields().get("named").asInt() + "," + b.fields().get("named").asInt());
          String first = Path.of(a.fields().get("file").asText()).getFileName().toString();
          String second = Path.of(b.fields().get("file").asText()).getFileName().toString();
          problems.set(i, new Problem(Kind.SWAPPED, first + " and " + second + " are swapped: " + first + " holds node "
              + a.fields().get("node").asInt() + "'s log and " + second + " node " + b.fields().get("node").asInt()
              + "'s, by their headers", f));
          problems.remove(j);
          break;
        }
      }
    }
  }

  private static Problem problem(Kind kind, String text, Path file, LogOwner owner) {
    ObjectNode f = NODES.objectNode();
    if (file != null) {
      f.put("file", file.toString());
      OptionalInt named = CommitLogCommand.node(file);
      if (named.isPresent()) {
        f.put("named", named.getAsInt());
      }
    }
    if (owner != null) {
      f.put("node", owner.node().index());
      f.put("cluster", owner.cluster());
      f.put("role", owner.role().word());
      f.put("protocol", owner.protocol());
    }
    return new Problem(kind, text, f);
  }

  private static Problem txnProblem(Kind kind, CommitOutcome.Txn t, String text) {
    ObjectNode f = NODES.objectNode();
    f.put("txn", t.id());
    if (t.decision().isPresent()) {
      f.put("decision", t.decision().get().name());
    } else {
      f.putNull("decision");
    }
    ObjectNode states = f.putObject("states");
    t.states().forEach((n, s) -> states.put(n.toString(), s.name()));
    ObjectNode votes = f.putObject("votes");
    t.votes().forEach((n, v) -> votes.put(n.toString(), v.name()));
    return new Problem(kind, text, f);
  }

  /** {@code participants 1 and 3 hold COMMIT, participant 2 holds ABORT (it voted ABORT)}. */
  static String holdings(CommitOutcome.Txn t) {
    Map<CommitOutcome.State, List<String>> by = new TreeMap<>();
    t.states().forEach((n, s) -> by.computeIfAbsent(s, k -> new ArrayList<>()).add(n.toString()));
    List<String> parts = new ArrayList<>();
    by.forEach((s, who) -> {
      String subject = (who.size() == 1 ? "participant " : "participants ") + Words.and(who);
      String verb = who.size() == 1 ? " holds " : " hold ";
      String what = s == CommitOutcome.State.INIT ? "nothing" : s == CommitOutcome.State.READY ? "READY (voted COMMIT,"
          + " outcome unknown)" : s.name();
      String voted = "";
      if (s == CommitOutcome.State.ABORT) {
        List<String> voters = new ArrayList<>();
        for (String w : who) {
          Vote v = t.votes().get(NodeId.of(Integer.parseInt(w)));
          voters.add(v == null ? "never voted" : "voted " + v);
        }
        voted = " (" + String.join(", ", distinct(voters)) + ")";
      }
      parts.add(subject + verb + what + voted);
    });
    return Words.and(parts);
  }

  private static List<String> distinct(List<String> items) {
    return items.stream().distinct().toList();
  }

  private static String decision(CommitOutcome.Txn t) {
    return t.decision().map(v -> "the coordinator decided " + v).orElse("the coordinator's log holds no decision");
  }

  private static String votes(CommitOutcome.Txn t) {
    List<String> parts = new ArrayList<>();
    t.states().keySet().forEach(n -> {
      Vote v = t.votes().get(n);
      parts.add("participant " + n + (v == null ? " never voted" : " voted " + v));
    });
    return Words.and(parts);
  }

  /** A note on the disagreement's lines if a log is corrupt: what the check read of it stops at the damage. */
  private static String damagedNote(Map<NodeId, Read> byNode) {
    List<String> corrupt = new ArrayList<>();
    byNode.forEach((n, r) -> r.inspection().corruption()
        .ifPresent(c -> corrupt.add("node " + n + "'s at byte offset " + c.offset())));
    return corrupt.isEmpty() ? "" : " (read up to the damage in " + Words.and(corrupt) + ")";
  }

  /** The problems and the outcome's summary, as text, after the logs. */
  static String text(Result r, int logs) {
    StringBuilder b = new StringBuilder();
    b.append("Across the ").append(Words.plural(logs, "log")).append(": ");
    if (r.ok()) {
      b.append("no problem");
      r.outcome().ifPresent(o -> b.append(": ").append(summary(o)));
      b.append('\n');
    } else {
      b.append(Words.plural(r.problems().size(), "problem")).append('\n');
      for (Problem p : r.problems()) {
        b.append("  ").append(p.kind().name()).append(": ").append(p.text()).append('\n');
      }
      r.outcome().ifPresent(o -> b.append("  (").append(summary(o)).append(")\n"));
    }
    for (String n : r.notes()) {
      b.append("  note: ").append(n).append('\n');
    }
    return b.toString();
  }

  private static String summary(CommitOutcome o) {
    int committed = 0;
    int aborted = 0;
    int other = 0;
    for (CommitOutcome.Txn t : o.transactions().values()) {
      Optional<Verdict> v = t.atomic() ? t.outcome() : Optional.empty();
      if (v.equals(Optional.of(Verdict.COMMIT))) {
        committed++;
      } else if (v.equals(Optional.of(Verdict.ABORT))) {
        aborted++;
      } else {
        other++;
      }
    }
    return Words.plural(o.transactions().size(), "transaction") + ": " + committed + " committed and " + aborted
        + " aborted everywhere" + (other > 0 ? ", " + other + " not decided everywhere" : "");
  }

  static ObjectNode json(Result r) {
    ObjectNode j = NODES.objectNode();
    j.put("ok", r.ok());
    r.outcome().ifPresentOrElse(o -> j.put("atomic", o.atomic()), () -> j.putNull("atomic"));
    ArrayNode problems = j.putArray("problems");
    for (Problem p : r.problems()) {
      ObjectNode o = problems.addObject();
      o.put("kind", p.kind().word());
      o.setAll(p.fields());
      o.put("text", p.text());
    }
    ArrayNode notes = j.putArray("notes");
    r.notes().forEach(notes::add);
    return j;
  }

  static Read read(Path file, Inspection in) {
    Objects.requireNonNull(in, "in");
    List<byte[]> records = new ArrayList<>();
    in.records().forEach(e -> records.add(e.payload()));
    return new Read(file, CommitLogCommand.node(file), in, records);
  }
}
