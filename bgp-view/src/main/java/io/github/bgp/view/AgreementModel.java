package io.github.bgp.view;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.bgp.api.Decision;
import io.github.bgp.api.LogicalMessage;
import io.github.bgp.api.NodeId;
import io.github.bgp.api.Note;
import io.github.bgp.api.Outcome;
import io.github.bgp.api.Scenario;
import io.github.bgp.api.Value;
import io.github.bgp.sim.teaching.Lesson;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * An agreement run as the view draws it, from what the core records of a traced run: every
 * logical message with its path and Lamport times ({@link Outcome#trace()}), the nodes' notes,
 * the decisions. From these it works out what the page marks:
 *
 * <ul>
 *   <li>a lie: a traitor sent something else than the honest value, which for the commander is
 *       its order and for a relay along {@code [0, a1, ..., ak]} what {@code ak} received along
 *       {@code [0, ..., a(k-1)]} (the fallback, if it received nothing);
 *   <li>for OM, each lieutenant's tree of every path it should hear of (the paper's OM(m) tree),
 *       a path no message came along marked absent with the default its lieutenant used, and
 *       the fold: each path's value becomes the majority of what came along it and its
 *       children's folded values, from the leaves up, ties flagged; the root's fold is the
 *       decision, which is checked against the run's ({@code agrees});
 *   <li>for SM, the set of values each lieutenant holds and its choice;
 *   <li>for any other protocol, the tree of what came and the decision as the protocol reports it.
 * </ul>
 *
 * <p>For OM the tree, the honest values, the absent paths, the folds, the ties and the vote
 * tables are the teaching model's ({@link Lesson}, which the command's teaching trace prints):
 * the view draws that model, it does not compute a second one. For the other protocols, which do
 * not relay along every path, the honest value of a message is worked out here as the lesson
 * would (what its sender was told, the fallback if nothing).
 */
final class AgreementModel {

  /** How a protocol's lieutenants decide, as far as the view can draw it. */
  enum Rule {
    /** OM(m): the majority fold of the tree of every path. */
    MAJORITY,
    /** SM(m): the choice of the set of values received. */
    CHOICE,
    /** Anything else: the tree of what came, and the protocol's decision. */
    HEARD;

    static Rule of(String protocol) {
      switch (protocol) {
        case "om":
          return MAJORITY;
        case "sm":
          return CHOICE;
        default:
          return HEARD;
      }
    }
  }

  private final Outcome outcome;
  private final Scenario scenario;
  private final Rule rule;
  private final int rounds;
  /** Each lieutenant's received messages, by path. */
  private final Map<NodeId, Map<List<NodeId>, Integer>> received = new HashMap<>();
  private final List<LogicalMessage> trace;
  private final Value[] honest;
  /** OM's teaching model of the run; null for other protocols. */
  private final Lesson lesson;

  private AgreementModel(Outcome outcome) {
    this.outcome = outcome;
    this.scenario = outcome.scenario();
    this.rule = Rule.of(outcome.protocol());
    this.trace = outcome.trace();
    int maxRound = 0;
    for (int i = 0; i < trace.size(); i++) {
      LogicalMessage m = trace.get(i);
      received.computeIfAbsent(m.to(), k -> new HashMap<>()).putIfAbsent(m.path(), i);
      maxRound = Math.max(maxRound, m.round());
    }
    this.lesson = rule == Rule.MAJORITY ? Lesson.of(outcome) : null;
    int relays = lesson == null ? 0 : lesson.views().stream().mapToInt(v -> depth(v.root())).max().orElse(0);
    this.rounds = Math.max(Math.max(outcome.rounds(), maxRound), relays);
    this.honest = new Value[trace.size()];
    if (lesson != null) {
      for (Lesson.View v : lesson.views()) {
        for (Lesson.Heard h : v.paths()) {
          Integer i = h.absent() ? null : messageOf(h);
          if (i != null) {
            honest[i] = h.honest();
          }
        }
      }
    }
    for (int i = 0; i < trace.size(); i++) {
      if (honest[i] == null) {
        honest[i] = honestValue(trace.get(i));
      }
    }
  }

  /** How many generals the longest path below {@code h} has: the rounds its lieutenant hears in. */
  private static int depth(Lesson.Heard h) {
    int deepest = h.path().size();
    for (Lesson.Heard c : h.children()) {
      deepest = Math.max(deepest, depth(c));
    }
    return deepest;
  }

  /** The trace's index of the message along {@code h}'s path (present: the lesson found it there). */
  private Integer messageOf(Lesson.Heard h) {
    return received.getOrDefault(h.to(), Map.of()).get(h.path());
  }

