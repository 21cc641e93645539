package io.github.bgp.view;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.bgp.api.CommitOutcome;
import io.github.bgp.api.CommitProtocol;
import io.github.bgp.api.CommitScenario;
import io.github.bgp.api.NodeId;
import io.github.bgp.api.Note;
import io.github.bgp.api.Step;
import io.github.bgp.api.Verdict;
import io.github.bgp.sim.Faults;
import io.github.bgp.sim.Simulation;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A commit run as the view draws it, from what the simulator records of a traced run: every
 * step of every node (each log force, each frame sent: {@link CommitOutcome#steps()}) and every
 * note (each frame received, each timer that fired, each state transition, each crash and
 * restart: {@link Simulation.CommitRun#notes()}), in the order of time. A receipt is tied to its
 * send (same sender, receiver and message, sent earlier, the first such not yet received; a
 * duplicate is tied to the send it repeats), a send nobody received is marked lost. On a restart
 * the node recovers from the records it had forced, which are the first of its log at the end
 * (a log only grows), and the state of each transaction they give is written beside it.
 */
final class CommitModel {

  /** {@code VOTE-REQ txn 1 to 2}: a step that sends. */
  private static final Pattern SENT = Pattern.compile("(.*) to (\\d+)");
  /** The transaction a message or a record names. */
  private static final Pattern TXN = Pattern.compile("\\btxn (\\d+)\\b");

  /** The states 2PC's log records leave a transaction in, for a recovering node: the last one that says. */
  private static final Map<String, String> RECOVERED_STATE = Map.of(
      "BEGIN", "WAIT",
      "DECIDED COMMIT", "COMMIT",
      "DECIDED ABORT", "ABORT",
      "READY", "READY",
      "VOTED ABORT", "ABORT",
      "VOTED READ_ONLY", "READ_ONLY",
      "OUTCOME COMMIT", "COMMIT",
      "OUTCOME ABORT", "ABORT");

  private CommitModel() {}

  /** The names of the nodes as hosts: {@code coordinator}, {@code participant1}, ... */
  static List<String> hosts(CommitScenario s) {
    List<String> hosts = new ArrayList<>();
    for (int i = 0; i < s.nodes(); i++) {
      hosts.add(i == s.coordinator().index() ? "coordinator" : "participant" + i);
    }
    return hosts;
  }

  private static String name(CommitScenario s, int node) {
    return node == s.coordinator().index() ? "coordinator " + node : "participant " + node;
  }

  /** One thing that happened, before it is placed on the diagram. */
  private record Item(long time, int node, int rank, Note note, Step step) {}

  static ObjectNode build(CommitProtocol protocol, CommitScenario scenario, Faults faults,
      Simulation.CommitRun run, SpaceTime spaceTime) {
    Objects.requireNonNull(protocol, "protocol");
    Objects.requireNonNull(scenario, "scenario");
    Objects.requireNonNull(faults, "faults");
    Objects.requireNonNull(run, "run");
    CommitOutcome outcome = run.outcome();
    if (run.notes().isEmpty() && !outcome.steps().isEmpty()) {
      throw new IllegalArgumentException("the run was not traced: the view draws what every node did, so run it"
          + " with tracing on");
    }
    List<Item> items = new ArrayList<>();
    for (Note n : run.notes()) {
      int rank = n.kind().equals("restart") ? 0 : n.kind().equals("crash") ? 3 : 1;
      items.add(new Item(n.time(), n.node().index(), rank, n, null));
    }
    for (Step s : outcome.steps()) {
      items.add(new Item(s.time(), s.node().index(), 2, null, s));
    }
    // Stable: each node's notes, and its steps, stay in the order they happened.
    items.sort(Comparator.comparingLong(Item::time).thenComparingInt(Item::node).thenComparingInt(Item::rank));

    ArrayNode events = Json.array();
    Map<List<Object>, Deque<Integer>> unreceived = new HashMap<>();
    Map<List<Object>, Integer> lastReceived = new HashMap<>();
    Map<Integer, Long> sentAt = new HashMap<>();
    List<Integer> sends = new ArrayList<>();
    TreeSet<Long> instants = new TreeSet<>();
    for (Item it : items) {
      instants.add(it.time());
      ObjectNode e = Json.object();
      e.put("time", it.time());
      int index;
      if (it.step() != null) {
        Step s = it.step();
        e.put("step", s.number());
        Matcher sent = SENT.matcher(s.detail());
        if (s.kind() == Step.Kind.SEND && sent.matches()) {
          int to = Integer.parseInt(sent.group(2));
          String what = sent.group(1);
          index = spaceTime.send(it.node(), "sends " + what + " to " + name(scenario, to), -1);
          e.put("type", "send");
          e.put("to", to);
          e.put("what", what);
          txn(e, what);
          unreceived.computeIfAbsent(List.of(it.node(), to, what), k -> new ArrayDeque<>()).add(index);
          sentAt.put(index, s.time());
          sends.add(index);
        } else {
          String what = s.kind() == Step.Kind.FORCE ? "forces its log: " + s.detail() : "sends " + s.detail();
          index = spaceTime.local(it.node(), what, -1);
          e.put("type", s.kind() == Step.Kind.FORCE ? "force" : "send");
          e.put("what", s.detail());
          txn(e, s.detail());
        }
      } else {
        index = note(protocol, scenario, run, it, e, spaceTime, unreceived, lastReceived, sentAt);
      }
      if (index != events.size()) {
        throw new IllegalStateException("event " + index + " placed as the view's event " + events.size());
      }
      events.add(e);
    }
    List<SpaceTime.Event> placed = spaceTime.events();
    for (int i = 0; i < placed.size(); i++) {
      if (placed.get(i).cause() >= 0) {
        ObjectNode send = (ObjectNode) events.get(placed.get(i).cause());
        (send.has("receipts") ? (ArrayNode) send.get("receipts") : send.putArray("receipts")).add(i);
      }
    }
    for (int s : sends) {
      ObjectNode e = (ObjectNode) events.get(s);
      e.put("lost", !e.has("receipts"));
    }
    ArrayNode base = spaceTime.json();
    for (int i = 0; i < base.size(); i++) {
      ObjectNode merged = (ObjectNode) base.get(i);
      merged.setAll((ObjectNode) events.get(i));
    }

    ObjectNode o = Json.object();
    o.put("kind", "commit");
    o.put("protocol", protocol.name());
    o.put("title", title(protocol, scenario, faults));
    o.set("scenario", scenario(scenario));
    o.set("faults", faults(faults));
    ArrayNode nodes = o.putArray("nodes");
    for (int i = 0; i < scenario.nodes(); i++) {
      ObjectNode n = nodes.addObject();
      n.put("id", i);
      n.put("name", name(scenario, i));
      n.put("role", i == scenario.coordinator().index() ? "coordinator" : "participant");
    }
    o.set("transactions", transactions(scenario, outcome));
    o.put("atomic", outcome.atomic());
    o.put("valid", outcome.valid());
    o.put("decided", outcome.decided());
    o.put("messageCount", outcome.messages());
    ArrayNode happened = o.putArray("happened");
    outcome.events().forEach(happened::add);
    ArrayNode times = o.putArray("instants");
    instants.forEach(times::add);
    o.set("events", base);
    return o;
  }

  private static int note(CommitProtocol protocol, CommitScenario scenario, Simulation.CommitRun run, Item it,
      ObjectNode e,
      SpaceTime spaceTime, Map<List<Object>, Deque<Integer>> unreceived, Map<List<Object>, Integer> lastReceived,
      Map<Integer, Long> sentAt) {
    Note n = it.note();
    int node = it.node();
    e.put("type", n.kind());
    ObjectNode fields = e.putObject("fields");
    n.fields().forEach(fields::put);
    switch (n.kind()) {
      case "message": {
        String what = n.field("what");
        txn(e, what);
        e.put("what", what);
        int from = -1;
        try {
          from = Integer.parseInt(n.field("from"));
        } catch (NumberFormatException notANode) {
          // a sender the simulator does not number: drawn as a local event
        }
        e.put("from", from);
        List<Object> key = List.of(from, node, what);
        Integer send = null;
        Deque<Integer> waiting = unreceived.getOrDefault(key, new ArrayDeque<>());
        for (Integer s : waiting) {
          if (sentAt.get(s) < it.time()) {
            send = s;
            break;
          }
        }
        boolean duplicate = false;
        if (send != null) {
          waiting.remove(send);
          lastReceived.put(key, send);
        } else {
          send = lastReceived.get(key);
          duplicate = send != null;
        }
        String label = "receives " + what + " from " + (from >= 0 ? name(scenario, from) : n.field("from"));
        if (send == null) {
          return spaceTime.local(node, label, -1);
        }
        int index = spaceTime.receive(node, label + (duplicate ? " (a duplicate)" : ""), -1, send);
        e.put("duplicate", duplicate);
        return index;
      }
      case "state": {
        txn(e, "txn " + n.field("txn"));
        String why = n.field("why");
        return spaceTime.local(node, "txn " + n.field("txn") + ": " + n.field("from") + " \u2192 " + n.field("to")
            + (why.isEmpty() ? "" : " (" + why + ")"), -1);
      }
      case "timer":
        txn(e, n.field("timer"));
        return spaceTime.local(node, "a timer fires: " + n.field("timer"), -1);
      case "crash": {
        String restart = n.field("restart");
        return spaceTime.local(node, "crashes just " + n.field("when") + " its step " + n.field("step")
            + (restart.equals("never") ? ", for good" : "; it restarts at t=" + restart), -1);
      }
      case "restart": {
        int records = Integer.parseInt(n.field("records"));
        List<byte[]> log = run.logs().getOrDefault(NodeId.of(node), List.of());
        e.set("recovered", recovered(protocol, log.subList(0, Math.min(records, log.size()))));
        return spaceTime.local(node, "restarts and recovers from its log of " + records + " record"
            + (records == 1 ? "" : "s"), -1);
      }
      default: {
        List<String> parts = new ArrayList<>();
        n.fields().forEach((k, v) -> parts.add(k + " " + v));
        return spaceTime.local(node, n.kind() + (parts.isEmpty() ? "" : ": " + String.join(", ", parts)), -1);
      }
    }
  }

  /** What a restarting node's records say of each transaction, and the state they leave it in. */
  private static ObjectNode recovered(CommitProtocol protocol, List<byte[]> records) {
    ObjectNode r = Json.object();
    r.put("records", records.size());
    ObjectNode txns = r.putObject("txns");
    if (records.isEmpty()) {
      return r;
    }
    for (Map.Entry<Long, List<String>> t : protocol.describeLog(records).entrySet()) {
      ObjectNode j = txns.putObject(t.getKey().toString());
      ArrayNode said = j.putArray("records");
      String state = null;
      for (String record : t.getValue()) {
        said.add(record);
        state = RECOVERED_STATE.getOrDefault(record, state);
      }
      if (state != null) {
        j.put("state", state);
      }
    }
    return r;
  }

  private static void txn(ObjectNode e, String text) {
    Matcher m = TXN.matcher(text);
    if (m.find()) {
      e.put("txn", Long.parseLong(m.group(1)));
    }
  }

  private static String title(CommitProtocol protocol, CommitScenario s, Faults faults) {
    StringBuilder b = new StringBuilder(protocol.name().toUpperCase(java.util.Locale.ROOT));
    b.append(": coordinator 0, participants 1..").append(s.participants()).append(", ")
        .append(s.transactions().size()).append(" transaction").append(s.transactions().size() == 1 ? "" : "s");
    for (Faults.Crash c : faults.crashes()) {
      b.append("; node ").append(c.node()).append(" crashes ").append(c.after() ? "after" : "before")
          .append(" its step ").append(c.step());
    }
    return b.toString();
  }

  private static ObjectNode scenario(CommitScenario s) {
    ObjectNode o = Json.object();
    o.put("participants", s.participants());
    o.put("seed", s.seed());
    ObjectNode t = o.putObject("timeouts");
    t.put("votes", s.timeouts().votes());
    t.put("request", s.timeouts().request());
    t.put("retry", s.timeouts().retry());
    return o;
  }

  private static ObjectNode faults(Faults f) {
    ObjectNode o = Json.object();
    o.put("loss", f.loss());
    o.put("duplicate", f.duplicate());
    o.put("delay", f.delay());
    ArrayNode crashes = o.putArray("crashes");
    for (Faults.Crash c : f.crashes()) {
      ObjectNode j = crashes.addObject();
      j.put("node", c.node().index());
      j.put("step", c.step());
      j.put("when", c.after() ? "after" : "before");
      if (c.forGood()) {
        j.putNull("downFor");
      } else {
        j.put("downFor", c.downFor());
      }
    }
    return o;
  }

  private static ArrayNode transactions(CommitScenario scenario, CommitOutcome outcome) {
    ArrayNode a = Json.array();
    for (CommitScenario.Txn t : scenario.transactions()) {
      long id = t.transaction().id();
      ObjectNode j = a.addObject();
      j.put("id", id);
      j.put("start", t.start());
      ArrayNode votes = j.putArray("votes");
      t.votes().forEach(v -> votes.add(v.name()));
      CommitOutcome.Txn result = outcome.transactions().get(id);
      if (result == null) {
        continue;
      }
      j.put("decision", result.decision().map(Verdict::name).orElse(null));
      j.put("outcome", result.outcome().map(Verdict::name).orElse(null));
      j.put("atomic", result.atomic());
      j.put("blocked", result.blocked().orElse(null));
      ObjectNode states = j.putObject("states");
      result.states().forEach((node, state) -> states.put(node.toString(), state.name()));
    }
    return a;
  }
}
