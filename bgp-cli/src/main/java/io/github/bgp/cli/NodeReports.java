package io.github.bgp.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.bgp.api.Decision;
import io.github.bgp.api.DropReason;
import io.github.bgp.api.NodeId;
import io.github.bgp.api.Value;
import io.github.bgp.runtime.NodeReport;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A {@link NodeReport} as one JSON object: what {@code bgp node --json} prints for each instance,
 * and what a {@code --transport tcp} run reads back from every node process to build the run's
 * outcome.
 */
final class NodeReports {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private NodeReports() {}

  static ObjectNode toJson(NodeReport r) {
    ObjectNode o = NODES.objectNode();
    o.put("node", r.node().index());
    if (r.decision().isPresent()) {
      Decision d = r.decision().get();
      o.set("decision", Json.value(d.value()));
      ObjectNode heard = o.putObject("heard");
      d.heard().forEach((id, v) -> heard.set(id.toString(), Json.value(v)));
      ArrayNode evidence = o.putArray("evidence");
      d.evidence().forEach(evidence::add);
    } else {
      o.putNull("decision");
    }
    o.put("messagesSent", r.messagesSent());
    o.put("framesSent", r.framesSent());
    o.put("bytesSent", r.bytesSent());
    o.put("messagesReceived", r.messagesReceived());
    o.put("lastRound", r.lastRound());
    ObjectNode dropped = o.putObject("dropped");
    r.dropped().forEach((reason, n) -> dropped.put(reason.name(), n));
    ObjectNode counters = o.putObject("counters");
    r.counters().forEach(counters::put);
    return o;
  }

  /**
   * Reads what {@link #toJson} wrote.
   *
   * @throws IllegalArgumentException if a field is missing or has the wrong type
   */
  static NodeReport fromJson(JsonNode o) {
    NodeId node = NodeId.of(field(o, "node").asInt());
    Optional<Decision> decision = Optional.empty();
    JsonNode d = field(o, "decision");
    if (!d.isNull()) {
      Map<NodeId, Value> heard = new TreeMap<>();
      for (Map.Entry<String, JsonNode> e : field(o, "heard").properties()) {
        heard.put(NodeId.of(Integer.parseInt(e.getKey())), value(e.getValue()));
      }
      List<String> evidence = new ArrayList<>();
      field(o, "evidence").forEach(e -> evidence.add(e.asText()));
      decision = Optional.of(new Decision(value(d), new TreeMap<>(heard), evidence));
    }
    Map<DropReason, Long> dropped = new EnumMap<>(DropReason.class);
    for (Map.Entry<String, JsonNode> e : field(o, "dropped").properties()) {
      dropped.put(DropReason.valueOf(e.getKey()), e.getValue().asLong());
    }
    TreeMap<String, Long> counters = new TreeMap<>();
    for (Map.Entry<String, JsonNode> e : field(o, "counters").properties()) {
      counters.put(e.getKey(), e.getValue().asLong());
    }
    return NodeReport.of(node, decision, field(o, "messagesSent").asLong(), field(o, "framesSent").asLong(),
        field(o, "bytesSent").asLong(), field(o, "messagesReceived").asLong(), field(o, "lastRound").asInt(),
        dropped, counters);
  }

  private static Value value(JsonNode v) {
    return v.isNumber() ? Value.number(v.asLong()) : Value.parse(v.asText());
  }

  private static JsonNode field(JsonNode o, String name) {
    JsonNode v = o.get(name);
    if (v == null) {
      throw new IllegalArgumentException("a node report without \"" + name + "\": " + o);
    }
    return v;
  }
}