  /** The view's JSON of a traced agreement run, its events added to {@code spaceTime}. */
  static ObjectNode build(Outcome outcome, SpaceTime spaceTime) {
    Objects.requireNonNull(outcome, "outcome");
    if (outcome.trace().isEmpty() && outcome.notes().isEmpty() && outcome.messages() > 0) {
      throw new IllegalArgumentException("the run was not traced: the view draws a run's messages, so run it with"
          + " tracing on");
    }
    return new AgreementModel(outcome).json(spaceTime);
  }

  /** The names of the generals as hosts: {@code commander}, {@code lieutenant1}, ... */
  static List<String> hosts(Scenario s) {
    List<String> hosts = new ArrayList<>();
    for (int i = 0; i < s.generals(); i++) {
      hosts.add(i == 0 ? "commander" : "lieutenant" + i);
    }
    return hosts;
  }

  private ObjectNode json(SpaceTime spaceTime) {
    ObjectNode o = Json.object();
    o.put("kind", "agreement");
    o.put("protocol", outcome.protocol());
    o.put("title", title());
    o.put("rule", rule.name().toLowerCase(java.util.Locale.ROOT));
    o.set("scenario", scenario());
    ObjectNode guarantee = o.putObject("guarantee");
    guarantee.put("holds", outcome.guarantee().holds());
    guarantee.put("explanation", outcome.guarantee().explanation());
    o.put("ic1", outcome.ic1());
    o.put("ic2", outcome.ic2());
    o.put("rounds", rounds);
    o.put("messageCount", outcome.messages());
    o.put("frameCount", outcome.frames());
    o.put("bytes", outcome.bytes());
    o.set("generals", generals());
    int[] frameOf = new int[trace.size()];
    ArrayNode frames = frames(frameOf, spaceTime);
    o.set("messages", messages(frameOf));
    o.set("frames", frames);
    ArrayNode absent = o.putArray("absent");
    ObjectNode trees = o.putObject("trees");
    for (NodeId l : scenario.lieutenants()) {
      trees.set(l.toString(), tree(l, absent));
    }
    o.set("steps", steps());
    ArrayNode notes = o.putArray("notes");
    for (Note n : outcome.notes()) {
      ObjectNode j = notes.addObject();
      j.put("node", n.node().index());
      j.put("time", n.time());
      j.put("lamport", n.lamport());
      j.put("kind", n.kind());
      ObjectNode f = j.putObject("fields");
      n.fields().forEach(f::put);
    }
    return o;
  }

  private String title() {
    StringBuilder b = new StringBuilder(outcome.protocol().toUpperCase(java.util.Locale.ROOT));
    b.append('(').append(scenario.m()).append(") with ").append(scenario.generals()).append(" generals");
    if (scenario.traitors().isEmpty()) {
      b.append(", no traitor");
    } else {
      List<String> t = new ArrayList<>();
      scenario.traitors().forEach(id -> t.add(id.index() == 0 ? "the commander" : "lieutenant " + id));
      b.append(", traitor").append(t.size() > 1 ? "s " : " ").append(String.join(" and ", t));
    }
    return b.toString();
  }

  private ObjectNode scenario() {
    ObjectNode s = Json.object();
    s.put("generals", scenario.generals());
    s.put("m", scenario.m());
    s.set("traitors", Json.ids(scenario.traitors()));
    s.set("order", Json.value(scenario.order()));
    s.put("strategy", scenario.strategy().name());
    s.put("seed", scenario.seed());
    s.put("majority", scenario.majority().name());
    s.set("fallback", Json.value(scenario.fallback()));
    return s;
  }

  private ArrayNode generals() {
    ArrayNode a = Json.array();
    for (int i = 0; i < scenario.generals(); i++) {
      NodeId id = NodeId.of(i);
      ObjectNode g = a.addObject();
      g.put("id", i);
      g.put("name", i == 0 ? "commander 0" : "lieutenant " + i);
      g.put("traitor", scenario.isTraitor(id));
      Decision d = outcome.decisions().get(id);
      g.set("decision", d == null ? Json.NODES.nullNode() : Json.value(d.value()));
      g.put("undecided", outcome.undecided().contains(id));
      ObjectNode heard = g.putObject("heard");
      ArrayNode evidence = g.putArray("evidence");
      if (d != null) {
        d.heard().forEach((from, v) -> heard.set(from.toString(), Json.value(v)));
        d.evidence().forEach(evidence::add);
      }
      g.put("received", outcome.received().getOrDefault(id, 0L));
    }
    return a;
  }

