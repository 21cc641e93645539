package io.github.bgp.bench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.bgp.charts.Charts;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The loopback section: agreements, latency and messages beside the in-memory figures, from JMH's format. */
class LoopbackSectionTest {

  @TempDir
  Path out;

  /**
   * A LoopbackBenchmark result of two measured operations of 1 s, each with {@code agreements}
   * instances and 9 messages an instance, p50 and p99 of the operations as given.
   */
  private static ObjectNode add(ArrayNode json, String protocol, String runtime, long agreements, double p50Micros,
      double p99Micros) {
    ObjectNode e = json.addObject();
    e.put("benchmark", "io.github.bgp.bench.LoopbackBenchmark.load");
    e.put("mode", "ss");
    e.putObject("params").put("protocol", protocol).put("runtime", runtime).put("window", "64").put("starters", "32")
        .put("millis", "1000").put("roundTimeout", "2000");
    ObjectNode p = e.putObject("primaryMetric");
    p.put("score", 1000.0);
    p.put("scoreError", "NaN");
    p.put("scoreUnit", "ms/op");
    p.putArray("rawData").addArray().add(1000.0).add(1000.0);
    metric(e, "agreements", agreements, agreements);
    metric(e, "loadNanos", 1e9, 1e9);
    metric(e, "messages", agreements * 9, agreements * 9);
    metric(e, "meanMicros", 2 * p50Micros, 2 * p50Micros);
    metric(e, "p50Micros", p50Micros, p50Micros);
    metric(e, "p90Micros", 2 * p50Micros, 2 * p50Micros);
    metric(e, "p99Micros", p99Micros * 0.5, p99Micros * 1.5);
    metric(e, "maxMicros", p99Micros * 2, p99Micros * 3);
    metric(e, "deadlineMisses", 0, 0);
    metric(e, "wrongDecisions", 0, 0);
    metric(e, "unfinished", 0, 0);
    return e;
  }

  /** An EVENTS counter: its score is the sum of the operations' values, as JMH reports it. */
  private static void metric(ObjectNode e, String name, double first, double second) {
    ObjectNode m = e.with("secondaryMetrics").putObject(name);
    m.put("score", first + second);
    m.put("scoreError", "NaN");
    m.put("scoreUnit", "#");
    m.putArray("rawData").addArray().add(first).add(second);
  }

  private static void set(ObjectNode e, String name, double second) {
    ((ArrayNode) e.get("secondaryMetrics").get(name).get("rawData").get(0)).set(1, second);
  }

  private static ArrayNode all() {
    ArrayNode json = Fixtures.JSON.createArrayNode();
    add(json, "om", "tls", 500, 8_000, 80_000);
    add(json, "om", "memory", 2_500, 400, 4_000);
    add(json, "om", "sim", 5_000, 50, 8_000);
    add(json, "sm", "tls", 400, 10_000, 100_000);
    add(json, "sm", "memory", 600, 9_000, 25_000);
    add(json, "sm", "sim", 800, 5_000, 30_000);
    return json;
  }

  private static Claim claim(ArrayNode json) {
    return claim(json, LoopbackSection.CLAIM_NUMBER);
  }

  private static Claim claim(ArrayNode json, int number) {
    List<Claim> claims = new LoopbackSection().claims(Fixtures.results(Suite.QUICK, json, List.of()));
    assertEquals(List.of(LoopbackSection.CLAIM_NUMBER, LoopbackSection.THROUGHPUT_CLAIM,
        LoopbackSection.SIGNATURE_CLAIM), claims.stream().map(Claim::number).toList());
    return claims.stream().filter(c -> c.number() == number).findFirst().orElseThrow();
  }

  /** A throughput result (ops/s) of {@code benchmark}, with {@code params} given as name, value, ... */
  private static void throughput(ArrayNode json, String benchmark, double opsPerSecond, String... params) {
    ObjectNode e = json.addObject();
    e.put("benchmark", "io.github.bgp.bench." + benchmark);
    e.put("mode", "thrpt");
    ObjectNode ps = e.putObject("params");
    for (int i = 0; i < params.length; i += 2) {
      ps.put(params[i], params[i + 1]);
    }
    ObjectNode p = e.putObject("primaryMetric");
    p.put("score", opsPerSecond);
    p.put("scoreError", "NaN");
    p.put("scoreUnit", "ops/s");
    p.putArray("rawData").addArray().add(opsPerSecond).add(opsPerSecond);
  }

