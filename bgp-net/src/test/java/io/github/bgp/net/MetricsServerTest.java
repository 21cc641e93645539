package io.github.bgp.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.bgp.api.DropReason;
import io.github.bgp.api.NodeId;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

class MetricsServerTest {

  @Test
  void servesTheCountersWhileTheNodeRuns() throws Exception {
    NodeMetrics metrics = new NodeMetrics(NodeId.of(3));
    metrics.frameIn(100);
    metrics.dropped(DropReason.OVERSIZE, "node 1", "test");
    metrics.decided("ATTACK");
    try (MetricsServer server = MetricsServer.start("127.0.0.1", 0, metrics)) {
      HttpClient http = HttpClient.newHttpClient();
      HttpResponse<String> prom = http.send(HttpRequest.newBuilder(
          URI.create("http://127.0.0.1:" + server.port() + "/metrics")).build(), HttpResponse.BodyHandlers.ofString());
      assertEquals(200, prom.statusCode());
      assertTrue(prom.body().contains("bgp_bytes_in_total{node=\"3\"} 100"), prom.body());
      assertTrue(prom.body().contains("bgp_frames_dropped_total{node=\"3\",reason=\"oversize\"} 1"), prom.body());
      assertTrue(prom.body().contains("bgp_decisions_total{node=\"3\",value=\"ATTACK\"} 1"), prom.body());
      metrics.frameIn(5);
      HttpResponse<String> text = http.send(HttpRequest.newBuilder(
          URI.create("http://127.0.0.1:" + server.port() + "/metrics.txt")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertTrue(text.body().contains("frames.in 2"), text.body());
      HttpResponse<String> missing = http.send(HttpRequest.newBuilder(
          URI.create("http://127.0.0.1:" + server.port() + "/nope")).build(), HttpResponse.BodyHandlers.ofString());
      assertEquals(404, missing.statusCode());
    }
  }
}
