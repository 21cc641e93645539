package io.github.bgp.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.bgp.api.AgreementProtocol;
import io.github.bgp.api.CommitOutcome;
import io.github.bgp.api.CommitProtocol;
import io.github.bgp.api.CommitScenario;
import io.github.bgp.api.NodeId;
import io.github.bgp.api.Outcome;
import io.github.bgp.api.Scenario;
import io.github.bgp.net.Certificates;
import io.github.bgp.net.ClusterConfig;
import io.github.bgp.runtime.NodeReport;
import io.github.bgp.runtime.Outcomes;
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
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A cluster of {@code bgp node} processes on 127.0.0.1, for {@code --transport tcp}: fresh keys
 * and certificates in a temporary directory, one JVM per node, all given the same start (a few
 * seconds ahead, time for the JVMs to come up) and a fresh random run id, every node's report
 * gathered into the same {@link Outcome} an in-memory run gives, and everything removed afterwards
 * (also when this process is stopped by a signal: SIGINT or SIGTERM stops the nodes and removes the
 * directory, keys included). The node processes run on this process's class path
 * ({@code java.class.path}: for {@code ./bgp}, bgp.jar and {@code BGP_CLASSPATH}), so a protocol
 * this process found there runs in them too.
 */
final class LocalProcesses {

  /** The most node processes one run starts: each is a JVM of its own, on this machine. */
  static final int MAX_PROCESSES = 32;

  /**
   * JVM options for node processes, unless {@code BGP_NODE_JAVA_OPTS} gives others: small heaps,
   * one GC thread, and the quick compiler only (n JVMs share the machine, and a run is short: the
   * optimizing compiler's own work costs more than it saves; about a third of the wall time for
   * seven nodes on two cores, measured).
   */
  private static final List<String> JVM =
      List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xss512k");

  /** How often the nodes are checked on while they run. */
  private static final long POLL_MILLIS = 20;

  /**
   * How far ahead of the moment every node is listening the start is set: time for each to read
   * it, register its instances and dial the others.
   */
  static final long LEAD_MILLIS = 2_000;

  /** How long the nodes may take to come up and listen before the run fails. */
  private static final long READY_SECONDS = 120;

