package io.github.bgp.view;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.bgp.api.NodeId;
import io.github.bgp.api.Value;
import java.io.UncheckedIOException;
import java.util.Collection;

/** The view's JSON: values as the command's JSON writes them (orders as strings, numbers as numbers). */
final class Json {

  static final ObjectMapper MAPPER = new ObjectMapper();
  static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private Json() {}

  static ObjectNode object() {
    return NODES.objectNode();
  }

  static ArrayNode array() {
    return NODES.arrayNode();
  }

  /** {@code ATTACK}/{@code RETREAT} as strings, a number as a number, anything else as its text. */
  static JsonNode value(Value v) {
    if (v == null) {
      return NODES.nullNode();
    }
    if (v.isOrder()) {
      return NODES.textNode(v.toString());
    }
    return v.kind() == Value.Kind.NUMBER ? NODES.numberNode(v.number()) : NODES.textNode(v.toString());
  }

  static ArrayNode ids(Collection<NodeId> ids) {
    ArrayNode a = array();
    ids.forEach(id -> a.add(id.index()));
    return a;
  }

  static String write(JsonNode node) {
    try {
      return MAPPER.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
