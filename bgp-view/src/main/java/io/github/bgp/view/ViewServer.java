package io.github.bgp.view;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The local server of {@code bgp view}: the page, and runs as JSON. It listens on 127.0.0.1
 * only, and answers only requests addressed to it by that name or {@code localhost} (a page of
 * another site in the same browser cannot use it, nor a DNS name rebound to this machine). It
 * runs one request at a time, each run in the simulator.
 *
 * <ul>
 *   <li>{@code GET /}: the page ({@link ViewPage#live()});
 *   <li>{@code GET /api/commands}: the commands a student can choose, {@code [{"name": "om",
 *       "family": "agreement", "title": "..."}, ...]};
 *   <li>{@code POST /api/run} with {@code {"command": "om", "options": [["--generals", "7"],
 *       ["--traitors", "3,4"]]}} (as {@code application/json}): the run's view
 *       ({@link RunView#json()}), or 400 and {@code {"error": "..."}} naming what is wrong;
 *   <li>{@code POST /api/shiviz}, the same request: the run's ShiViz log, as text.
 * </ul>
 */
public final class ViewServer implements AutoCloseable {

  /** A command the page offers: its name, its family ({@code agreement}, {@code commit}, {@code two-generals}) and title. */
  public record Command(String name, String family, String title) {
    public Command {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(family, "family");
      Objects.requireNonNull(title, "title");
    }
  }

  /** One option of a run, as the command line gives it: {@code --generals} and {@code 7}. */
  public record Option(String name, String value) {
    public Option {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(value, "value");
    }
  }

  /** Runs what the page asks for. */
  @FunctionalInterface
  public interface Runner {
    /**
     * Runs {@code command} with these options and returns its view.
     *
     * @throws IllegalArgumentException if the command or its options are wrong, with a message
     *     for the student (the page shows it as it is)
     */
    RunView run(String command, List<Option> options);
  }

  /** The largest request body read: a scenario's options, not a file. */
  static final int MAX_BODY = 64 * 1024;

  private final HttpServer server;
  private final ExecutorService executor;
  private final List<Command> commands;
  private final Runner runner;
  private final int port;

  private ViewServer(HttpServer server, ExecutorService executor, List<Command> commands, Runner runner) {
    this.server = server;
    this.executor = executor;
    this.commands = List.copyOf(commands);
    this.runner = runner;
    this.port = server.getAddress().getPort();
  }

  /**
   * Starts serving on 127.0.0.1 at {@code port} (0: any free port).
   *
   * @throws IllegalArgumentException if the port is out of range or no command is given
   * @throws IOException if the port cannot be bound (in use, say)
   */
  public static ViewServer start(int port, List<Command> commands, Runner runner) throws IOException {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("a port is 0..65535 (0: any free one), got " + port);
    }
    Objects.requireNonNull(runner, "runner");
    if (commands.isEmpty()) {
      throw new IllegalArgumentException("the view needs at least one command to offer");
    }
    HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 16);
    ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "bgp-view");
      t.setDaemon(true);
      return t;
    });
    http.setExecutor(executor);
    ViewServer s = new ViewServer(http, executor, commands, runner);
    http.createContext("/", s::handle);
    http.start();
    return s;
  }

  /** Where the page is: {@code http://127.0.0.1:PORT/}. */
  public URI url() {
    return URI.create("http://127.0.0.1:" + port + "/");
  }

  /** The port it listens on. */
  public int port() {
    return port;
  }

  /** Stops serving, at once. */
  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  private void handle(HttpExchange x) throws IOException {
    try (x) {
      if (!addressedHere(x)) {
        send(x, 403, "text/plain", "bgp view answers requests to 127.0.0.1:" + port + " or localhost:" + port
            + " only");
        return;
      }
      String path = x.getRequestURI().getPath();
      String method = x.getRequestMethod();
      switch (path) {
        case "/":
        case "/index.html":
          if (allowed(x, "GET")) {
            send(x, 200, "text/html", ViewPage.live());
          }
          return;
        case "/api/commands":
          if (allowed(x, "GET")) {
            send(x, 200, "application/json", Json.write(commandsJson()));
          }
          return;
        case "/api/run":
        case "/api/shiviz":
          if (allowed(x, "POST")) {
            run(x, path.equals("/api/shiviz"));
          }
          return;
        default:
          send(x, 404, "text/plain", "no such page: " + path + " (the view is at /)");
      }
    } catch (RuntimeException e) {
      // the exchange is closed; nothing more can be said to this client
      System.err.println("bgp view: " + method(x) + " " + x.getRequestURI() + " failed: " + e);
    }
  }

  private static String method(HttpExchange x) {
    return x.getRequestMethod();
  }

  /** Whether the request names this server as 127.0.0.1 or localhost (and, if it says, comes from its page). */
  private boolean addressedHere(HttpExchange x) {
    Set<String> here = Set.of("127.0.0.1:" + port, "localhost:" + port);
    String host = x.getRequestHeaders().getFirst("Host");
    if (host == null || !here.contains(host.toLowerCase(Locale.ROOT))) {
      return false;
    }
    String origin = x.getRequestHeaders().getFirst("Origin");
    return origin == null || here.contains(origin.toLowerCase(Locale.ROOT).replaceFirst("^http://", ""))
        && origin.toLowerCase(Locale.ROOT).startsWith("http://");
  }

  private static boolean allowed(HttpExchange x, String method) throws IOException {
    if (x.getRequestMethod().equals(method)) {
      return true;
    }
    x.getResponseHeaders().set("Allow", method);
    send(x, 405, "text/plain", x.getRequestMethod() + " is not allowed here; use " + method);
    return false;
  }

  private ArrayNode commandsJson() {
    ArrayNode a = Json.array();
    for (Command c : commands) {
      ObjectNode o = a.addObject();
      o.put("name", c.name());
      o.put("family", c.family());
      o.put("title", c.title());
    }
    return a;
  }

  private void run(HttpExchange x, boolean shiviz) throws IOException {
    String type = x.getRequestHeaders().getFirst("Content-Type");
    if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("application/json")) {
      error(x, 415, "send the run as application/json");
      return;
    }
    JsonNode body;
    try (InputStream in = x.getRequestBody()) {
      byte[] bytes = in.readNBytes(MAX_BODY + 1);
      if (bytes.length > MAX_BODY) {
        error(x, 413, "a run's request is at most " + MAX_BODY + " bytes");
        return;
      }
      body = Json.MAPPER.readTree(new String(bytes, StandardCharsets.UTF_8));
    } catch (JsonProcessingException e) {
      error(x, 400, "the request is not JSON: " + e.getOriginalMessage());
      return;
    }
    String command;
    List<Option> options;
    try {
      command = command(body);
      options = options(body);
    } catch (IllegalArgumentException e) {
      error(x, 400, e.getMessage());
      return;
    }
    RunView view;
    try {
      view = runner.run(command, options);
    } catch (IllegalArgumentException e) {
      error(x, 400, e.getMessage());
      return;
    } catch (RuntimeException e) {
      error(x, 500, "internal error: " + e);
      return;
    }
    if (!shiviz) {
      send(x, 200, "application/json", view.json());
    } else if (!view.hasEvents()) {
      error(x, 400, command + " has no run's events for ShiViz");
    } else {
      send(x, 200, "text/plain", view.shiviz());
    }
  }

  private String command(JsonNode body) {
    JsonNode c = body == null ? null : body.get("command");
    if (c == null || !c.isTextual()) {
      throw new IllegalArgumentException("the request names no command: {\"command\": \"om\", \"options\": [...]}");
    }
    for (Command known : commands) {
      if (known.name().equals(c.asText())) {
        return known.name();
      }
    }
    List<String> names = new ArrayList<>();
    commands.forEach(k -> names.add(k.name()));
    throw new IllegalArgumentException("unknown command '" + c.asText() + "' (the view runs " + String.join(", ", names)
        + ")");
  }

  private static List<Option> options(JsonNode body) {
    JsonNode o = body.get("options");
    List<Option> options = new ArrayList<>();
    if (o == null || o.isNull()) {
      return options;
    }
    if (!o.isArray()) {
      throw new IllegalArgumentException("options is a list of [name, value] pairs");
    }
    for (JsonNode pair : o) {
      if (!pair.isArray() || pair.size() != 2 || !pair.get(0).isTextual() || !pair.get(1).isTextual()) {
        throw new IllegalArgumentException("an option is a pair of strings, [\"--generals\", \"7\"], not " + pair);
      }
      options.add(new Option(pair.get(0).asText(), pair.get(1).asText()));
    }
    return options;
  }

  private static void error(HttpExchange x, int status, String message) throws IOException {
    ObjectNode o = Json.object();
    o.put("error", message);
    send(x, status, "application/json", Json.write(o));
  }

  private static void send(HttpExchange x, int status, String type, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    x.getResponseHeaders().set("Content-Type", type + "; charset=utf-8");
    x.getResponseHeaders().set("Cache-Control", "no-store");
    x.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
    x.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = x.getResponseBody()) {
      out.write(bytes);
    }
  }
}