  /**
   * The flags that give every node of one run the same start and a fresh run id: the start comes
   * on each node's standard input once all are listening ({@code --start -}), so a JVM slow to come
   * up on a busy machine never finds its start passed.
   */
  private static List<String> schedule() {
    return List.of("--start", NodeCommand.STDIN_START, "--run", java.util.UUID.randomUUID().toString());
  }

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
    if (n > MAX_PROCESSES) {
      throw new UsageError("--transport tcp runs each general as a JVM of its own on this machine: at most "
          + MAX_PROCESSES + " generals, got " + n);
    }
    long timeout = 30 + scenarios.size() * (n * roundTimeoutMillis / 1000 + 1);
    // The ports are probed free and then bound by the nodes; another process may take one between
    // the two. A node that cannot listen refuses before anything runs, so a fresh cluster is safe.
    for (int attempt = 1; ; attempt++) {
      try {
        return runOnce(protocol, scenarios, roundTimeoutMillis, n, timeout);
      } catch (IllegalStateException e) {
        if (attempt == PORT_ATTEMPTS || e.getMessage() == null || !e.getMessage().contains("is in use")) {
          throw e;
        }
      }
    }
  }

  /** How many fresh clusters an agreement run over TCP tries when a probed port is taken meanwhile. */
  private static final int PORT_ATTEMPTS = 3;

  /** Held while a cluster directory is deleted (see {@link #delete}). */
  private static final Object DELETING = new Object();

  private static List<Outcome> runOnce(AgreementProtocol protocol, List<Scenario> scenarios, long roundTimeoutMillis,
      int n, long timeout) {
    return inCluster(n, roundTimeoutMillis, (dir, nodes) -> {
      Path runs = dir.resolve("scenarios.jsonl");
      List<String> lines = new ArrayList<>();
      for (Scenario s : scenarios) {
        lines.add(Json.line(Json.scenario(s)));
      }
      Files.write(runs, lines, StandardCharsets.UTF_8);
      List<String> args = new ArrayList<>(List.of("--protocol", protocol.name(), "--scenarios", runs.toString(),
          "--timeout", String.valueOf(timeout)));
      args.addAll(schedule());
      List<List<JsonNode>> output = nodes.run(args, timeout);
      Map<Integer, List<NodeReport>> byLine = new TreeMap<>();
      for (List<JsonNode> node : output) {
        for (JsonNode o : node) {
          if (o.has("report")) {
            byLine.computeIfAbsent(o.get("line").asInt(), k -> new ArrayList<>())
                .add(NodeReports.fromJson(o.get("report")));
          }
        }
      }
      List<Outcome> outcomes = new ArrayList<>();
      for (int line = 1; line <= scenarios.size(); line++) {
        Scenario s = scenarios.get(line - 1);
        outcomes.add(Outcomes.of(protocol.name(), s, protocol.guarantee(s), byLine.getOrDefault(line, List.of())));
      }
      return outcomes;
    });
  }

  /**
   * Runs {@code scenario}'s coordinator and participants as node processes, each with its log in
   * {@code logDir} (a temporary directory if null), and reads the outcome from their logs once
   * they have all settled.
   */
  static CommitOutcome runCommit(CommitProtocol protocol, CommitScenario scenario, Path logDir) {
    int n = protocol.nodes(scenario.spec());
    if (n > MAX_PROCESSES) {
      throw new UsageError("--transport tcp runs each node as a JVM of its own on this machine: at most "
          + (MAX_PROCESSES - 1) + " participants, got " + scenario.participants());
    }
    long last = scenario.transactions().stream().mapToLong(CommitScenario.Txn::start).max().orElse(0);
    long timeout = 30 + (last + scenario.timeouts().request() + 10 * scenario.timeouts().retry()) / 1000;
    return inCluster(n, ClusterConfig.DEFAULT_ROUND_TIMEOUT_MILLIS, (dir, nodes) -> {
      Path file = dir.resolve("scenario.json");
      Files.writeString(file, CommitScenarioFile.toJson(scenario));
      Path logs = logDir != null ? logDir : dir.resolve("logs");
      long messages = 0;
      Map<String, Long> counters = new TreeMap<>();
      List<String> args = new ArrayList<>(List.of("--protocol", protocol.name(), "--scenario", file.toString(),
          "--log-dir", logs.toString(), "--new-log", "--timeout", String.valueOf(timeout)));
      args.addAll(schedule());
      for (List<JsonNode> node : nodes.run(args, timeout)) {
        for (JsonNode line : node) {
          if (line.has("metrics")) {
            JsonNode m = line.get("metrics");
            messages += m.get("messages.out").asLong();
            for (Map.Entry<String, JsonNode> e : m.properties()) {
              if (e.getKey().startsWith("protocol.")) {
                counters.merge(e.getKey().substring("protocol.".length()), e.getValue().asLong(), Long::sum);
              }
            }
          }
        }
      }
      Map<NodeId, List<byte[]>> records = new TreeMap<>();
      for (int i = 0; i < n; i++) {
        records.put(NodeId.of(i), FileLog.inspect(logs.resolve("node-" + i + ".log")).records().stream()
            .map(e -> e.payload()).toList());
      }
      Set<Long> expected = new TreeSet<>();
      scenario.transactions().forEach(t -> expected.add(t.transaction().id()));
      return protocol.outcome(scenario.spec(), records, Set.of(), expected).withRun(messages, counters, List.of(),
          List.of());
    });
  }

  /** What a run does with its cluster: writes its input into the directory, runs the nodes, reads the result. */
  private interface Work<T> {
    T run(Path dir, Nodes nodes) throws IOException, InterruptedException;
  }

  /**
   * Makes a temporary directory with a cluster of {@code n} nodes, does {@code work} in it, then
   * stops every node and removes the directory, keys included; a shutdown hook does the same if
   * this process is stopped (SIGTERM, ctrl-C) meanwhile.
   */
  private static <T> T inCluster(int n, long roundTimeoutMillis, Work<T> work) {
    Path dir = null;
    Thread hook = null;
    Nodes nodes = null;
    try {
      dir = Files.createTempDirectory("bgp-cluster-");
      Path made = dir;
      Nodes started = new Nodes(dir, n);
      nodes = started;
      hook = new Thread(() -> {
        started.stop();
        synchronized (started) { // not while the keys are being written: they would be written after it
          delete(made);
        }
      }, "bgp-cluster-cleanup");
      Runtime.getRuntime().addShutdownHook(hook);
      synchronized (started) {
        if (started.stopped) {
          throw new IllegalStateException("stopped before the cluster was made");
        }
        cluster(dir, n, roundTimeoutMillis);
      }
      return work.run(dir, nodes);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot set up the local cluster: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while the nodes ran", e);
    } finally {
      if (nodes != null) {
        nodes.stop();
      }
      if (hook != null) {
        try {
          Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
          // the hook is running, and cleans up as well
        }
      }
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

  /** The node processes of one run, writing to {@code dir/node-<i>.out} and {@code .err}. */
  private static final class Nodes {
    private final Path dir;
    private final int n;
    private final List<Process> processes = new ArrayList<>();
    private volatile boolean stopped;

    Nodes(Path dir, int n) {
      this.dir = dir;
      this.n = n;
    }

    /**
     * Starts every node with {@code args} (which say {@code --start -}), gives them all one start
     * once every one is listening, and returns the JSON lines each printed once all have exited.
     */
    List<List<JsonNode>> run(List<String> args, long timeoutSeconds) throws IOException, InterruptedException {
      for (int i = 0; i < n; i++) {
        synchronized (processes) {
          if (stopped) {
            throw new IllegalStateException("the run was stopped while its nodes started");
          }
          processes.add(start(dir, i, args));
        }
      }
      List<Process> all = List.copyOf(processes);
      awaitReady(dir, all);
      String start = (System.currentTimeMillis() + LEAD_MILLIS) + "\n";
      for (Process p : all) {
        try (var in = p.getOutputStream()) {
          in.write(start.getBytes(StandardCharsets.US_ASCII));
        }
      }
      return await(dir, all, timeoutSeconds);
    }

    /** Kills every node, and waits (up to 5 s each) until it is gone; none starts after. */
    void stop() {
      List<Process> all;
      stopped = true;
      synchronized (processes) {
        all = List.copyOf(processes);
      }
      for (Process p : all) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
      }
      for (Process p : all) {
        try {
          p.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
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

  /**
   * Waits until every node has said it is listening ({@code {"event":"ready"}} in its output);
   * fails as soon as one fails, naming it, or if one has not after {@link #READY_SECONDS}.
   */
  private static void awaitReady(Path dir, List<Process> nodes) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(READY_SECONDS);
    for (int i = 0; i < nodes.size(); i++) {
      Path out = dir.resolve("node-" + i + ".out");
      while (!lines(out).contains("{\"event\":\"ready\"}")) {
        Process node = nodes.get(i);
        if (!node.isAlive()) {
          throw new IllegalStateException("node " + i + " failed (exit " + node.exitValue() + ")" + tail(dir, i));
        }
        if (System.nanoTime() - deadline > 0) {
          throw new IllegalStateException("node " + i + " was not listening after " + READY_SECONDS + " s"
              + tail(dir, i));
        }
        Thread.sleep(POLL_MILLIS);
      }
    }
  }

  /**
   * Waits for every node (node i writing to {@code dir/node-<i>.out} and {@code .err}) to exit,
   * and returns the JSON lines each printed. Fails as soon as any node fails, naming it and
   * quoting the end of its output, or when one is still running after {@code timeoutSeconds + 10}.
   */
  static List<List<JsonNode>> await(Path dir, List<Process> nodes, long timeoutSeconds)
      throws IOException, InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds + 10);
    while (true) {
      int running = -1;
      for (int i = 0; i < nodes.size(); i++) {
        Process node = nodes.get(i);
        if (node.isAlive()) {
          running = running < 0 ? i : running;
        } else if (node.exitValue() != 0) {
          throw new IllegalStateException("node " + i + " failed (exit " + node.exitValue() + ")" + tail(dir, i));
        }
      }
      if (running < 0) {
        break;
      }
      if (System.nanoTime() - deadline > 0) {
        throw new IllegalStateException("node " + running + " did not finish in " + (timeoutSeconds + 10) + " s"
            + tail(dir, running));
      }
      Thread.sleep(POLL_MILLIS);
    }
    List<List<JsonNode>> output = new ArrayList<>();
    for (int i = 0; i < nodes.size(); i++) {
      List<JsonNode> lines = new ArrayList<>();
      for (String line : Files.readAllLines(dir.resolve("node-" + i + ".out"), StandardCharsets.UTF_8)) {
        lines.add(Json.MAPPER.readTree(line));
      }
      output.add(lines);
    }
    return output;
  }

  /** The last lines node {@code i} wrote to its standard error (or, if none, its standard output). */
  private static String tail(Path dir, int i) throws IOException {
    List<String> lines = lines(dir.resolve("node-" + i + ".err"));
    if (lines.isEmpty()) {
      lines = lines(dir.resolve("node-" + i + ".out"));
    }
    return lines.isEmpty() ? "" : ": " + String.join(" | ", lines.subList(Math.max(0, lines.size() - 5), lines.size()));
  }

  private static List<String> lines(Path file) throws IOException {
    return Files.exists(file) ? Files.readAllLines(file, StandardCharsets.UTF_8) : List.of();
  }

  /**
   * Removes {@code dir} and everything in it. A signal makes the shutdown hook and the run's own
   * {@code finally} delete the same directory at once, and a walk that meets a file the other
   * deleted fails: so deletions take turns, and a failed walk is tried again.
   */
  private static void delete(Path dir) {
    if (dir == null) {
      return;
    }
    synchronized (DELETING) {
      for (int attempt = 0; attempt < 3 && Files.exists(dir); attempt++) {
        try (Stream<Path> all = Files.walk(dir)) {
          all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
          // something went away while walking: walk again; a temporary directory left behind
          // after that is not worth failing the run for
        }
      }
    }
  }
}
