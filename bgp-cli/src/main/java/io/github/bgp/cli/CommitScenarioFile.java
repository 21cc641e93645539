package io.github.bgp.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.bgp.api.CommitScenario;
import io.github.bgp.api.Scenario;
import io.github.bgp.api.Transaction;
import io.github.bgp.api.Verdict;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A {@link CommitScenario} as a JSON file, read and written: what {@code bgp 2pc --scenario FILE}
 * runs, and what {@code bgp 2pc --json} prints under {@code "scenario"}.
 *
 * <pre>{@code
 * {
 *   "participants": 3,
 *   "tolerance": 0,
 *   "seed": 7,
 *   "timeouts": {"votes": 20, "request": 40, "retry": 30},
 *   "transactions": [
 *     {"id": 1, "start": 0, "votes": ["commit", "abort", "commit"], "payload": "alice:-30,bob:+30"}
 *   ]
 * }
 * }</pre>
 *
 * <p>{@code participants} (1 to 100,000) and {@code transactions} are required. {@code start}, when
 * {@code bgp node} starts the run (an ISO-8601 instant or milliseconds since 1970; each
 * transaction's {@code start} counts from it), is optional: a run in memory ignores it. {@code seed}
 * defaults to {@value Scenario#DEFAULT_SEED}; {@code timeouts}, and each of its three keys, to
 * {@link CommitScenario.Timeouts#DEFAULT}. In a transaction, {@code id} (a distinct integer
 * &gt;= 0) is required; {@code start} defaults to 0, {@code votes} (participant 1's first,
 * {@code "commit"} or {@code "abort"} in any case) to every participant voting commit, and the
 * payload to none. The payload is UTF-8 text ({@code "payload"}), or any bytes as hexadecimal
 * ({@code "payloadHex"}); {@link #toJson} writes the first when the bytes are UTF-8 text.
 *
 * <p>The file must be one JSON object in UTF-8; unknown keys, duplicate keys and values of the
 * wrong type are refused with an {@link IllegalArgumentException} that names the key by its
 * path ({@code transactions[1].votes[2]}) and, from {@link #read}, the file.
 */
public final class CommitScenarioFile {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final List<String> KEYS = List.of("participants", "tolerance", "seed", "timeouts", "transactions", "start");
  private static final List<String> TIMEOUT_KEYS = List.of("votes", "request", "retry");
  private static final List<String> TXN_KEYS = List.of("id", "start", "votes", "payload", "payloadHex");

  /**
   * The most participants a file may name. A transaction without {@code votes} gets one per
   * participant, so the count bounds what a file of a few bytes can make the reader allocate;
   * it is far beyond what any runner takes ({@code bgp 2pc} runs 100).
   */
  static final int MAX_PARTICIPANTS = 100_000;

  private CommitScenarioFile() {}

  /**
   * Reads the scenario in {@code file}.
   *
   * @throws IllegalArgumentException if the file cannot be read or does not hold a valid scenario;
   *     the message names the file and the offending key
   */
  public static CommitScenario read(Path file) {
    String where = "scenario file " + file;
    String text;
    try {
      text = Json.strictUtf8().decode(ByteBuffer.wrap(Files.readAllBytes(file))).toString();
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read " + where + ": " + Json.problem(e));
    }
    try {
      return parse(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(where + ": " + e.getMessage());
    }
  }

  /**
   * The run's start that the file in {@code file} gives ({@code "start"}), if it gives one.
   *
   * @throws IllegalArgumentException if it cannot be read, or its start is not a time
   */
  public static java.util.Optional<Long> start(Path file) {
    JsonNode n;
    try {
      JsonNode root = Json.MAPPER.readTree(Files.readString(file, StandardCharsets.UTF_8));
      n = root == null ? null : root.get("start");
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read scenario file " + file + ": " + Json.problem(e));
    }
    if (n == null) {
      return java.util.Optional.empty();
    }
    return java.util.Optional.of(start(n, "scenario file " + file + ": "));
  }

  private static long start(JsonNode n, String where) {
    if (n.isTextual()) {
      try {
        return io.github.bgp.net.Schedule.parseStart(n.textValue());
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(where + "start: " + e.getMessage());
      }
    }
    if (n.isIntegralNumber() && n.canConvertToLong() && n.longValue() > 0) {
      return n.longValue();
    }
    throw new IllegalArgumentException(where + "start must be an ISO-8601 instant such as \"2030-01-01T12:00:00Z\""
        + " or milliseconds since 1970, got " + Json.kind(n));
  }

  /** As {@link #read}, for the commands: bad input is a {@link UsageError}, as from {@link ScenarioFile#read}. */
  static CommitScenario load(Path file) {
    try {
      return read(file);
    } catch (IllegalArgumentException e) {
      throw new UsageError(e.getMessage());
    }
  }

  /**
   * The scenario {@code json} describes.
   *
   * @throws IllegalArgumentException if it is not a valid scenario, naming the offending key
   */
  public static CommitScenario parse(String json) {
    String text = json.startsWith("\uFEFF") ? json.substring(1) : json;
    JsonNode root;
    try {
      root = Json.MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      // a limit of the reader (nesting depth, a number's length) is reported without a location
      throw Json.notJson(e, e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")");
    }
    if (root == null || root.isMissingNode()) {
      throw new IllegalArgumentException("empty: expected a JSON object with the keys " + String.join(", ", KEYS));
    }
    object(root, "the scenario", KEYS);
    if (root.has("start")) {
      start(root.get("start"), "");
    }
    int participants = participants(required(root, "participants", "", "the number of participants, at least 1"));
    long seed = root.has("seed") ? integer(root.get("seed"), "seed", Long.MIN_VALUE) : Scenario.DEFAULT_SEED;
    CommitScenario.Timeouts timeouts = root.has("timeouts") ? timeouts(root.get("timeouts"))
        : CommitScenario.Timeouts.DEFAULT;
    JsonNode txns = required(root, "transactions", "", "the transactions, an array of objects");
    if (!txns.isArray()) {
      throw new IllegalArgumentException("transactions must be an array of objects, got " + Json.kind(txns));
    }
    int tolerance = root.has("tolerance") ? (int) integer(root.get("tolerance"), "tolerance", 0) : 0;
    if (tolerance > 3) {
      throw new IllegalArgumentException("tolerance must be from 0 to 3, got " + tolerance);
    }
    CommitScenario.Builder b = CommitScenario.builder(participants).tolerance(tolerance).seed(seed)
        .timeouts(timeouts);
    List<Verdict> allCommit = null; // one list for every transaction that leaves its votes out
    Set<Long> ids = new HashSet<>();
    for (int i = 0; i < txns.size(); i++) {
      String at = "transactions[" + i + "]";
      JsonNode t = txns.get(i);
      object(t, at, TXN_KEYS);
      long id = integer(required(t, "id", at, "the transaction's id, an integer >= 0"), at + ".id", 0);
      if (!ids.add(id)) {
        throw new IllegalArgumentException(at + ".id: transaction " + id + " is listed twice");
      }
      long start = t.has("start") ? integer(t.get("start"), at + ".start", 0) : 0;
      List<Verdict> votes;
      if (t.has("votes")) {
        votes = votes(t.get("votes"), at + ".votes", participants);
      } else {
        if (allCommit == null) {
          allCommit = List.copyOf(java.util.Collections.nCopies(participants, Verdict.COMMIT));
        }
        votes = allCommit;
      }
      b.transaction(new Transaction(id, payload(t, at)), start, votes);
    }
    return b.build(); // anything the checks above missed fails here, in the library's words
  }

  /** {@code scenario} as this format: pretty-printed JSON, ending with a newline. */
  public static String toJson(CommitScenario scenario) {
    try {
      return Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(node(scenario)) + "\n";
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code scenario} as a JSON object of this format, for embedding in other JSON. */
  static ObjectNode node(CommitScenario scenario) {
    ObjectNode o = NODES.objectNode();
    o.put("participants", scenario.participants());
    if (scenario.tolerance() > 0) {
      o.put("tolerance", scenario.tolerance());
    }
    o.put("seed", scenario.seed());
    ObjectNode t = o.putObject("timeouts");
    t.put("votes", scenario.timeouts().votes());
    t.put("request", scenario.timeouts().request());
    t.put("retry", scenario.timeouts().retry());
    ArrayNode txns = o.putArray("transactions");
    for (CommitScenario.Txn txn : scenario.transactions()) {
      ObjectNode x = txns.addObject();
      x.put("id", txn.transaction().id());
      x.put("start", txn.start());
      ArrayNode votes = x.putArray("votes");
      txn.votes().forEach(v -> votes.add(v.name().toLowerCase(Locale.ROOT)));
      byte[] payload = txn.transaction().payload();
      if (payload.length > 0) {
        String text = utf8(payload);
        if (text != null) {
          x.put("payload", text);
        } else {
          x.put("payloadHex", HexFormat.of().formatHex(payload));
        }
      }
    }
    return o;
  }

  private static String utf8(byte[] bytes) {
    try {
      return Json.strictUtf8().decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }

  /** Checks that {@code n} is an object with none but {@code allowed} keys. */
  private static void object(JsonNode n, String what, List<String> allowed) {
    if (!n.isObject()) {
      throw new IllegalArgumentException(what + " must be a JSON object with the keys " + String.join(", ", allowed)
          + ", got " + Json.kind(n));
    }
    for (Map.Entry<String, JsonNode> field : n.properties()) {
      if (!allowed.contains(field.getKey())) {
        String prefix = what.startsWith("the ") ? "" : what + ": ";
        throw new IllegalArgumentException(prefix + "unknown key '" + field.getKey() + "' (expected "
            + String.join(", ", allowed) + ")");
      }
    }
  }

  /** The value of {@code key} in the object at {@code where} ("" for the top level), which must be there. */
  private static JsonNode required(JsonNode n, String key, String where, String what) {
    JsonNode v = n.get(key);
    if (v == null) {
      throw new IllegalArgumentException((where.isEmpty() ? "" : where + ": ") + "missing the key '" + key + "' ("
          + what + ")");
    }
    return v;
  }

  private static int participants(JsonNode n) {
    long p = integer(n, "participants", 1);
    if (p > MAX_PARTICIPANTS) {
      throw new IllegalArgumentException("participants must be at most " + MAX_PARTICIPANTS + ", got " + p);
    }
    return (int) p;
  }

  /** An integer at least {@code min}, or an error naming {@code key}. */
  private static long integer(JsonNode n, String key, long min) {
    if (!n.isIntegralNumber()) {
      throw new IllegalArgumentException(key + " must be an integer, got " + Json.kind(n));
    }
    if (!n.canConvertToLong()) {
      throw new IllegalArgumentException(key + " " + n + " is out of range");
    }
    long v = n.longValue();
    if (v < min) {
      throw new IllegalArgumentException(key + " must be at least " + min + ", got " + v);
    }
    return v;
  }

  private static CommitScenario.Timeouts timeouts(JsonNode n) {
    object(n, "timeouts", TIMEOUT_KEYS);
    CommitScenario.Timeouts d = CommitScenario.Timeouts.DEFAULT;
    return new CommitScenario.Timeouts(
        n.has("votes") ? integer(n.get("votes"), "timeouts.votes", 1) : d.votes(),
        n.has("request") ? integer(n.get("request"), "timeouts.request", 1) : d.request(),
        n.has("retry") ? integer(n.get("retry"), "timeouts.retry", 1) : d.retry());
  }

  private static List<Verdict> votes(JsonNode n, String key, int participants) {
    if (!n.isArray()) {
      throw new IllegalArgumentException(key + " must be an array of \"commit\" or \"abort\", one per participant, got "
          + Json.kind(n));
    }
    if (n.size() != participants) {
      throw new IllegalArgumentException(key + ": " + n.size() + (n.size() == 1 ? " vote" : " votes") + " for "
          + participants + (participants == 1 ? " participant" : " participants") + " (one per participant,"
          + " participant 1's first)");
    }
    List<Verdict> votes = new ArrayList<>();
    for (int i = 0; i < n.size(); i++) {
      JsonNode v = n.get(i);
      String text = v.isTextual() ? v.textValue().toUpperCase(Locale.ROOT) : "";
      if (!text.equals("COMMIT") && !text.equals("ABORT")) {
        throw new IllegalArgumentException(key + "[" + i + "] must be \"commit\" or \"abort\", got " + Json.kind(v));
      }
      votes.add(Verdict.valueOf(text));
    }
    return votes;
  }

  private static byte[] payload(JsonNode t, String at) {
    if (t.has("payload") && t.has("payloadHex")) {
      throw new IllegalArgumentException(at + ": give payload or payloadHex, not both");
    }
    if (t.has("payload")) {
      JsonNode p = t.get("payload");
      if (!p.isTextual()) {
        throw new IllegalArgumentException(at + ".payload must be a string (UTF-8 text), got " + Json.kind(p));
      }
      return p.textValue().getBytes(StandardCharsets.UTF_8);
    }
    if (t.has("payloadHex")) {
      JsonNode p = t.get("payloadHex");
      try {
        if (!p.isTextual()) {
          throw new IllegalArgumentException();
        }
        return HexFormat.of().parseHex(p.textValue());
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(at + ".payloadHex must be a string of hexadecimal byte pairs, got "
            + Json.kind(p));
      }
    }
    return new byte[0];
  }
}
