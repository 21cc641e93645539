package io.github.bgp.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.bgp.api.AgreementProtocol;
import io.github.bgp.api.CommitOutcome;
import io.github.bgp.api.CommitProtocol;
import io.github.bgp.api.CommitScenario;
import io.github.bgp.api.NodeId;
import io.github.bgp.api.NodeReport;
import io.github.bgp.api.Outcome;
import io.github.bgp.api.Scenario;
import io.github.bgp.net.Certificates;
import io.github.bgp.net.ClusterConfig;
import io.github.bgp.twophase.log.FileLog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A cluster of {@code bgp node} processes on 127.0.0.1, for {@code --transport tcp}: fresh keys
 * and certificates in a temporary directory, one JVM per node, every node's report gathered into
 * the same {@link Outcome} an in-memory run gives, and everything removed afterwards.
 */
final class LocalProcesses {

  /**
   * JVM options for node processes, unless {@code BGP_NODE_JAVA_OPTS} gives others: small heaps,
   * one GC thread, and the quick compiler only (n JVMs share the machine, and a run is short: the
   * optimizing compiler's own work costs more than it saves; about a third of the wall time for
   * seven nodes on two cores, measured).
   */
  static final List<String> JVM = List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xss512k");

  /** The JVM options node processes get. */
  static List<String> jvmOptions() {
    String given = System.getenv("BGP_NODE_JAVA_OPTS");
    return given == null || given.isBlank() ? JVM : List.of(given.trim().split("\\s+"));
  }

  private LocalProcesses() {}

