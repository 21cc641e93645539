package io.github.bgp.bench.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;

/**
 * A report's measurements without measuring: the JMH results of a quick suite from
 * {@code jmh-quick.json} (made-up numbers of the right shape: bgp 98x faster than the naive
 * baseline at 16:5 on all cores and 39x on one, no evaluator at 22:7), OM counts equal to the
 * formula, made-up SM counts, and process runs that pass unless a test says otherwise.
 */
final class Fixtures {

  static final ObjectMapper JSON = new ObjectMapper();

  private Fixtures() {}

  /** The quick suite's JMH results, with the copy benchmark at 25.6 ms per 256 MiB (10.5 GB/s). */
  static ArrayNode jmhJson() {
    try (InputStream in = Fixtures.class.getResourceAsStream("jmh-quick.json")) {
      ArrayNode json = (ArrayNode) JSON.readTree(new String(in.readAllBytes(), StandardCharsets.UTF_8));
      addCopy(json, 25.6);
      return json;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A MemoryBandwidthBenchmark result: one copy of 256 MiB in {@code millis}. */
  static void addCopy(ArrayNode json, double millis) {
    ObjectNode e = json.addObject();
    e.put("benchmark", "io.github.bgp.bench.MemoryBandwidthBenchmark.copy");
    e.put("mode", "avgt");
    e.putObject("params").put("mib", OmFloor.MIB);
    ObjectNode p = e.putObject("primaryMetric");
    p.put("score", millis);
    p.put("scoreError", "NaN");
    p.put("scoreUnit", "ms/op");
    p.putArray("rawData").addArray().add(millis);
  }

  static JmhResults jmh(ArrayNode json) {
    try {
      return JmhResults.parse(JSON.writeValueAsString(json));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The entry of {@code benchmark} (simple class name) whose params include {@code key=value} pairs. */
  static ObjectNode entry(ArrayNode json, String benchmark, String... keyValues) {
    for (var e : json) {
      if (!e.path("benchmark").asText().contains("." + benchmark + ".")) {
        continue;
      }
      boolean all = true;
      for (int i = 0; i < keyValues.length; i += 2) {
        all &= keyValues[i + 1].equals(e.path("params").path(keyValues[i]).asText());
      }
      if (all) {
        return (ObjectNode) e;
      }
    }
    throw new AssertionError("no fixture entry " + benchmark + " " + String.join(" ", keyValues));
  }

  /** Sets an entry's primary score (and its raw data to that score). */
  static void setScore(ObjectNode entry, double score) {
    ObjectNode p = (ObjectNode) entry.get("primaryMetric");
    p.put("score", score);
    ArrayNode raw = p.putArray("rawData").addArray();
    raw.add(score);
  }

  /** An EvaluatorBenchmark result at 22:7: single-shot times in seconds. */
  static void addEvaluator227(ArrayNode json, double... seconds) {
    ObjectNode e = json.addObject();
    e.put("benchmark", "io.github.bgp.bench.EvaluatorBenchmark.evaluate");
    e.put("mode", "ss");
    e.putObject("params").put("size", "22:7");
    ObjectNode p = e.putObject("primaryMetric");
    double sum = 0;
    ArrayNode raw = p.putArray("rawData").addArray();
    for (double s : seconds) {
      raw.add(s * 1000);
      sum += s * 1000;
    }
    p.put("score", sum / seconds.length);
    p.put("scoreError", "NaN");
    p.put("scoreUnit", "ms/op");
  }

  /** Counts equal to the formula for every scenario the sections count. */
  static List<MessageCount> counts() {
    List<MessageCount> counts = new ArrayList<>();
    for (int m = 1; m <= 6; m++) {
      for (String t : List.of(Om.LOYAL, Om.RANDOM)) {
        counts.add(new MessageCount(Om.PROTOCOL, 3 * m + 1, m, t, OmFormula.messages(3 * m + 1, m), 1_000_000));
      }
    }
    for (int n : OmGrowingNSection.SIZES) {
      counts.add(new MessageCount(Om.PROTOCOL, n, 3, Om.RANDOM, OmFormula.messages(n, 3), 1_000_000));
    }
    for (String traitors : SmSection.TRAITORS) {
      for (String n : SmSection.SIZES) {
        counts.add(smCount(Integer.parseInt(n), traitors));
      }
    }
    for (String p : ProtocolsSection.AGREEMENT) {
      for (int m = 1; m <= ProtocolsSection.LAST_M; m++) {
        counts.add(agreementCount(p, 3 * m + 1, m));
      }
      for (int n : ProtocolsSection.GROWING_N) {
        if (n != 3 * ProtocolsSection.FIXED_M + 1) {
          counts.add(agreementCount(p, n, ProtocolsSection.FIXED_M));
        }
      }
    }
    for (String p : ProtocolsSection.COMMIT) {
      long formula = ProtocolsSection.commitFormula(p, 3, 1);
      counts.add(new MessageCount(p, 3, 1, ProtocolsSection.FAULT_FREE, formula, 1_000, java.util.Map.of(
          ProtocolsSection.FORCES, 12L, ProtocolsSection.BLOCKED, 0L, ProtocolsSection.LATENCY, 5L)));
      counts.add(new MessageCount(p, 3, 1, ProtocolsSection.COORDINATOR_DEAD, formula, 1_000, p.equals("2pc")
          ? java.util.Map.of(ProtocolsSection.FORCES, 4L, ProtocolsSection.BLOCKED, 1L)
          : java.util.Map.of(ProtocolsSection.FORCES, 9L, ProtocolsSection.BLOCKED, 0L,
              ProtocolsSection.LATENCY, 90L)));
    }
    return counts;
  }

  /**
   * A made-up SM(m) count, m = (n - 1) / 3: 10n signed, 20n verified, n rejected, and a decision
   * for every loyal lieutenant.
   */
  static MessageCount smCount(int n, String traitors) {
    int m = Math.max(1, (n - 1) / 3);
    int lyingLieutenants = traitors.equals("commander") ? m - 1 : m;
    return new MessageCount(SmSection.PROTOCOL, n, m, traitors, 30L * n, 1_000_000, java.util.Map.of(
        SmSection.SIGNED, 10L * n, SmSection.VERIFIED, 20L * n, SmSection.REJECTED, (long) n,
        SmSection.DECISIONS, (long) (n - 1 - lyingLieutenants)));
  }

  /** A count of {@code protocol} equal to its formula, a byte a message, a signature per message. */
  static MessageCount agreementCount(String protocol, int n, int m) {
    long messages = ProtocolsSection.formula(protocol, n, m);
    return new MessageCount(protocol, n, m, ProtocolsSection.NOBODY, messages, 1_000, java.util.Map.of(
        ProtocolsSection.BYTES, messages, ProtocolsSection.DECISIONS, (long) n - 1, ProtocolsSection.SIGNED, messages,
        ProtocolsSection.VERIFIED, messages));
  }

  /** A correct run: 0.6 s, 130 MB. */
  static ProcessResult.Run goodRun(long messages) {
    return new ProcessResult.Run(0, 600_000_000L, 130_000_000L, true, true, messages, null);
  }

  /** Every probe of {@code suite}, each repetition a good run, then {@code change} applied to the list. */
  static List<ProcessResult> processes(Suite suite, Consumer<List<ProcessResult>> change) {
    List<ProcessResult> all = new ArrayList<>();
    for (Section s : BenchReport.SECTIONS) {
      for (ProcessProbe p : s.probes(suite)) {
        List<String> command = List.of("java", "-jar", "bgp.jar");
        all.add(new ProcessResult(p, command, null, Collections.nCopies(p.repetitions(), goodRun(p.expectedMessages()))));
      }
    }
    change.accept(all);
    return all;
  }

  /** Replaces the probe {@code id}'s first run with {@code run}. */
  static void replaceFirstRun(List<ProcessResult> all, String id, ProcessResult.Run run) {
    for (int i = 0; i < all.size(); i++) {
      ProcessResult p = all.get(i);
      if (p.probe().id().equals(id)) {
        List<ProcessResult.Run> runs = new ArrayList<>(p.runs());
        runs.set(0, run);
        all.set(i, new ProcessResult(p.probe(), p.command(), null, runs));
        return;
      }
    }
    throw new AssertionError("no probe " + id);
  }

  static Machine machine() {
    return new Machine("Test CPU @ 2.00GHz", 2, 24L * 1024 * 1024 * 1024, "17.0.15", "Debian",
        "OpenJDK 64-Bit Server VM 17.0.15+6", "Linux 6.1", "amd64", "2025-01-01T12:00:00Z", "0.1.0-SNAPSHOT", 1.5);
  }

  static Results results(Suite suite, ArrayNode jmh, List<ProcessResult> processes) {
    return new Results(suite, jmh(jmh), counts(), processes, machine());
  }

  static Results quick() {
    return results(Suite.QUICK, jmhJson(), processes(Suite.QUICK, p -> {}));
  }
}
