package io.github.bgp.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.github.bgp.api.Scenario;
import io.github.bgp.api.Value;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A scenarios file: JSON Lines, one scenario per line, with the keys of the command's options
 * ({@code generals} required; {@code m}, {@code traitors}, {@code order}, {@code strategy},
 * {@code seed}, {@code majority}, {@code lies} optional; {@code lies} is an object from a message,
 * {@code "PATH>TO"}, to what the traitor tells instead: {@code {"0>3": "RETREAT"}}, null for
 * nothing), and {@code start}: when {@code bgp node} starts the line's instance (an ISO-8601
 * instant or milliseconds since 1970; without it, the node's own start; a run in memory takes no
 * time and ignores it). Blank lines are skipped. Every line is checked, down to building its
 * {@link Scenario} (with the library's own messages), before any is run.
 */
final class ScenarioFile {

  /** The name that stands for standard input. */
  static final String STDIN = "-";

  /** The key of a line's start, which only {@code bgp node} reads. */
  static final String START = "start";

  /**
   * A scenario, the line it was on, and the start the line gives its instance (null if none).
   */
  record Line(int number, Scenario scenario, Long start) {
    Line(int number, Scenario scenario) {
      this(number, scenario, null);
    }
  }

  private final String name;
  private final List<Line> lines;

  private ScenarioFile(String name, List<Line> lines) {
    this.name = name;
    this.lines = List.copyOf(lines);
  }

  /**
   * Reads and checks the file {@code name}, or standard input for {@code -}.
   *
   * @throws UsageError if the file cannot be read or a line is not a valid scenario, naming the
   *     file, the line and the problem
   */
  static ScenarioFile read(String name, InputStream stdin) {
    String shown = name.equals(STDIN) ? "standard input" : name;
    try (BufferedReader reader = name.equals(STDIN) ? utf8(stdin) : utf8(Files.newInputStream(Path.of(name)))) {
      return new ScenarioFile(shown, parse(shown, reader));
    } catch (IOException e) {
      throw new UsageError("cannot read scenarios file " + shown + ": " + Json.problem(e));
    } catch (InvalidPathException e) {
      throw new UsageError("cannot read scenarios file " + shown + ": " + e.getMessage());
    }
  }

  /** The file's name as messages show it ({@code standard input} for {@code -}). */
  String name() {
    return name;
  }

  /** The scenarios, in the order of their lines. */
  List<Line> lines() {
    return lines;
  }

  private static BufferedReader utf8(InputStream in) {
    return new BufferedReader(new InputStreamReader(in, Json.strictUtf8()));
  }

  private static List<Line> parse(String file, BufferedReader reader) throws IOException {
    List<Line> all = new ArrayList<>();
    int number = 0;
    for (String line = reader.readLine(); line != null; line = reader.readLine()) {
      number++;
      if (number == 1 && line.startsWith("\uFEFF")) {
        line = line.substring(1);
      }
      if (line.isBlank()) {
        continue;
      }
      try {
        all.add(new Line(number, settings(line).build(), start(line)));
      } catch (IllegalArgumentException e) {
        throw new UsageError(file + " line " + number + ": " + e.getMessage());
      }
    }
    return all;
  }

  /** The settings on one line; an IllegalArgumentException names the problem. */
  static ScenarioSettings settings(String line) {
    JsonNode root;
    try {
      root = Json.MAPPER.readTree(line);
    } catch (JsonProcessingException e) {
      throw Json.notJson(e, "");
    }
    if (!root.isObject()) {
      throw new IllegalArgumentException("expected a JSON object with the keys " + keys() + ", got "
          + Json.kind(root));
    }
    for (Map.Entry<String, JsonNode> field : root.properties()) {
      String key = field.getKey();
      if (!Json.scenarioKeys().contains(key) && !key.equals(START)) {
        throw new IllegalArgumentException("unknown key '" + key + "' (expected " + keys() + ")");
      }
    }
    if (!root.has("generals")) {
      throw new IllegalArgumentException("missing the key 'generals' (the number of generals, at least 2)");
    }
    return new ScenarioSettings(
        integer(root, "generals"),
        root.has("m") ? integer(root, "m") : null,
        root.has("traitors") ? traitors(root.get("traitors")) : null,
        root.has("order") ? order(root.get("order")) : null,
        root.has("strategy") ? text(root, "strategy") : null,
        root.has("seed") ? seed(root.get("seed")) : null,
        root.has("majority") ? text(root, "majority") : null,
        root.has("lies") ? lies(root.get("lies")) : null);
  }

  /** {@code {"0>3": "RETREAT", "0.4>2": 20, "0.4>5": null}} as lies in the command line's form. */
  private static List<String> lies(JsonNode n) {
    if (!n.isObject()) {
      throw new IllegalArgumentException("lies must be an object from \"PATH>TO\" to a value, like {\"0>3\":"
          + " \"RETREAT\"}, got " + Json.kind(n));
    }
    List<String> lies = new ArrayList<>();
    for (Map.Entry<String, JsonNode> lie : n.properties()) {
      JsonNode v = lie.getValue();
      String value;
      if (v.isNull()) {
        value = "none";
      } else if (v.isTextual()) {
        value = v.textValue();
      } else if (v.isIntegralNumber() && v.canConvertToLong()) {
        value = Long.toString(v.longValue());
      } else {
        throw new IllegalArgumentException("the lie \"" + lie.getKey() + "\" must tell \"ATTACK\", \"RETREAT\", an"
            + " integer, or null for nothing, got " + Json.kind(v));
      }
      lies.add(lie.getKey() + "=" + value);
    }
    return lies;
  }

  /** The line's start, if it gives one: an ISO-8601 instant or milliseconds since 1970. */
  static Long start(String line) {
    JsonNode n;
    try {
      n = Json.MAPPER.readTree(line).get(START);
    } catch (JsonProcessingException e) {
      throw Json.notJson(e, "");
    }
    if (n == null) {
      return null;
    }
    if (n.isTextual()) {
      return io.github.bgp.net.Schedule.parseStart(n.textValue());
    }
    if (n.isIntegralNumber() && n.canConvertToLong() && n.longValue() > 0) {
      return n.longValue();
    }
    throw new IllegalArgumentException("start must be an ISO-8601 instant such as \"2030-01-01T12:00:00Z\" or"
        + " milliseconds since 1970, got " + Json.kind(n));
  }

  private static int integer(JsonNode root, String key) {
    return integer(root.get(key), key, key + " must be an integer");
  }

  private static int integer(JsonNode n, String key, String mustBe) {
    if (!n.isIntegralNumber()) {
      throw new IllegalArgumentException(mustBe + ", got " + Json.kind(n));
    }
    if (!n.canConvertToInt()) {
      throw new IllegalArgumentException(key + " " + n + " is out of range");
    }
    return n.intValue();
  }

  private static List<Integer> traitors(JsonNode n) {
    if (!n.isArray()) {
      throw new IllegalArgumentException("traitors must be an array of general ids, got " + Json.kind(n));
    }
    List<Integer> ids = new ArrayList<>();
    for (JsonNode id : n) {
      ids.add(integer(id, "traitor", "each traitor must be an integer general id"));
    }
    return ids;
  }

  private static Value order(JsonNode n) {
    if (n.isTextual()) {
      return Value.parse(n.textValue());
    }
    if (n.isIntegralNumber() && n.canConvertToLong()) {
      return Value.number(n.longValue());
    }
    throw new IllegalArgumentException("order must be \"ATTACK\", \"RETREAT\" or an integer, got " + Json.kind(n));
  }

  private static long seed(JsonNode n) {
    if (!n.isIntegralNumber() || !n.canConvertToLong()) {
      throw new IllegalArgumentException("seed must be a 64-bit integer, got " + Json.kind(n));
    }
    return n.longValue();
  }

  private static String text(JsonNode root, String key) {
    JsonNode n = root.get(key);
    if (!n.isTextual()) {
      throw new IllegalArgumentException(key + " must be a string, got " + Json.kind(n));
    }
    return n.textValue();
  }

  private static String keys() {
    return String.join(", ", Json.scenarioKeys()) + ", " + START;
  }
}