  /** The honest value of a message: what a loyal general in the sender's place would have sent. */
  private Value honestValue(LogicalMessage m) {
    List<NodeId> path = m.path();
    if (path.size() <= 1) {
      return scenario.order();
    }
    Integer before = received.getOrDefault(m.from(), Map.of()).get(path.subList(0, path.size() - 1));
    return before == null ? scenario.fallback() : trace.get(before).value();
  }

  private boolean lie(int i) {
    return scenario.isTraitor(trace.get(i).from()) && !trace.get(i).value().equals(honest[i]);
  }

  private ArrayNode messages(int[] frameOf) {
    ArrayNode a = Json.array();
    for (int i = 0; i < trace.size(); i++) {
      LogicalMessage m = trace.get(i);
      ObjectNode j = a.addObject();
      j.put("id", i);
      j.put("frame", frameOf[i]);
      j.put("round", m.round());
      j.put("from", m.from().index());
      j.put("to", m.to().index());
      j.set("path", Json.ids(m.path()));
      j.put("key", key(m.path()));
      j.put("level", m.level());
      j.set("value", Json.value(m.value()));
      if (scenario.isTraitor(m.from())) {
        j.set("honest", Json.value(honest[i]));
      }
      j.put("lie", lie(i));
      j.put("sentAt", m.sentAt());
      j.put("receivedAt", m.receivedAt());
    }
    return a;
  }

  /**
   * The frames: the logical messages one sender sent one receiver in one round, sent and
   * received at once; each is a send and a receipt on the space-time diagram.
   */
  private ArrayNode frames(int[] frameOf, SpaceTime spaceTime) {
    Map<List<Object>, List<Integer>> byFrame = new LinkedHashMap<>();
    for (int i = 0; i < trace.size(); i++) {
      LogicalMessage m = trace.get(i);
      List<Object> k = List.of(m.from(), m.to(), m.round(), m.sentAt(), m.receivedAt());
      byFrame.computeIfAbsent(k, x -> new ArrayList<>()).add(i);
    }
    record Frame(LogicalMessage first, List<Integer> messages) {}
    List<Frame> frames = new ArrayList<>();
    byFrame.values().forEach(ids -> frames.add(new Frame(trace.get(ids.get(0)), ids)));
    // The space-time events in a causal order: by Lamport time (a receipt is later than its send).
    record Ev(long lamport, int node, boolean receipt, int frame) {}
    List<Ev> evs = new ArrayList<>();
    for (int f = 0; f < frames.size(); f++) {
      LogicalMessage m = frames.get(f).first();
      evs.add(new Ev(m.sentAt(), m.from().index(), false, f));
      evs.add(new Ev(m.receivedAt(), m.to().index(), true, f));
    }
    evs.sort(java.util.Comparator.comparingLong(Ev::lamport).thenComparingInt(Ev::node)
        .thenComparing(Ev::receipt));
    int[] sendEvent = new int[frames.size()];
    int[] receiveEvent = new int[frames.size()];
    for (Ev e : evs) {
      Frame fr = frames.get(e.frame());
      LogicalMessage m = fr.first();
      String values = values(fr.messages());
      if (e.receipt()) {
        receiveEvent[e.frame()] = spaceTime.receive(e.node(), "receives round " + m.round() + " from "
            + spaceTime.hosts().get(m.from().index()) + ": " + values, e.lamport(), sendEvent[e.frame()]);
      } else {
        sendEvent[e.frame()] = spaceTime.send(e.node(), "sends round " + m.round() + " to "
            + spaceTime.hosts().get(m.to().index()) + ": " + values, e.lamport());
      }
    }
    ArrayNode a = Json.array();
    for (int f = 0; f < frames.size(); f++) {
      Frame fr = frames.get(f);
      LogicalMessage m = fr.first();
      ObjectNode j = a.addObject();
      j.put("id", f);
      j.put("from", m.from().index());
      j.put("to", m.to().index());
      j.put("round", m.round());
      j.put("sentAt", m.sentAt());
      j.put("receivedAt", m.receivedAt());
      ArrayNode ids = j.putArray("messages");
      int lies = 0;
      for (int i : fr.messages()) {
        ids.add(i);
        frameOf[i] = f;
        lies += lie(i) ? 1 : 0;
      }
      j.put("lies", lies);
      j.put("send", sendEvent[f]);
      j.put("receive", receiveEvent[f]);
    }
    return a;
  }