  /** The loopback load with CPU time and signature counters, and both floors: TLS records and Ed25519. */
  private static ArrayNode withFloors(long omAgreements, double omP99Micros, long smAgreements) {
    ArrayNode json = Fixtures.JSON.createArrayNode();
    ObjectNode om = add(json, "om", "tls", omAgreements, 1_000, omP99Micros);
    metric(om, "cpuNanos", 1e9, 1e9);
    add(json, "om", "memory", 40_000, 400, 4_000);
    ObjectNode sm = add(json, "sm", "tls", smAgreements, 10_000, 100_000);
    // 4 signatures and 9 verifications an agreement
    metric(sm, "signatures", 4 * smAgreements, 4 * smAgreements);
    metric(sm, "verifications", 9 * smAgreements, 9 * smAgreements);
    add(json, "sm", "memory", 600, 9_000, 25_000);
    throughput(json, "TlsRecordBenchmark.record", 100_000, "bytes", LoopbackSection.SMALL_RECORD);
    throughput(json, "TlsRecordBenchmark.record", 20_000, "bytes", LoopbackSection.LARGE_RECORD);
    // 40,000 signatures and 18,000 verifications a second: 4 / 40,000 + 9 / 18,000 = 0.6 ms an agreement
    throughput(json, "SignatureFloorBenchmark.sign", 40_000);
    throughput(json, "SignatureFloorBenchmark.verify", 18_000);
    return json;
  }

  @Test
  void omOverTlsPassesAtTheGoalRateWithP99UnderTheBoundAndFailsBelowEither() {
    // 30,000 agreements in each of two 1 s operations, p99 10 ms on average
    Claim pass = claim(withFloors(30_000, 10_000, 1_000), LoopbackSection.THROUGHPUT_CLAIM);
    assertEquals(Claim.Verdict.PASS, pass.verdict(), pass.measured());
    // 270,000 messages/s against 100,000 small records/s per core
    assertTrue(pass.measured().contains("30,000/s (120% of the goal), p99 10.0 ms"), pass.measured());
    assertTrue(pass.measured().contains("30,000 agreements per CPU-second"), pass.measured());
    assertTrue(pass.measured().contains("TLS floor: 100,000/s records of 48 B per core, so 270,000/s messages over TLS"
        + " are 2.70x"), pass.measured());
    Claim slow = claim(withFloors(20_000, 10_000, 1_000), LoopbackSection.THROUGHPUT_CLAIM);
    assertEquals(Claim.Verdict.FAIL, slow.verdict(), slow.measured());
    Claim late = claim(withFloors(30_000, 25_000, 1_000), LoopbackSection.THROUGHPUT_CLAIM);
    assertEquals(Claim.Verdict.FAIL, late.verdict(), late.measured());
    ArrayNode wrong = withFloors(30_000, 10_000, 1_000);
    set(Fixtures.entry(wrong, "LoopbackBenchmark", "protocol", "om", "runtime", "tls"), "wrongDecisions", 1);
    assertEquals(Claim.Verdict.FAIL, claim(wrong, LoopbackSection.THROUGHPUT_CLAIM).verdict());
  }

  @Test
  void smOverTlsIsJudgedAgainstItsSignatureFloorMeasuredInTheSameRun() {
    // the floor: 1 / 0.6 ms = 1,667 agreements/s; 1,400/s is 84% of it, 1,200/s is 72%
    Claim pass = claim(withFloors(30_000, 10_000, 1_400), LoopbackSection.SIGNATURE_CLAIM);
    assertEquals(Claim.Verdict.PASS, pass.verdict(), pass.measured());
    assertTrue(pass.measured().startsWith("1,400/s against a floor of 1,667/s (84.0%): 4.00 signatures and 9.00"
        + " verifications an agreement at 40,000/s and 18,000/s"), pass.measured());
    Claim fail = claim(withFloors(30_000, 10_000, 1_200), LoopbackSection.SIGNATURE_CLAIM);
    assertEquals(Claim.Verdict.FAIL, fail.verdict(), fail.measured());
  }

  @Test
  void theGoalsAreNotMeasuredWithoutTheirRunsOrFloors() {
    ArrayNode json = Fixtures.JSON.createArrayNode();
    add(json, "om", "memory", 2_500, 400, 4_000);
    add(json, "sm", "tls", 400, 10_000, 100_000);
    assertEquals(Claim.Verdict.NOT_MEASURED, claim(json, LoopbackSection.THROUGHPUT_CLAIM).verdict());
    Claim sm = claim(json, LoopbackSection.SIGNATURE_CLAIM);
    assertEquals(Claim.Verdict.NOT_MEASURED, sm.verdict(), sm.measured());
    assertTrue(sm.measured().contains(LoopbackSection.SIGNATURE_FLOOR), sm.measured());
  }

