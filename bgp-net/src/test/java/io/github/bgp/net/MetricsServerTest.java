package io.github.bgp.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.bgp.api.DropReason;
import io.github.bgp.api.NodeId;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** {@code /metrics} from Micrometer's Prometheus registry, parsed as a scraper would, and {@code /metrics.txt}. */
class MetricsServerTest {

  /** A sample line of the Prometheus text format: name, labels, value. */
  private static final Pattern SAMPLE = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{([^}]*)\\})? (\\S+)");

  @Test
  void servesTheCountersAndLatenciesThroughThePrometheusRegistry() throws Exception {
    NodeMetrics metrics = new NodeMetrics(NodeId.of(3));
    metrics.frameIn(100);
    metrics.dropped(DropReason.OVERSIZE, "node 1", "test");
    metrics.decided("ATTACK", 2_000_000);
    metrics.forced(1_000_000);
    metrics.forced(3_000_000);
    try (MetricsServer server = MetricsServer.start(0, metrics)) {
      HttpClient http = HttpClient.newHttpClient();
      metrics.refused("handshake", "127.0.0.1", "a reason that first appears after binding");
      HttpResponse<String> prom = get(http, server, "/metrics");
      assertEquals(200, prom.statusCode());
      Map<String, Double> samples = parse(prom.body());
      assertEquals(100.0, samples.get("bgp_bytes_in_total{node=\"3\"}"), prom.body());
      assertEquals(1.0, samples.get("bgp_frames_dropped_total{node=\"3\",reason=\"oversize\"}"), prom.body());
      assertEquals(0.0, samples.get("bgp_frames_dropped_total{node=\"3\",reason=\"late\"}"), prom.body());
      assertEquals(1.0, samples.get("bgp_decisions_total{node=\"3\",value=\"ATTACK\"}"), prom.body());
      assertEquals(1.0, samples.get("bgp_connections_refused_total{node=\"3\",reason=\"handshake\"}"), prom.body());
      assertEquals(2.0, samples.get("bgp_log_force_seconds_count{node=\"3\"}"), prom.body());
      assertEquals(0.004, samples.get("bgp_log_force_seconds_sum{node=\"3\"}"), 1e-9, prom.body());
      assertEquals(0.003, samples.get("bgp_log_force_max_seconds{node=\"3\"}"), 1e-9, prom.body());
      assertEquals(0.002, samples.get("bgp_decision_seconds_sum{node=\"3\"}"), 1e-9, prom.body());
      assertTrue(prom.body().contains("# TYPE bgp_frames_in_total counter"), prom.body());

      metrics.frameIn(5);
      HttpResponse<String> text = get(http, server, "/metrics.txt");
      assertTrue(text.body().contains("frames.in 2"), text.body());
      assertEquals(2.0, parse(get(http, server, "/metrics").body()).get("bgp_frames_in_total{node=\"3\"}"));
      assertEquals(404, get(http, server, "/nope").statusCode());
    }
  }

  @Test
  void listensOnLoopbackUnlessToldOtherwise() throws Exception {
    try (MetricsServer server = MetricsServer.start(0, new NodeMetrics(NodeId.of(0)))) {
      assertTrue(server.address().getAddress().isLoopbackAddress(), server.address().toString());
      assertEquals(200, get(HttpClient.newHttpClient(), server, "/metrics").statusCode());
    }
  }

  /** Every sample of a Prometheus text exposition, by name and labels as written. */
  static Map<String, Double> parse(String exposition) {
    Map<String, Double> samples = new HashMap<>();
    for (String line : exposition.split("\n")) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      Matcher m = SAMPLE.matcher(line);
      assertTrue(m.matches(), "not a sample line of the Prometheus text format: " + line);
      samples.put(m.group(1) + (m.group(2) == null ? "" : m.group(2)), Double.parseDouble(m.group(4)));
    }
    return samples;
  }

  private static HttpResponse<String> get(HttpClient http, MetricsServer server, String path) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