  /** {@code [0 2]=ATTACK [0 3]=RETREAT (a lie: honest ATTACK)}, for a frame's events. */
  private String values(List<Integer> ids) {
    List<String> parts = new ArrayList<>();
    for (int i : ids) {
      LogicalMessage m = trace.get(i);
      parts.add("[" + key(m.path()).replace('.', ' ') + "]=" + m.value()
          + (lie(i) ? " (a lie: honest " + honest[i] + ")" : ""));
    }
    return String.join(", ", parts);
  }

  static String key(List<NodeId> path) {
    List<String> parts = new ArrayList<>();
    path.forEach(id -> parts.add(id.toString()));
    return String.join(".", parts);
  }

  /** One lieutenant's tree, with every absent path added to {@code absent}. */
  private ObjectNode tree(NodeId self, ArrayNode absent) {
    Map<List<NodeId>, Integer> mine = received.getOrDefault(self, Map.of());
    ObjectNode t = Json.object();
    t.put("lieutenant", self.index());
    t.put("loyal", !scenario.isTraitor(self));
    Decision d = outcome.decisions().get(self);
    t.set("decision", d == null ? Json.NODES.nullNode() : Json.value(d.value()));
    t.put("messages", mine.size());
    List<NodeId> root = List.of(NodeId.COMMANDER);
    Counts counts = new Counts();
    ObjectNode node;
    if (rule == Rule.MAJORITY) {
      Lesson.View view = lesson.view(self).orElseThrow(() -> new IllegalStateException("the lesson has no view of "
          + "lieutenant " + self));
      node = lessonNode(view.root(), absent, counts);
      t.set("fold", Json.value(view.root().fold().value()));
      t.put("agrees", d == null || d.value().equals(view.root().fold().value()));
      t.set("matrices", matrices(view));
    } else {
      node = heard(self, root, mine, counts);
      if (rule == Rule.CHOICE) {
        TreeSet<Value> set = new TreeSet<>();
        mine.values().forEach(i -> set.add(trace.get(i).value()));
        ArrayNode s = t.putArray("set");
        set.forEach(v -> s.add(Json.value(v)));
        Value choice = set.size() == 1 ? set.first() : scenario.fallback();
        t.set("choice", Json.value(choice));
        t.put("agrees", d == null || d.value().equals(choice));
      } else {
        t.put("agrees", true);
      }
    }
    t.put("absent", counts.absent);
    t.put("lies", counts.lies);
    t.put("ties", counts.ties);
    t.set("root", node);
    return t;
  }

  private static final class Counts {
    int absent;
    int lies;
    int ties;
  }

  /** The tree of the paths that came (and the paths above them), for protocols that are not OM. */
  private ObjectNode heard(NodeId self, List<NodeId> path, Map<List<NodeId>, Integer> mine, Counts counts) {
    ObjectNode n = pathNode(path, mine, counts);
    if (!mine.containsKey(path)) {
      n.put("absent", true);
    }
    ArrayNode children = n.putArray("children");
    TreeSet<NodeId> next = new TreeSet<>();
    for (List<NodeId> p : mine.keySet()) {
      if (p.size() > path.size() && p.subList(0, path.size()).equals(path)) {
        next.add(p.get(path.size()));
      }
    }
    for (NodeId j : next) {
      List<NodeId> longer = new ArrayList<>(path);
      longer.add(j);
      children.add(heard(self, List.copyOf(longer), mine, counts));
    }
    return n;
  }

  private ObjectNode pathNode(List<NodeId> path, Map<List<NodeId>, Integer> mine, Counts counts) {
    ObjectNode n = Json.object();
    n.set("path", Json.ids(path));
    n.put("key", key(path));
    n.put("from", path.get(path.size() - 1).index());
    n.put("round", path.size());
    Integer i = mine.get(path);
    n.put("absent", false);
    if (i != null) {
      n.put("message", i);
      n.set("value", Json.value(trace.get(i).value()));
      LogicalMessage m = trace.get(i);
      if (scenario.isTraitor(m.from())) {
        n.set("honest", Json.value(honest[i]));
      }
      n.put("lie", lie(i));
      counts.lies += lie(i) ? 1 : 0;
    } else {
      n.putNull("value");
      n.put("lie", false);
    }
    return n;
  }

