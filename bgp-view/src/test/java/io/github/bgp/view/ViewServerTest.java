package io.github.bgp.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The server's endpoints over real HTTP on 127.0.0.1. */
class ViewServerTest {

  private ViewServer server;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30)).build();

  @BeforeEach
  void start() throws Exception {
    server = ViewServer.start(0, Runs.commands(), Runs.runner());
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private HttpResponse<String> get(String path) throws Exception {
    return http.send(HttpRequest.newBuilder(server.url().resolve(path)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> post(String path, String type, String body) throws Exception {
    return http.send(HttpRequest.newBuilder(server.url().resolve(path)).header("Content-Type", type)
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static JsonNode json(HttpResponse<String> r) throws Exception {
    return Json.MAPPER.readTree(r.body());
  }

  @Test
  void itListensOn127001AndServesThePage() throws Exception {
    assertEquals("127.0.0.1", server.url().getHost());
    HttpResponse<String> r = get("/");
    assertEquals(200, r.statusCode());
    assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
    assertEquals(ViewPage.live(), r.body());
    assertEquals(404, get("/etc/passwd").statusCode());
  }

  @Test
  void itListsTheCommandsAStudentCanChoose() throws Exception {
    JsonNode c = json(get("/api/commands"));
    assertEquals(4, c.size());
    assertEquals("om", c.get(0).get("name").asText());
    assertEquals("agreement", c.get(0).get("family").asText());
    assertEquals("commit", c.get(2).get("family").asText());
  }

  @Test
  void aRunComesBackAsTheViewsJson() throws Exception {
    HttpResponse<String> r = post("/api/run", "application/json",
        "{\"command\": \"om\", \"options\": [[\"--generals\", \"7\"], [\"--traitors\", \"3,4\"]]}");
    assertEquals(200, r.statusCode(), r.body());
    JsonNode v = json(r);
    assertEquals("agreement", v.get("kind").asText());
    assertEquals(7, v.get("scenario").get("generals").asInt());
    assertEquals(26, v.get("trees").get("1").get("messages").asInt());
    JsonNode commit = json(post("/api/run", "application/json",
        "{\"command\": \"2pc\", \"options\": [[\"--crash\", \"0:5:after:100\"]]}"));
    assertEquals("commit", commit.get("kind").asText());
  }

  @Test
  void theShivizEndpointGivesTheRunsLog() throws Exception {
    HttpResponse<String> r = post("/api/shiviz", "application/json", "{\"command\": \"om\", \"options\": []}");
    assertEquals(200, r.statusCode());
    assertTrue(r.body().startsWith(ShiViz.REGEX + "\n\n"));
    assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"));
    assertEquals(400, post("/api/shiviz", "application/json", "{\"command\": \"two-generals\"}").statusCode());
  }

  @Test
  void badRequestsAreRefusedSayingWhy() throws Exception {
    HttpResponse<String> r = post("/api/run", "application/json",
        "{\"command\": \"om\", \"options\": [[\"--generals\", \"bad\"]]}");
    assertEquals(400, r.statusCode());
    assertEquals("--generals bad: not a value", json(r).get("error").asText(), "the runner's message, as it is");
    r = post("/api/run", "application/json", "{\"command\": \"rm\"}");
    assertEquals(400, r.statusCode());
    assertEquals("unknown command 'rm' (the view runs om, sm, 2pc, two-generals)", json(r).get("error").asText());
    assertEquals(400, post("/api/run", "application/json", "{\"command\": \"om\", \"options\": [[1, 2]]}")
        .statusCode());
    assertEquals(400, post("/api/run", "application/json", "not json").statusCode());
    // A form of another site posts text/plain without asking first; the server takes JSON only.
    assertEquals(415, post("/api/run", "text/plain", "{\"command\": \"om\"}").statusCode());
    assertEquals(405, get("/api/run").statusCode());
    assertEquals(413, post("/api/run", "application/json", "[" + " ".repeat(ViewServer.MAX_BODY) + "]")
        .statusCode());
  }

  @Test
  void aPageOfAnotherOriginCannotUseIt() throws Exception {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(server.url().resolve("/api/run"))
        .header("Content-Type", "application/json").header("Origin", "http://evil.example")
        .POST(HttpRequest.BodyPublishers.ofString("{\"command\": \"om\"}")).build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(403, r.statusCode());
  }

  @Test
  void aRequestForAnotherHostNameIsRefused() throws Exception {
    // A DNS name rebound to 127.0.0.1 arrives with its own name in Host.
    try (Socket s = new Socket("127.0.0.1", server.port())) {
      OutputStream out = s.getOutputStream();
      out.write(("GET /api/commands HTTP/1.1\r\nHost: rebound.example:" + server.port()
          + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = s.getInputStream();
      String response = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
      assertTrue(response.startsWith("HTTP/1.1 403"), response);
    }
  }

  @Test
  void aPortOutOfRangeOrNoCommandIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> ViewServer.start(70000, Runs.commands(), Runs.runner()));
    assertThrows(IllegalArgumentException.class, () -> ViewServer.start(0, List.of(), Runs.runner()));
  }

  @Test
  void aBusyPortIsAnError() {
    assertThrows(java.io.IOException.class, () -> ViewServer.start(server.port(), Runs.commands(), Runs.runner()));
  }

  @Test
  void itStopsListeningWhenClosed() throws Exception {
    URI url = server.url();
    server.close();
    assertThrows(java.io.IOException.class, () -> http.send(HttpRequest.newBuilder(url).GET().build(),
        HttpResponse.BodyHandlers.ofString()));
  }
}