  @Test
  void rendersTheGoalsBesideTheirFloors() {
    Doc doc = new Doc("test");
    new LoopbackSection().render(Fixtures.results(Suite.QUICK, withFloors(30_000, 10_000, 1_400), List.of()), doc);
    String text = Markdown.write(doc);
    assertTrue(text.contains("Beside the floors"), text);
    assertTrue(text.contains("| OM(1) over TLS, agreements/s | 30,000/s | goal 25,000/s | 1.20x |"), text);
    assertTrue(text.contains("| OM(1) over TLS, messages/s | 270,000/s | 100,000/s records of 48 B, one core | 2.70x |"),
        text);
    assertTrue(text.contains("| SM(1) over TLS, agreements/s | 1,400/s | signature floor 1,667/s | 0.84x |"), text);
  }

  @Test
  void rendersRatesPercentilesAndMessagesAgainstTheInMemoryFigures() throws Exception {
    Doc doc = new Doc("test");
    new LoopbackSection().render(Fixtures.results(Suite.QUICK, all(), List.of()), doc);
    String text = Markdown.write(doc);
    // OM over TLS: 1,000 agreements in 2 s, 16 ms each on average, so 8 at once; 4,500 messages/s against 22,500
    // without sockets and 45,000 simulated.
    assertTrue(text.contains("| OM(1) | TCP + mutual TLS 1.3, 127.0.0.1 | 500/s | 8.00 | 8.00 ms | 16.0 ms | 80.0 ms | 240 ms"
        + " | 4,500/s | 0.20x | 0.10x | 0 | 1,000 | 0 |"), text);
    assertTrue(text.contains("| OM(1) | live nodes, no sockets | 2,500/s |"), text);
    assertTrue(text.contains("| 22,500/s | \u2014 | 0.50x | 0 | 5,000 | 0 |"), text);
    assertTrue(text.contains("| SM(1) | simulator | 800/s |"), text);
    assertEquals(2, doc.figures().size());
    for (Doc.Figure f : doc.figures()) {
      Charts.write(f.chart(), out, f.name());
      assertNotNull(ImageIO.read(out.resolve(f.name() + ".png").toFile()), f.name());
    }
    assertEquals(Claim.Verdict.PASS, claim(all()).verdict(), claim(all()).measured());
  }

  @Test
  void aWrongDecisionAMissedDeadlineOrAnUnfinishedInstanceFailsTheClaim() {
    for (String counter : List.of("wrongDecisions", "deadlineMisses", "unfinished")) {
      ArrayNode json = all();
      set(Fixtures.entry(json, "LoopbackBenchmark", "protocol", "sm", "runtime", "tls"), counter, 1);
      Claim c = claim(json);
      assertEquals(Claim.Verdict.FAIL, c.verdict(), counter + ": " + c.measured());
    }
  }

  @Test
  void theClaimIsNotMeasuredWithoutEveryLiveRuntime() {
    ArrayNode json = Fixtures.JSON.createArrayNode();
    add(json, "om", "tls", 500, 8_000, 80_000);
    add(json, "om", "memory", 2_500, 400, 4_000);
    Claim c = claim(json);
    assertEquals(Claim.Verdict.NOT_MEASURED, c.verdict(), c.measured());
    assertTrue(c.measured().endsWith("not measured: SM(1) tls, SM(1) memory"), c.measured());
  }

  @Test
  void saysSoWhenNothingWasMeasured() {
    Doc doc = new Doc("test");
    new LoopbackSection().render(Fixtures.results(Suite.QUICK, Fixtures.JSON.createArrayNode(), List.of()), doc);
    assertTrue(Markdown.write(doc).contains("The loopback benchmark was not measured in this run"));
    assertTrue(doc.figures().isEmpty());
  }

  @Test
  void theQuickSuiteRunsEveryProtocolOnEveryRuntimeOnce() {
    List<JmhRun> runs = new LoopbackSection().benchmarks(Suite.QUICK);
    assertEquals(3, runs.size(), "the load, the TLS floor and the signature floor");
    assertEquals(6, runs.get(0).configurations());
    assertTrue(runs.get(0).command().contains("-p protocol=om,sm -p runtime=tls,memory,sim"), runs.get(0).command());
  }
}