  /** A path of the lesson's tree as the page draws it; absent paths also go to {@code absent}. */
  private ObjectNode lessonNode(Lesson.Heard h, ArrayNode absent, Counts counts) {
    ObjectNode n = Json.object();
    n.set("path", Json.ids(h.path()));
    n.put("key", key(h.path()));
    n.put("from", h.from().index());
    n.put("round", h.path().size());
    n.put("level", h.level());
    n.put("absent", h.absent());
    if (!h.absent()) {
      n.put("message", messageOf(h));
    }
    n.set("value", Json.value(h.used()));
    if (scenario.isTraitor(h.from())) {
      n.set("honest", Json.value(h.honest()));
    }
    n.put("lie", h.lie());
    counts.lies += h.lie() ? 1 : 0;
    if (h.absent()) {
      counts.absent++;
      ObjectNode a = absent.addObject();
      a.put("round", h.path().size());
      a.put("from", h.from().index());
      a.put("to", h.to().index());
      a.set("path", Json.ids(h.path()));
      a.put("key", key(h.path()));
      a.set("default", Json.value(h.used()));
      a.put("lie", h.lie());
    }
    n.set("fold", Json.value(h.fold().value()));
    n.put("tie", h.fold().tie());
    counts.ties += h.fold().tie() ? 1 : 0;
    if (!h.leaf()) {
      ArrayNode v = n.putArray("votes");
      h.fold().votes().forEach(x -> v.add(Json.value(x)));
    }
    ArrayNode children = n.putArray("children");
    h.children().forEach(c -> children.add(lessonNode(c, absent, counts)));
    return n;
  }

  /** The lieutenant's vote tables, as the lesson draws them (the root's first). */
  private static ArrayNode matrices(Lesson.View view) {
    ArrayNode a = Json.array();
    for (Lesson.Matrix m : view.matrices()) {
      ObjectNode j = a.addObject();
      j.set("path", Json.ids(m.path()));
      j.put("key", key(m.path()));
      ArrayNode columns = j.putArray("columns");
      m.columns().forEach(c -> columns.add(key(c.path())));
      ArrayNode rows = j.putArray("rows");
      for (Lesson.Row r : m.rows()) {
        ObjectNode row = rows.addObject();
        if (r.reporter().isPresent()) {
          row.put("reporter", r.reporter().get().index());
        } else {
          row.putNull("reporter");
        }
        ArrayNode cells = row.putArray("cells");
        for (java.util.Optional<Lesson.Cell> c : r.cells()) {
          if (c.isEmpty()) {
            cells.addNull();
            continue;
          }
          ObjectNode cell = cells.addObject();
          cell.put("key", key(c.get().heard().path()));
          cell.set("value", Json.value(c.get().value()));
          cell.put("folded", c.get().folded());
          cell.put("lie", c.get().heard().lie());
          cell.put("absent", c.get().heard().absent());
        }
      }
      ArrayNode majorities = j.putArray("majorities");
      for (Lesson.Fold f : m.majorities()) {
        ObjectNode fj = majorities.addObject();
        fj.set("value", Json.value(f.value()));
        fj.put("tie", f.tie());
      }
      j.set("result", Json.value(m.result().value()));
      j.put("tie", m.result().tie());
    }
    return a;
  }

  private ArrayNode steps() {
    ArrayNode a = Json.array();
    ObjectNode start = a.addObject();
    start.put("kind", "start");
    String commander = scenario.isTraitor(NodeId.COMMANDER) ? "The commander (a traitor)" : "The commander";
    start.put("label", commander + " is to order " + scenario.order() + (scenario.traitors().isEmpty()
        ? "; every general is loyal" : "; the traitors are marked"));
    for (int r = 1; r <= rounds; r++) {
      ObjectNode s = a.addObject();
      s.put("kind", "round");
      s.put("round", r);
      s.put("label", r == 1 ? "Round 1: the commander sends its order to every lieutenant"
          : "Round " + r + ": each lieutenant relays what it heard in round " + (r - 1)
              + " to every lieutenant not yet on its path");
    }
    if (rule == Rule.MAJORITY) {
      for (int depth = rounds - 2; depth >= 0; depth--) {
        ObjectNode s = a.addObject();
        s.put("kind", "fold");
        s.put("depth", depth);
        s.put("label", depth == 0
            ? "Fold: each lieutenant's root takes the majority of the commander's order and its children"
            : "Fold: each path of " + (depth + 1) + " generals takes the majority of its value and its children's");
      }
    }
    ObjectNode decide = a.addObject();
    decide.put("kind", "decide");
    decide.put("label", "The loyal lieutenants decide: IC1 " + (outcome.ic1() ? "holds" : "is broken") + ", IC2 "
        + (outcome.ic2() ? "holds" : "is broken"));
    return a;
  }
}