  /**
   * Runs {@code scenarios} (all of one size) as instances of one cluster of node processes, all in
   * flight at once, and returns their outcomes in order.
   */
  static List<Outcome> run(AgreementProtocol protocol, List<Scenario> scenarios, long roundTimeoutMillis) {
    int n = scenarios.get(0).generals();
    for (Scenario s : scenarios) {
      if (s.generals() != n) {
        throw new UsageError("--transport tcp runs the scenarios of one cluster: all must have " + n
            + " generals, one has " + s.generals());
      }
    }
    Path dir = null;
    try {
      dir = Files.createTempDirectory("bgp-cluster-");
      cluster(dir, n, roundTimeoutMillis);
      Path runs = dir.resolve("scenarios.jsonl");
      List<String> lines = new ArrayList<>();
      for (Scenario s : scenarios) {
        lines.add(Json.line(Json.scenario(s)));
      }
      Files.write(runs, lines, StandardCharsets.UTF_8);
      long timeout = 30 + scenarios.size() * (long) (n * roundTimeoutMillis / 1000 + 1);
      List<Process> nodes = new ArrayList<>();
      try {
        for (int i = 0; i < n; i++) {
          nodes.add(start(dir, i, List.of("--protocol", protocol.name(), "--scenarios", runs.toString(), "--timeout",
              String.valueOf(timeout))));
        }
        Map<Integer, List<NodeReport>> byLine = new TreeMap<>();
        for (int i = 0; i < n; i++) {
          collect(nodes.get(i), i, dir, timeout, byLine);
        }
        List<Outcome> outcomes = new ArrayList<>();
        for (int line = 1; line <= scenarios.size(); line++) {
          Scenario s = scenarios.get(line - 1);
          outcomes.add(Outcome.of(protocol.name(), s, protocol.guarantee(s), byLine.getOrDefault(line, List.of())));
        }
        return outcomes;
      } finally {
        nodes.forEach(Process::destroyForcibly);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot set up the local cluster: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while the nodes ran", e);
    } finally {
      delete(dir);
    }
  }

  /** Keys, certificates and a configuration for {@code n} nodes on free loopback ports. */
  static ClusterConfig cluster(Path dir, int n, long roundTimeoutMillis) throws IOException {
    ClusterConfig config = Certificates.makeCluster(dir, "bgp-local", n, "127.0.0.1", 0, roundTimeoutMillis);
    for (int i = 0; i < n; i++) {
      config = config.withPort(NodeId.of(i), freePort());
    }
    config.write(dir.resolve("cluster.json"));
    return config;
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  /**
   * Runs {@code scenario}'s coordinator and participants as node processes, each with its log in
   * {@code logDir} (a temporary directory if null), and reads the outcome from their logs once
   * they have all settled.
   */
  static CommitOutcome runCommit(CommitProtocol protocol, CommitScenario scenario, Path logDir) {
    Path dir = null;
    try {
      dir = Files.createTempDirectory("bgp-cluster-");
      cluster(dir, scenario.nodes(), ClusterConfig.DEFAULT_ROUND_TIMEOUT_MILLIS);
      Path file = dir.resolve("scenario.json");
      Files.writeString(file, CommitScenarioFile.toJson(scenario));
      Path logs = logDir != null ? logDir : dir.resolve("logs");
      long last = scenario.transactions().stream().mapToLong(CommitScenario.Txn::start).max().orElse(0);
      long timeout = 30 + (last + scenario.timeouts().request() + 10 * scenario.timeouts().retry()) / 1000;
      List<Process> nodes = new ArrayList<>();
      long messages = 0;
      Map<String, Long> counters = new TreeMap<>();
      try {
        for (int i = 0; i < scenario.nodes(); i++) {
          nodes.add(start(dir, i, List.of("--protocol", protocol.name(), "--scenario", file.toString(), "--log-dir",
              logs.toString(), "--timeout", String.valueOf(timeout))));
        }
        for (int i = 0; i < scenario.nodes(); i++) {
          for (JsonNode line : output(nodes.get(i), i, dir, timeout)) {
            if (line.has("metrics")) {
              JsonNode m = line.get("metrics");
              messages += m.get("messages.out").asLong();
              m.fields().forEachRemaining(e -> {
                if (e.getKey().startsWith("protocol.")) {
                  counters.merge(e.getKey().substring("protocol.".length()), e.getValue().asLong(), Long::sum);
                }
              });
            }
          }
        }
      } finally {
        nodes.forEach(Process::destroyForcibly);
      }
      Map<NodeId, List<byte[]>> records = new TreeMap<>();
      for (int i = 0; i < scenario.nodes(); i++) {
        records.put(NodeId.of(i), FileLog.inspect(logs.resolve("node-" + i + ".log")).records().stream()
            .map(e -> e.payload()).toList());
      }
      return protocol.outcome(scenario, records, Set.of(), messages, counters, List.of());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot set up the local cluster: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while the nodes ran", e);
    } finally {
      delete(dir);
    }
  }

  /** Starts {@code bgp node --config dir/cluster.json --id i --json args...} in a JVM of its own. */
  static Process start(Path dir, int i, List<String> args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(Main.class.getName());
    command.addAll(List.of("node", "--config", dir.resolve("cluster.json").toString(), "--id", String.valueOf(i),
        "--json"));
    command.addAll(args);
    return new ProcessBuilder(command).redirectError(dir.resolve("node-" + i + ".err").toFile())
        .redirectOutput(dir.resolve("node-" + i + ".out").toFile()).start();
  }

  private static void collect(Process node, int i, Path dir, long timeoutSeconds, Map<Integer, List<NodeReport>> byLine)
      throws IOException, InterruptedException {
    for (JsonNode o : output(node, i, dir, timeoutSeconds)) {
      if (o.has("report")) {
        byLine.computeIfAbsent(o.get("line").asInt(), k -> new ArrayList<>()).add(NodeReports.fromJson(o.get("report")));
      }
    }
  }

  /** Waits for node {@code i} to exit, and returns the JSON lines it printed; fails if it failed. */
  private static List<JsonNode> output(Process node, int i, Path dir, long timeoutSeconds)
      throws IOException, InterruptedException {
    if (!node.waitFor(timeoutSeconds + 10, TimeUnit.SECONDS)) {
      node.destroyForcibly();
      throw new IllegalStateException("node " + i + " did not finish in " + (timeoutSeconds + 10) + " s"
          + tail(dir.resolve("node-" + i + ".err")));
    }
    if (node.exitValue() != 0) {
      throw new IllegalStateException("node " + i + " failed (exit " + node.exitValue() + ")"
          + tail(dir.resolve("node-" + i + ".err")));
    }
    List<JsonNode> lines = new ArrayList<>();
    for (String line : Files.readAllLines(dir.resolve("node-" + i + ".out"), StandardCharsets.UTF_8)) {
      lines.add(Json.MAPPER.readTree(line));
    }
    return lines;
  }

  private static String tail(Path err) throws IOException {
    List<String> lines = Files.exists(err) ? Files.readAllLines(err, StandardCharsets.UTF_8) : List.of();
    return lines.isEmpty() ? "" : ": " + String.join(" | ", lines.subList(Math.max(0, lines.size() - 5), lines.size()));
  }

  private static void delete(Path dir) {
    if (dir == null) {
      return;
    }
    try (Stream<Path> all = Files.walk(dir)) {
      all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a temporary directory left behind is not worth failing the run for
    }
  }
}
