package io.github.bgp.cli;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.bgp.api.Decision;
import io.github.bgp.api.LogicalMessage;
import io.github.bgp.api.NodeId;
import io.github.bgp.api.Outcome;
import io.github.bgp.api.Scenario;
import io.github.bgp.api.Strategy;
import io.github.bgp.api.Value;
import io.github.bgp.sim.teaching.Lesson;
import io.github.bgp.testkit.CounterexampleSearch.Counterexample;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The JSON the command prints. Keys come in a fixed order; orders are the strings
 * {@code "ATTACK"} and {@code "RETREAT"}, numeric values JSON numbers, general ids numbers
 * (or strings where they are object keys).
 */
final class Json {

  /** Strict reading (no trailing tokens, no duplicate keys); compact, one-line writing. */
  static final ObjectMapper MAPPER = new ObjectMapper()
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private Json() {}

  /** {@code node} on one line. */
  static String line(JsonNode node) {
    try {
      return MAPPER.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A scenario with the keys of a scenarios file, so that it can be run again as it is. */
  static ObjectNode scenario(Scenario s) {
    ObjectNode o = NODES.objectNode();
    putScenario(o, s);
    return o;
  }

  /** The result of one run: its scenario, its guarantee, what each lieutenant decided and the cost. */
  static ObjectNode outcome(Outcome outcome, boolean withTrace) {
    return outcome(outcome, withTrace, false);
  }

  /** A run's outcome, or an evaluation's ({@code evaluated}: no frame was sent). */
  static ObjectNode outcome(Outcome outcome, boolean withTrace, boolean evaluated) {
    return outcome(outcome, withTrace, evaluated, null, Optional.empty(), false);
  }

  /**
   * A run's outcome, with what its lesson teaches when there is one (a traced run of a protocol
   * that relays along every path): each {@code "trace"} message gains {@code "honest"} and
   * {@code "lie"}; {@code "trees"} holds, by lieutenant, every path of its tree with the message
   * or its absence, the value used, the honest value, the lie and the fold (votes, tie); with
   * {@code matrix}, {@code "matrices"} holds each loyal lieutenant's tables. {@code only} narrows
   * all three to one lieutenant.
   */
  static ObjectNode outcome(Outcome outcome, boolean withTrace, boolean evaluated, Lesson lesson,
      Optional<NodeId> only, boolean matrix) {
    Scenario s = outcome.scenario();
    ObjectNode o = NODES.objectNode();
    o.put("protocol", outcome.protocol());
    putScenario(o, s);
    o.put("guaranteed", outcome.guarantee().holds());
    o.put("guarantee", outcome.guarantee().explanation());
    ObjectNode decisions = o.putObject("decisions");
    outcome.decisions().forEach((id, d) -> decisions.set(id.toString(), value(d.value())));
    o.set("undecided", ids(outcome.undecided()));
    o.put("ic1", outcome.ic1());
    o.put("ic2", outcome.ic2());
    o.put("messages", outcome.messages());
    o.put("evaluated", evaluated);
    o.put("frames", outcome.frames());
    o.put("bytes", outcome.bytes());
    o.put("rounds", outcome.rounds());
    ObjectNode received = o.putObject("received");
    outcome.received().forEach((id, n) -> received.put(id.toString(), n));
    ObjectNode dropped = o.putObject("dropped");
    outcome.dropped().forEach((reason, n) -> dropped.put(reason.name(), n));
    ObjectNode heard = o.putObject("heard");
    for (Map.Entry<NodeId, Decision> e : outcome.decisions().entrySet()) {
      ObjectNode h = heard.putObject(e.getKey().toString());
      e.getValue().heard().forEach((source, v) -> h.set(source.toString(), value(v)));
    }
    ObjectNode signatures = o.putObject("signatures");
    signatures.put("made", outcome.counter("signatures.made"));
    signatures.put("verified", outcome.counter("signatures.verified"));
    o.put("rejected", outcome.counter("messages.rejected"));
    ObjectNode counters = o.putObject("counters");
    outcome.counters().forEach(counters::put);
    ObjectNode evidence = o.putObject("evidence");
    outcome.decisions().forEach((id, d) -> {
      if (!d.evidence().isEmpty()) {
        ArrayNode facts = evidence.putArray(id.toString());
        d.evidence().forEach(facts::add);
      }
    });
    if (withTrace) {
      Map<List<Object>, Lesson.Heard> marks = new java.util.HashMap<>();
      if (lesson != null) {
        lesson.views().forEach(v -> v.paths().forEach(h -> marks.put(List.of(h.to(), h.path()), h)));
      }
      ArrayNode trace = o.putArray("trace");
      for (LogicalMessage m : outcome.trace()) {
        if (only.map(m.to()::equals).orElse(true)) {
          ObjectNode x = message(m);
          Lesson.Heard h = marks.get(List.of(m.to(), m.path()));
          if (h != null) {
            x.set("honest", value(h.honest()));
            x.put("lie", h.lie());
          }
          trace.add(x);
        }
      }
      if (lesson != null) {
        ObjectNode trees = o.putObject("trees");
        for (Lesson.View v : lesson.views()) {
          if (only.map(v.lieutenant()::equals).orElse(true)) {
            trees.set(v.lieutenant().toString(), tree(v));
          }
        }
      }
    }
    if (matrix && lesson != null) {
      ObjectNode matrices = o.putObject("matrices");
      for (Lesson.View v : lesson.views()) {
        if (only.map(v.lieutenant()::equals).orElse(!v.traitor())) {
          ArrayNode tables = matrices.putArray(v.lieutenant().toString());
          v.matrices().forEach(m -> tables.add(matrix(m)));
        }
      }
    }
    return o;
  }

  /** One lieutenant's tree: every path in the order the notes dump them. */
  private static ObjectNode tree(Lesson.View v) {
    ObjectNode t = NODES.objectNode();
    t.put("traitor", v.traitor());
    t.set("decision", v.decision().map(Json::value).orElse(NODES.nullNode()));
    t.put("received", v.received());
    t.put("lies", v.lies().size());
    t.put("absent", v.absent().size());
    ArrayNode paths = t.putArray("paths");
    for (Lesson.Heard h : v.paths()) {
      ObjectNode p = paths.addObject();
      p.set("path", ids(h.path()));
      p.put("from", h.from().index());
      p.put("level", h.level());
      p.put("absent", h.absent());
      p.set("value", h.message().map(m -> value(m.value())).orElse(NODES.nullNode()));
      p.set("used", value(h.used()));
      p.set("honest", value(h.honest()));
      p.put("lie", h.lie());
      if (h.message().isPresent()) {
        p.put("sentAt", h.message().get().sentAt());
        p.put("receivedAt", h.message().get().receivedAt());
      } else {
        p.putNull("sentAt");
        p.putNull("receivedAt");
      }
      p.set("fold", fold(h.fold()));
    }
    return t;
  }

  private static ObjectNode fold(Lesson.Fold f) {
    ObjectNode o = NODES.objectNode();
    o.set("value", value(f.value()));
    ArrayNode votes = o.putArray("votes");
    f.votes().forEach(v -> votes.add(value(v)));
    o.put("tie", f.tie());
    return o;
  }

  /** One table: its path, columns (label and path), rows (reporter, cells), column majorities and result. */
  private static ObjectNode matrix(Lesson.Matrix m) {
    ObjectNode o = NODES.objectNode();
    o.set("path", ids(m.path()));
    ArrayNode columns = o.putArray("columns");
    for (Lesson.Heard c : m.columns()) {
      ObjectNode col = columns.addObject();
      col.put("label", c == m.columns().get(0) ? (m.path().size() == 1 ? "C" : "self") : "L" + c.from());
      col.set("path", ids(c.path()));
    }
    ArrayNode rows = o.putArray("rows");
    for (Lesson.Row r : m.rows()) {
      ObjectNode row = rows.addObject();
      if (r.reporter().isPresent()) {
        row.put("reporter", r.reporter().get().index());
      } else {
        row.putNull("reporter");
      }
      ArrayNode cells = row.putArray("cells");
      for (Optional<Lesson.Cell> cell : r.cells()) {
        if (cell.isEmpty()) {
          cells.addNull();
          continue;
        }
        Lesson.Cell c = cell.get();
        ObjectNode x = cells.addObject();
        x.set("path", ids(c.heard().path()));
        x.set("value", value(c.value()));
        x.put("folded", c.folded());
        x.put("lie", !c.folded() && c.heard().lie());
        x.put("absent", !c.folded() && c.heard().absent());
        x.put("tie", c.folded() && c.heard().fold().tie());
      }
    }
    ArrayNode majorities = o.putArray("majorities");
    m.majorities().forEach(f -> majorities.add(fold(f)));
    o.set("result", fold(m.result()));
    return o;
  }

  /**
   * What {@code --search} found: the scenarios, the one that replays it with only the lies that matter
   * ({@code replay}, a scenarios file line), those lies, and the traced run of them.
   */
  static ObjectNode counterexample(Counterexample c) {
    ObjectNode o = NODES.objectNode();
    o.set("found", scenario(c.found()));
    o.set("shrunk", scenario(c.shrunk()));
    o.set("replay", scenario(c.minimal()));
    ArrayNode lies = o.putArray("lies");
    for (Strategy.Lie lie : c.lies().orElse(List.of())) {
      lies.add(lie(lie));
    }
    o.set("outcome", outcome(c.outcome(), true));
    o.put("seed", c.seed());
    o.put("attempt", c.attempt());
    o.put("shrinkSteps", c.shrinkSteps());
    return o;
  }

  /** What {@code --search} prints when every scenario it tried kept IC1 and IC2. */
  static ObjectNode nothingFound(int tries, long seed) {
    ObjectNode o = NODES.objectNode();
    o.putNull("found");
    o.put("tries", tries);
    o.put("seed", seed);
    return o;
  }

  static JsonNode value(Value v) {
    return v.isOrder() ? NODES.textNode(v.toString()) : NODES.numberNode(v.number());
  }

  private static void putScenario(ObjectNode o, Scenario s) {
    o.put("generals", s.generals());
    o.put("m", s.m());
    o.set("traitors", ids(s.traitors()));
    o.set("order", value(s.order()));
    LieSpecs.Script script = LieSpecs.script(s.strategy());
    o.put("strategy", script.strategy());
    ObjectNode lies = o.putObject("lies");
    for (Strategy.Lie lie : script.lies()) {
      String spec = LieSpecs.spec(lie);
      lies.set(spec.substring(0, spec.lastIndexOf('=')), lie.value().map(Json::value).orElse(NODES.nullNode()));
    }
    o.put("seed", s.seed());
    o.put("majority", s.majority().name());
  }

  private static ObjectNode lie(Strategy.Lie lie) {
    ObjectNode o = NODES.objectNode();
    o.put("from", lie.from().index());
    o.put("to", lie.to().index());
    o.set("path", ids(lie.path()));
    o.set("value", lie.value().map(Json::value).orElse(NODES.nullNode()));
    return o;
  }

  private static ObjectNode message(LogicalMessage m) {
    ObjectNode o = NODES.objectNode();
    o.put("from", m.from().index());
    o.put("to", m.to().index());
    o.put("round", m.round());
    o.put("level", m.level());
    o.set("value", value(m.value()));
    o.set("path", ids(m.path()));
    o.set("others", ids(m.others()));
    o.put("sentAt", m.sentAt());
    o.put("receivedAt", m.receivedAt());
    return o;
  }

  private static ArrayNode ids(Collection<NodeId> ids) {
    ArrayNode a = NODES.arrayNode();
    for (NodeId id : ids) {
      a.add(id.index());
    }
    return a;
  }

  static List<String> scenarioKeys() {
    return List.of("generals", "m", "traitors", "order", "strategy", "lies", "seed", "majority");
  }

  /** A UTF-8 decoder that refuses bytes that are not UTF-8 (with a {@link CharacterCodingException}). */
  static CharsetDecoder strictUtf8() {
    return StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
  }

  /** Why a file could not be read or written, in a few words. */
  static String problem(IOException e) {
    if (e instanceof NoSuchFileException) {
      return "no such file";
    }
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof CharacterCodingException) {
      return "it is not UTF-8 text";
    }
    return e.getMessage();
  }

  /** Text that is not one JSON value, as an error; {@code where} follows the parser's complaint. */
  static IllegalArgumentException notJson(JsonProcessingException e, String where) {
    String problem = e.getOriginalMessage();
    return new IllegalArgumentException(problem.startsWith("Trailing token")
        ? "not one JSON value: something follows the object" : "not JSON: " + problem + where);
  }

  /** How a JSON value is described in a message: its type and, if short, itself. */
  static String kind(JsonNode n) {
    switch (n.getNodeType()) {
      case OBJECT:
        return "an object";
      case ARRAY:
        return "an array";
      case NULL:
        return "null";
      default:
        break;
    }
    String type = n.isTextual() ? "the string " : n.isIntegralNumber() ? "the integer " : n.isNumber() ? "the number "
        : "";
    String text = n.toString();
    return type + (text.length() > 40 ? text.substring(0, 37) + "..." : text);
  }

  /** What a commit search found: the found and shrunk cases, what broke, the seed; or that it found nothing. */
  static ObjectNode commitSearch(String protocol, java.util.Optional<io.github.bgp.testkit.CommitSearch.Violation> found,
      int tries, long seed) {
    ObjectNode o = MAPPER.createObjectNode();
    o.put("protocol", protocol);
    o.put("tries", tries);
    o.put("seed", seed);
    if (found.isEmpty()) {
      o.putNull("found");
      return o;
    }
    io.github.bgp.testkit.CommitSearch.Violation v = found.get();
    o.put("found", v.found().toString());
    o.put("shrunk", v.shrunk().toString());
    o.put("attempt", v.attempt());
    ArrayNode broken = o.putArray("broken");
    v.broken().forEach(broken::add);
    o.put("atomic", v.outcome().atomic());
    o.put("valid", v.outcome().valid());
    return o;
  }
}
