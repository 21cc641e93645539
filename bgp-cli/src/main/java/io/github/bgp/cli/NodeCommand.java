package io.github.bgp.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.bgp.api.AgreementProtocol;
import io.github.bgp.api.AgreementSpec;
import io.github.bgp.api.CommitProtocol;
import io.github.bgp.api.CommitScenario;
import io.github.bgp.api.CommitSpec;
import io.github.bgp.api.Decision;
import io.github.bgp.api.InstanceId;
import io.github.bgp.api.NodeId;
import io.github.bgp.api.Protocol;
import io.github.bgp.api.Protocols;
import io.github.bgp.api.Resource;
import io.github.bgp.api.Scenario;
import io.github.bgp.api.Value;
import io.github.bgp.net.AgreementNode;
import io.github.bgp.net.Announcement;
import io.github.bgp.net.Certificates;
import io.github.bgp.net.ClusterConfig;
import io.github.bgp.net.LiveNode;
import io.github.bgp.net.MetricsServer;
import io.github.bgp.net.NettyTransport;
import io.github.bgp.net.NodeMetrics;
import io.github.bgp.net.Schedule;
import io.github.bgp.net.Slot;
import io.github.bgp.runtime.NodeReport;
import io.github.bgp.sim.Simulation;
import io.github.bgp.spi.Environment;
import io.github.bgp.spi.Input;
import io.github.bgp.twophase.log.FileLog;
import io.github.bgp.twophase.log.Inspection;
import io.github.bgp.twophase.log.LogOwner;
import io.github.bgp.twophase.log.WatchedLog;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.PrivateKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code bgp node}: one node of a configured cluster, as its own process. It connects to every
 * other node (mutual TLS), starts each instance at the start its schedule gives (the same at every
 * node, never taken from a peer), runs its part whoever is connected, prints what it decided and
 * its metrics, and exits.
 */
@Command(
    name = "node",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    sortOptions = false,
    description = {
      "Run one node of a cluster (see bgp keys). Start every node of the cluster the same way, each with its"
          + " own --id and the same --start; they connect to each other over mutual TLS 1.3, and at the start"
          + " each node runs its part of every scenario, whoever is connected (a node that is down is absent,"
          + " a fault like any other), and exits.",
      "",
      "The start is part of the run's definition, given alike to every node: --start, or a scenario's"
          + " \"start\". No peer can set or shift it. Without either, a node starts at the next multiple of"
          + " the cluster's startGridMillis at least startLeadMillis after it was started, and says so on"
          + " stderr: start the nodes within that lead of each other. A node refuses (exit 2) a start more than"
          + " the cluster's maxSkewMillis in the past, and stops (exit 2) if more of its peers than can be"
          + " traitors announce another schedule. Instance ids are derived from the cluster, the run (--run,"
          + " by default the start) and the line, so no frame or signature of one run is accepted in another.",
      "",
      "An application's agreement: --propose VALUE on the commander (node 0), the same command without"
          + " --propose on every lieutenant, and each node prints what it decided (the commander what it proposed)."
          + " Every node is given the same --values (order, number or bytes), --m and --max-value-bytes; nothing"
          + " names a traitor.",
      "",
      "With --scenarios instead (a test harness): traitors are the scenario's: a node whose id is a traitor in a"
          + " scenario lies as the scenario's strategy says, and the commander's node proposes the scenario's"
          + " order. Under a protocol that signs (sm), traitors collude: a traitor also signs with any other"
          + " traitor's key found beside the configuration file.",
      "",
      "Under a commit protocol (2pc), node 0 is the coordinator and submits each transaction of the scenario"
          + " at its start (in milliseconds from the run's start), and participant i's resource votes as the"
          + " scenario says. A node starts on a new log only with --new-log; restarted with its log, it recovers"
          + " from it (the coordinator then submits only the transactions its log does not hold), and a log that is"
          + " not its own (another cluster's, node's, role's or protocol's, by its header) is refused. A commit node"
          + " keeps its run (id, start) in node-<id>.run.json beside its log, and a restarted one rejoins that run.",
      "",
      "While it runs, the node's metrics (messages and bytes in and out, frames dropped by reason, round deadline"
          + " misses, decisions) are served with --metrics at /metrics (Prometheus) and /metrics.txt; they are"
          + " printed when it exits."
    },
    descriptionHeading = "%n",
    optionListHeading = "%nOptions:%n",
    footerHeading = "%n",
    footer = {
      "Example (in four terminals; node 0 proposes, nodes 1..3 join):",
      "  bgp keys --generals 4 --out cluster",
      "  bgp node --config cluster/cluster.json --id 0 --protocol sm --values bytes --propose 'text:hold on' \\",
      "      --start 2030-01-01T12:00:00Z",
      "  bgp node --config cluster/cluster.json --id 1 --protocol sm --values bytes --start 2030-01-01T12:00:00Z",
      "",
      "Example with a scenarios file (in four terminals, i = 0..3):",
      "  echo '{\"generals\":4,\"traitors\":[2],\"strategy\":\"split\"}' > runs.jsonl",
      "  bgp node --config cluster/cluster.json --id i --protocol om --scenarios runs.jsonl \\",
      "      --start 2030-01-01T12:00:00Z"
    })
final class NodeCommand implements Callable<Integer> {

  /** {@code --start -}: the start comes on standard input, once the node is ready. */
  static final String STDIN_START = "-";

  /** The longest commit timeout a node keeps: a day, as for rounds (a longer one's deadline may overflow). */
  private static final long MAX_TIMEOUT_MILLIS = io.github.bgp.spi.Rounds.MAX_ROUND_TIMEOUT;

  /** The exit status of a commit node that was told a decision its log contradicts. */
  static final int CONTRADICTED = 4;

  @Spec
  CommandSpec spec;

  @Option(names = "--config", paramLabel = "FILE", required = true, description = "The cluster configuration.")
  Path config;

  @Option(names = "--id", paramLabel = "I", required = true, description = "This node's id in the configuration.")
  int id;

  @Option(names = "--key", paramLabel = "FILE",
      description = "This node's private key (PEM). Default: node-<id>.key.pem beside the configuration.")
  Path key;

  @Option(names = "--protocol", paramLabel = "NAME", required = true,
      description = "The protocol to run (bgp protocols lists them): an agreement protocol such as om or sm (with"
          + " --scenarios), or a commit protocol such as 2pc (with --scenario and --log-dir).")
  String protocol;

  @Option(names = "--scenarios", paramLabel = "FILE",
      description = "Agreement, as a test harness: the scenarios to run, JSON Lines as for bgp om --scenarios; each"
          + " line is one instance, all in flight at once, traitors and all.")
  String scenarios;

  @Option(names = "--propose", paramLabel = "VALUE",
      description = "Agreement: this node, the commander (node 0), proposes VALUE in one instance; every other node"
          + " runs the same command without --propose, and each prints its decision. VALUE is ATTACK or RETREAT,"
          + " an integer (with --values number), or bytes (with --values bytes): 0x and hexadecimal digits, or"
          + " text: and UTF-8 text (text:hold the bridge).")
  String propose;

  @Option(names = "--values", paramLabel = "KIND",
      description = "Agreement without --scenarios: what the instance agrees on, the same at every node: order (the"
          + " default), number (decided by the median), or bytes (an application's value, majority by equality).")
  String values;

  @Option(names = "--m", paramLabel = "M",
      description = "Agreement without --scenarios: the traitors the protocol is run to tolerate, the same at every"
          + " node. Default: the largest m with n > 3m.")
  Integer tolerate;

  @Option(names = "--max-value-bytes", paramLabel = "N",
      description = "Agreement on bytes: the largest value the instance carries, the same at every node (a larger"
          + " proposal is refused). Default: 4096.")
  Integer maxValueBytes;

  @Option(names = "--scenario", paramLabel = "FILE",
      description = "Commit: the transactions to run, a JSON file as for bgp 2pc --scenario. Node 0 is the"
          + " coordinator; participant i votes as the scenario says.")
  Path commitScenario;

  @Option(names = "--log-dir", paramLabel = "DIR",
      description = "Commit: where this node keeps its durable log, node-<id>.log (bgp 2pc log DIR reads it). A"
          + " node restarted with the same log recovers from it; a log of another cluster, node, role or protocol is"
          + " refused. Default: beside the configuration.")
  Path logDir;

  @Option(names = "--new-log",
      description = "Commit: this node is new to the cluster, so create its log if there is none. Without it, a node"
          + " whose log is missing refuses to start: a node that has run before and lost its log would forget its"
          + " votes and decisions (and could abort what the others commit). Refused if the log holds records"
          + " already: the node is not new, and recovers from them.")
  boolean newLog;

  @Option(names = "--resource-threads", paramLabel = "N",
      description = "Commit: how many calls to its resource (prepare, commit, abort) this node carries out at once,"
          + " 1 to 1024: a participant whose resource waits on a database wants about one per transaction in"
          + " flight, within the database's connections. Calls about one transaction stay one at a time, in order."
          + " The coordinator calls no resource, so it takes the option and has no use for it. Default: 4.")
  Integer resourceThreads;

  @Option(names = "--metrics", paramLabel = "[HOST:]PORT",
      description = "Serve metrics over HTTP while running: /metrics (Prometheus) and /metrics.txt, on 127.0.0.1"
          + " unless a host is given, e.g. 9100 or 10.0.0.1:9100.")
  String metricsAddress;

  @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "120",
      description = "Give up if the run has not finished this long after its start (exit 3; a commit node told a"
          + " decision its log contradicts exits 4). Default: ${DEFAULT-VALUE}.")
  int timeout;

  @Option(names = "--start", paramLabel = "TIME",
      description = "When the run starts, the same for every node: an ISO-8601 instant (2030-01-01T12:00:00Z) or"
          + " milliseconds since 1970; or - to read it from standard input once the node is listening (it says"
          + " so first), for a launcher that picks the start once every node is up. A scenario's own \"start\""
          + " takes precedence for its instance. Default: the next multiple of the cluster's startGridMillis at"
          + " least startLeadMillis from now.")
  String start;

  @Option(names = "--run", paramLabel = "ID",
      description = "The run's id, the same for every node and different for every run: instance ids are derived"
          + " from it. Default: the start.")
  String run;

  @Option(names = "--allow-readable-key",
      description = "Use a private key that others may read (a mode broader than 0600), which is refused"
          + " otherwise: whoever can read it can be this node.")
  boolean allowReadableKey;

  @Option(names = "--json", description = "Print each instance's report, then the metrics, as JSON lines.")
  boolean json;

  /** The longest a node that is done waits for its peers to be connected before it lingers and exits. */
  private static final long MESH_WAIT_MILLIS = 5_000;

  /** This node's transport once it listens: what {@link #lingerForPeers} waits on. */
  private NettyTransport listening;

  /** What {@code --scenarios -} reads. */
  private final InputStream stdin;

  NodeCommand(InputStream stdin) {
    this.stdin = stdin;
  }

  @Override
  public Integer call() throws Exception {
    if (timeout < 1) {
      throw usage("--timeout must be at least 1 second, got " + timeout);
    }
    if (run != null && run.isBlank()) {
      throw usage("--run needs an id");
    }
    int threads = resourceThreads();
    ClusterConfig cluster = load();
    if (id < 0 || id >= cluster.size()) {
      throw usage("--id " + id + " is not a node of " + config + ", which has nodes 0 to " + (cluster.size() - 1));
    }
    NodeId self = NodeId.of(id);
    Protocol p = protocol();
    if (resourceThreads != null && p.family() != Protocol.Family.COMMIT) {
      throw usage("--resource-threads is for a commit protocol's nodes, which call their resources; --protocol "
          + p.name() + " runs an agreement");
    }
    Certificates.NodeKeys keys = keys(cluster, self);
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    boolean fromStdin = STDIN_START.equals(start);
    Long given = start == null || fromStdin ? null : givenStart(start);
    Workload work;
    if (p.family() == Protocol.Family.AGREEMENT && scenarios == null) {
      work = proposal((AgreementProtocol) p, cluster, self);
    } else {
      if (propose != null || values != null || tolerate != null || maxValueBytes != null) {
        throw usage("--propose, --values, --m and --max-value-bytes are for an agreement without --scenarios");
      }
      work = p.family() == Protocol.Family.AGREEMENT
          ? new Agreements((AgreementProtocol) p, agreementWorkload(cluster), cluster, self)
          : new Commits((CommitProtocol) p, commitWorkload((CommitProtocol) p, cluster), commitStart(), cluster, self);
    }
    NodeMetrics metrics = new NodeMetrics(self);
    MetricsServer server = null;
    NettyTransport transport = null;
    LiveNode live = null;
    AtomicBoolean done = new AtomicBoolean();
    boolean ran = false;
    Thread onSignal = null;
    try {
      if (cluster.security() == ClusterConfig.Security.PLAINTEXT_INSECURE) {
        err.println("bgp node " + self + ": WARNING: security is plaintext-insecure: no encryption, and any process"
            + " that can reach this port can claim to be any node");
      }
      try {
        server = metricsAddress == null ? null : serveMetrics(metrics);
        transport = NettyTransport.listen(cluster, self, keys, metrics);
      } catch (IllegalArgumentException e) {
        throw new UsageError(e.getMessage());
      }
      if (fromStdin && !work.rejoining()) {
        given = startFromStdin(out);
      }
      Plan plan = work.plan(given, System.currentTimeMillis(), err);
      live = new LiveNode(transport, metrics, cluster.name(), threads);
      onSignal = new Thread(() -> {
        if (!done.get()) {
          System.err.print(metrics.toText());
        }
      }, "bgp-node-exit");
      Runtime.getRuntime().addShutdownHook(onSignal);
      listening = transport;
      work.register(live);
      CompletableFuture<NettyTransport.Disagreement> disagreement = transport.announce(plan.announcement(),
          work.tolerated());
      transport.connect(cluster);
      ran = true;
      if (json) {
        ObjectNode started = Json.MAPPER.createObjectNode();
        started.put("event", "start");
        started.put("epoch", plan.start());
        started.put("run", plan.run());
        out.println(Json.line(started));
        out.flush();
      }
      return work.run(plan, out, metrics, disagreement);
    } catch (TimeoutException e) {
      err.println("bgp node " + self + ": " + e.getMessage());
      return 3;
    } finally {
      done.set(true);
      if (live != null) {
        live.close();
      } else if (transport != null) {
        transport.close();
      }
      work.close();
      if (server != null) {
        server.close();
      }
      if (ran) {
        if (json) {
          ObjectNode m = Json.MAPPER.createObjectNode();
          ObjectNode figures = m.putObject("metrics");
          metrics.snapshot().forEach(figures::put);
          out.println(Json.line(m));
        } else {
          out.print(metrics.toText());
        }
      }
      out.flush();
      if (onSignal != null) {
        try {
          Runtime.getRuntime().removeShutdownHook(onSignal);
        } catch (IllegalStateException shuttingDown) {
          // the hook is running or has run
        }
      }
    }
  }

  /**
   * The start, read from standard input once this node is listening: it prints
   * {@code {"event":"ready"}} (with {@code --json}; else a line saying so) and reads one line, a
   * start as {@code --start} takes it. A launcher that starts every node first can pick a start
   * once all are up, however long their JVMs took.
   */
  private long startFromStdin(PrintWriter out) throws IOException {
    if (json) {
      ObjectNode ready = Json.MAPPER.createObjectNode();
      ready.put("event", "ready");
      out.println(Json.line(ready));
    } else {
      out.println("node " + id + " is listening; waiting for the start on standard input");
    }
    out.flush();
    String line = new java.io.BufferedReader(new java.io.InputStreamReader(stdin, java.nio.charset.StandardCharsets.UTF_8))
        .readLine();
    if (line == null) {
      throw new UsageError("--start -: standard input ended before it gave a start");
    }
    return givenStart(line.strip());
  }

  private long givenStart(String text) {
    try {
      return Schedule.parseStart(text);
    } catch (IllegalArgumentException e) {
      throw usage("--start: " + e.getMessage());
    }
  }

  /**
   * A run as this node will carry it out: its id, its start (when the instances without a start
   * of their own start), and what it announces to its peers.
   */
  record Plan(String run, long start, Announcement announcement) {}

  /**
   * The run's start: the one given, or the next start on the cluster's grid, which is printed so
   * the operator can start the other nodes alike.
   */
  private long runStart(ClusterConfig cluster, Long given, long now, PrintWriter err) {
    if (given != null) {
      return given;
    }
    long grid = Schedule.gridStart(cluster, now);
    err.println("bgp node " + id + ": no --start given: starting at " + Instant.ofEpochMilli(grid) + " (" + grid
        + "), the next multiple of startGridMillis " + cluster.startGridMillis() + " at least startLeadMillis "
        + cluster.startLeadMillis() + " from now; give every node --start " + grid + " to be sure they agree");
    err.flush();
    return grid;
  }

  /** Refuses a start this node cannot keep: more than the cluster's skew in the past. */
  private static void keepable(ClusterConfig cluster, long start, long now, String what) {
    try {
      Schedule.checkStart(cluster, start, now);
    } catch (IllegalArgumentException e) {
      throw new UsageError(what + ": " + e.getMessage());
    }
  }

  /**
   * Waits for {@code finished} until {@code deadline} ({@link System#nanoTime} terms), unless the
   * peers' announcements disagree with this node's schedule first: then the node refuses to run
   * out of step, with an error.
   */
  private <T> T unlessOutOfStep(CompletableFuture<T> finished, CompletableFuture<NettyTransport.Disagreement> apart,
      long deadline) throws Exception {
    CompletableFuture.anyOf(finished, apart).get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    if (apart.isDone() && !finished.isDone()) {
      throw new UsageError("node " + id + " stops: " + apart.join().describe() + "; the nodes were started with"
          + " different schedules (another --start, --run or scenarios, or started too far apart for the start"
          + " grid): give every node the same --start");
    }
    return finished.get();
  }

  /** What a node runs: planned, set up before the start, run from it. */
  private interface Workload extends AutoCloseable {
    /** The run: its id, its start, what every instance is called and when it starts; refuses what it cannot keep. */
    Plan plan(Long givenStart, long now, PrintWriter err);

    /** How many members may be traitors: the cross-check of the peers' schedules refuses past it. */
    int tolerated();

    /** Whether this node rejoins a run it was part of (its start is known already, and has passed). */
    default boolean rejoining() {
      return false;
    }

    /** Sets up every instance, so that frames a faster peer sends are kept for them. */
    void register(LiveNode live);

    /** Runs to the end; prints what this node did; returns the exit code. */
    int run(Plan plan, PrintWriter out, NodeMetrics metrics, CompletableFuture<NettyTransport.Disagreement> apart)
        throws Exception;

    @Override
    default void close() {}
  }

  /** When the node gives up: {@code --timeout} after the later of now and {@code start}, in nanoTime terms. */
  private long deadline(long start) {
    long wait = Math.max(0, start - System.currentTimeMillis());
    return System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(wait) + TimeUnit.SECONDS.toNanos(timeout);
  }

  /**
   * Agreement instances, one per scenario, all in flight at once, each starting at its line's
   * start or the run's. Each node sets its instance up with the whole scenario's adversary (the
   * file is a test harness: a traitor's own node reads what it is to do); the commander's node is
   * given the scenario's order once the instance starts.
   */
  private final class Agreements implements Workload {
    private final AgreementProtocol protocol;
    private final List<ScenarioFile.Line> lines;
    private final ClusterConfig cluster;
    private final NodeId self;
    private final List<LiveNode.Instance> instances = new ArrayList<>();
    private final List<Long> starts = new ArrayList<>();
    private final List<InstanceId> ids = new ArrayList<>();

    Agreements(AgreementProtocol protocol, List<ScenarioFile.Line> lines, ClusterConfig cluster, NodeId self) {
      this.protocol = protocol;
      this.lines = lines;
      this.cluster = cluster;
      this.self = self;
    }

    @Override
    public Plan plan(Long givenStart, long now, PrintWriter err) {
      boolean everyLineHasOne = lines.stream().allMatch(l -> l.start() != null);
      long runStart = givenStart != null ? givenStart
          : everyLineHasOne ? lines.stream().mapToLong(ScenarioFile.Line::start).min().orElseThrow()
          : runStart(cluster, null, now, err);
      String runId = run != null ? run : Schedule.defaultRun(runStart);
      Map<InstanceId, Long> schedule = new LinkedHashMap<>();
      for (int i = 0; i < lines.size(); i++) {
        ScenarioFile.Line line = lines.get(i);
        long at = line.start() != null ? line.start() : runStart;
        keepable(cluster, at, now, "line " + line.number() + "'s start");
        InstanceId instance = Schedule.instance(cluster.name(), runId, i);
        ids.add(instance);
        starts.add(at);
        schedule.put(instance, at);
      }
      return new Plan(runId, runStart, new Announcement(runStart, Schedule.digest(schedule)));
    }

    @Override
    public int tolerated() {
      return lines.stream().mapToInt(l -> l.scenario().spec().m()).max().orElse(0);
    }

    @Override
    public void register(LiveNode live) {
      boolean signs = protocol.capabilities().contains(Protocol.Capability.SIGNATURES);
      Map<NodeId, PrivateKey> ownKey = signs ? privateKeys(cluster, self, null) : Map.of();
      for (int i = 0; i < lines.size(); i++) {
        Scenario s = lines.get(i).scenario();
        Environment.Builder env = live.environment(ids.get(i), cluster.roundTimeoutMillis());
        if (signs) {
          env.keys(Certificates.ring(cluster, s.traitors().contains(self) ? privateKeys(cluster, self, s) : ownKey));
        }
        instances.add(live.register(ids.get(i), protocol.create(s.spec(), env.build(), s.adversary())));
      }
    }

    @Override
    public int run(Plan plan, PrintWriter out, NodeMetrics metrics,
        CompletableFuture<NettyTransport.Disagreement> apart) throws Exception {
      List<CompletableFuture<Void>> proposed = new ArrayList<>();
      long last = plan.start();
      for (int i = 0; i < instances.size(); i++) {
        LiveNode.Instance in = instances.get(i);
        in.start(starts.get(i));
        last = Math.max(last, starts.get(i));
        if (self.equals(lines.get(i).scenario().spec().commander())) {
          proposed.add(in.input(new Input.Propose(lines.get(i).scenario().order())));
        }
      }
      long deadline = deadline(last);
      for (CompletableFuture<Void> p : proposed) {
        taken(p, deadline, "the commander's order");
      }
      for (int i = 0; i < instances.size(); i++) {
        LiveNode.Instance in = instances.get(i);
        NodeReport r;
        try {
          r = unlessOutOfStep(in.finished(), apart, deadline);
        } catch (TimeoutException e) {
          throw new TimeoutException("instance " + in.id() + " had not finished " + timeout + " s after its start");
        }
        print(out, i, in.id(), lines.get(i).scenario(), r);
      }
      lingerForPeers(cluster);
      return Main.OK;
    }
  }

  /**
   * Waits (until {@code deadline}, in {@link System#nanoTime} terms) for the node to take an
   * input; a refusal is an error naming {@code what}.
   */
  private void taken(CompletableFuture<Void> input, long deadline, String what) throws Exception {
    try {
      input.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      throw new TimeoutException(what + " was not taken within " + timeout + " s");
    } catch (ExecutionException e) {
      throw new IllegalStateException("node " + id + " refused " + what + ": " + e.getCause().getMessage(),
          e.getCause());
    }
  }

  /**
   * The agreement of an application: one instance, line 0 of the run, whose spec every node is
   * given alike on the command line; the commander is handed its value ({@code --propose}), the
   * lieutenants join; nothing names a traitor. Checked before the node listens.
   */
  private Proposal proposal(AgreementProtocol protocol, ClusterConfig cluster, NodeId self) {
    if (logDir != null || commitScenario != null) {
      throw usage("--protocol " + protocol.name() + " runs an agreement (--propose on node 0, or --scenarios), and"
          + " takes no --scenario or --log-dir");
    }
    Value.Kind kind = switch (values == null ? "order" : values) {
      case "order" -> Value.Kind.ORDER;
      case "number" -> Value.Kind.NUMBER;
      case "bytes" -> Value.Kind.BYTES;
      default -> throw usage("--values is order, number or bytes, not '" + values + "'");
    };
    if (maxValueBytes != null && kind != Value.Kind.BYTES) {
      throw usage("--max-value-bytes is for --values bytes");
    }
    if (!protocol.carries(kind)) {
      throw usage("--protocol " + protocol.name() + " does not carry values of kind " + kind.name().toLowerCase(
          java.util.Locale.ROOT) + "; sm and dolev-strong carry bytes");
    }
    int n = cluster.size();
    int m = tolerate != null ? tolerate : Scenario.largestTolerableM(n);
    AgreementSpec agreement;
    try {
      agreement = switch (kind) {
        case ORDER -> AgreementSpec.orders(n, m);
        case NUMBER -> AgreementSpec.numbers(n, m);
        case BYTES -> AgreementSpec.bytes(n, m, maxValueBytes != null ? maxValueBytes
            : AgreementSpec.DEFAULT_MAX_VALUE_BYTES);
      };
    } catch (IllegalArgumentException e) {
      throw usage(e.getMessage());
    }
    Value value = null;
    if (self.equals(agreement.commander())) {
      if (propose == null) {
        throw usage("node " + self + " is the commander: give it --propose VALUE (every other node runs without)");
      }
      value = proposedValue(propose);
      if (value.kind() != kind) {
        throw usage("--propose " + propose + " is " + value.kind().name().toLowerCase(java.util.Locale.ROOT)
            + ", but the instance agrees on values of kind " + kind.name().toLowerCase(java.util.Locale.ROOT)
            + ": give every node --values " + value.kind().name().toLowerCase(java.util.Locale.ROOT));
      }
      try {
        agreement.check(value);
      } catch (IllegalArgumentException e) {
        throw usage("--propose: " + e.getMessage() + " (--max-value-bytes)");
      }
    } else if (propose != null) {
      throw usage("node " + self + " is a lieutenant: only the commander (node " + agreement.commander()
          + ") takes --propose; run this node without it, and it prints what it decides");
    }
    return new Proposal(protocol, agreement, value, cluster, self);
  }

  /** ATTACK, RETREAT, an integer, 0x and hex digits (bytes), or text: and UTF-8 text (bytes). */
  static Value proposedValue(String text) {
    if (text.startsWith("text:")) {
      return Value.bytes(text.substring(5).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
    try {
      return Value.parse(text);
    } catch (IllegalArgumentException e) {
      throw new UsageError("--propose: " + e.getMessage() + ", or text: and UTF-8 text");
    }
  }

  /** How a decided value reads: the value, and for bytes that are UTF-8 text, the text too. */
  static String describe(Value v) {
    if (v.kind() != Value.Kind.BYTES) {
      return v.toString();
    }
    try {
      String text = io.github.bgp.api.ValueCodec.utf8().fromValue(v);
      return v + " (text:" + text + ")";
    } catch (IllegalArgumentException notText) {
      return v.toString();
    }
  }

  /** One agreement driven through {@link AgreementNode}: the commander proposes, the others join. */
  private final class Proposal implements Workload {
    private final AgreementProtocol protocol;
    private final AgreementSpec agreement;
    private final Value value;
    private final ClusterConfig cluster;
    private final NodeId self;
    private Slot slot;
    private CompletableFuture<Decision> decision;

    Proposal(AgreementProtocol protocol, AgreementSpec agreement, Value value, ClusterConfig cluster, NodeId self) {
      this.protocol = protocol;
      this.agreement = agreement;
      this.value = value;
      this.cluster = cluster;
      this.self = self;
    }

    @Override
    public Plan plan(Long givenStart, long now, PrintWriter err) {
      long at = runStart(cluster, givenStart, now, err);
      keepable(cluster, at, now, "the start");
      String runId = run != null ? run : Schedule.defaultRun(at);
      slot = Slot.of(cluster.name(), runId, 0, at);
      return new Plan(runId, at, new Announcement(at, Schedule.digest(Map.of(slot.id(), at))));
    }

    @Override
    public int tolerated() {
      return agreement.m();
    }

    @Override
    public void register(LiveNode live) {
      AgreementNode.Builder b = AgreementNode.builder(live, protocol, agreement).cluster(cluster);
      if (protocol.capabilities().contains(Protocol.Capability.SIGNATURES)) {
        b.keys(Certificates.ring(cluster, privateKeys(cluster, self, null)));
      }
      AgreementNode node = b.build();
      decision = value != null ? node.propose(slot, value) : node.join(slot);
    }

    @Override
    public int run(Plan plan, PrintWriter out, NodeMetrics metrics,
        CompletableFuture<NettyTransport.Disagreement> apart) throws Exception {
      Decision d;
      try {
        d = unlessOutOfStep(decision, apart, deadline(plan.start()));
      } catch (TimeoutException e) {
        throw new TimeoutException("instance " + slot.id() + " had not decided " + timeout + " s after its start");
      } catch (ExecutionException e) {
        throw new IllegalStateException("node " + self + " could not take part: " + e.getCause().getMessage(),
            e.getCause());
      }
      String role = value != null ? "commander" : "lieutenant";
      if (json) {
        ObjectNode line = Json.MAPPER.createObjectNode();
        line.put("event", "decision");
        line.put("node", self.index());
        line.put("role", role);
        line.put("instance", slot.id().value());
        line.put("value", d.value().toString());
        if (d.value().kind() == Value.Kind.BYTES) {
          try {
            line.put("text", io.github.bgp.api.ValueCodec.utf8().fromValue(d.value()));
          } catch (IllegalArgumentException notText) {
            // bytes only
          }
        }
        out.println(Json.line(line));
      } else {
        out.printf("instance %s: %s %s %s %s%n", slot.id(), role, self, value != null ? "proposed" : "decided",
            describe(d.value()));
      }
      out.flush();
      lingerForPeers(cluster);
      return Main.OK;
    }
  }

  /**
   * One commit instance over the transactions of a scenario, logged in a {@link FileLog}: the
   * coordinator is given each transaction its log does not hold yet at its start (milliseconds
   * from the run's start), each participant calls a resource that votes as the scenario says. The
   * run (its id, its start, the instance id) is kept beside the log in {@code node-<id>.run.json},
   * written before anything runs, so a node restarted with its log rejoins the same run (a start
   * that has passed is no reason to refuse then). The node watches what it forces to its log (no
   * re-reading of the file): a participant exits once the coordinator has told it every transaction
   * ended (it logged END); the coordinator, once it logged END for every transaction and no peer has
   * talked to it for three retry intervals, so that a participant that did not hear its END, and
   * asks again, is answered.
   */
  private final class Commits implements Workload {
    private final CommitProtocol protocol;
    private final CommitScenario scenario;
    private final Long fileStart;
    private final CommitSpec commit;
    private final ClusterConfig cluster;
    private final NodeId self;
    private final Path logFile;
    private final Path runFile;
    private final FileLog file;
    private final WatchedLog log;
    private final ScheduledExecutorService submitter = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "bgp-node-submit");
      t.setDaemon(true);
      return t;
    });
    private InstanceId instanceId;
    private LiveNode.Instance instance;

    Commits(CommitProtocol protocol, CommitScenario scenario, Long fileStart, ClusterConfig cluster, NodeId self) {
      this.protocol = protocol;
      this.scenario = scenario;
      this.fileStart = fileStart;
      this.commit = scenario.spec();
      this.cluster = cluster;
      this.self = self;
      CommitScenario.Timeouts t = scenario.timeouts();
      long longest = Math.max(t.votes(), Math.max(t.request(), t.retry()));
      if (longest > MAX_TIMEOUT_MILLIS) {
        throw new UsageError(commitScenario + ": a timeout of " + longest + " ms is longer than a node keeps (at"
            + " most " + MAX_TIMEOUT_MILLIS + " ms, a day: a longer one's deadline may overflow)");
      }
      Path dir = logDir != null ? logDir : cluster.directory();
      this.logFile = dir.resolve("node-" + self + ".log");
      this.runFile = dir.resolve("node-" + self + ".run.json");
      try {
        this.file = openLog(dir, LogOwner.of(cluster.name(), commit, self, protocol.name()));
      } catch (RuntimeException e) {
        submitter.shutdownNow();
        throw e;
      }
      try {
        protocol.describeLog(file.recovered()); // every record must be one of the protocol's
      } catch (IllegalArgumentException | IllegalStateException e) {
        close();
        throw new UsageError("the log " + logFile + " holds a record that is not a " + protocol.name() + " record: "
            + e.getMessage());
      }
      this.log = new WatchedLog(file);
    }

    @Override
    public boolean rejoining() {
      return Files.exists(runFile);
    }

    @Override
    public Plan plan(Long givenStart, long now, PrintWriter err) {
      Plan plan;
      if (Files.exists(runFile)) {
        plan = rejoin(givenStart);
      } else {
        if (!file.recovered().isEmpty()) {
          throw new UsageError("the log " + logFile + " holds records but there is no " + runFile + " to say which"
              + " run they belong to: start this node with the log of its own run, or with an empty log");
        }
        long runStart = runStart(cluster, givenStart != null ? givenStart : fileStart, now, err);
        keepable(cluster, runStart, now, "the start");
        String runId = run != null ? run : Schedule.defaultRun(runStart);
        instanceId = Schedule.instance(cluster.name(), runId, 0);
        plan = new Plan(runId, runStart, new Announcement(runStart, Schedule.digest(Map.of(instanceId, runStart))));
        writeRunFile(plan);
      }
      return plan;
    }

    /** The run this node's log belongs to, from its run file; a --start or --run that says otherwise is refused. */
    private Plan rejoin(Long givenStart) {
      com.fasterxml.jackson.databind.JsonNode r;
      try {
        r = Json.MAPPER.readTree(Files.readString(runFile));
      } catch (IOException e) {
        throw new UsageError("cannot read " + runFile + ": " + e.getMessage());
      }
      if (r == null || !r.path("cluster").isTextual() || !r.path("run").isTextual() || !r.path("start").canConvertToLong()
          || !r.path("instance").isTextual()) {
        throw new UsageError(runFile + " is not a run file (cluster, run, start, instance)");
      }
      if (!r.get("cluster").asText().equals(cluster.name())) {
        throw new UsageError(runFile + " belongs to cluster '" + r.get("cluster").asText() + "', not '"
            + cluster.name() + "'");
      }
      String runId = r.get("run").asText();
      long runStart = r.get("start").asLong();
      if (run != null && !run.equals(runId)) {
        throw new UsageError("--run " + run + ", but this node's log belongs to run " + runId + " (" + runFile + ")");
      }
      if (givenStart != null && givenStart != runStart) {
        throw new UsageError("--start " + Instant.ofEpochMilli(givenStart) + ", but this node's log belongs to the"
            + " run that started at " + Instant.ofEpochMilli(runStart) + " (" + runFile + ")");
      }
      instanceId = InstanceId.parse(r.get("instance").asText());
      if (!instanceId.equals(Schedule.instance(cluster.name(), runId, 0))) {
        throw new UsageError(runFile + " names instance " + instanceId + ", which is not run " + runId + "'s");
      }
      return new Plan(runId, runStart, new Announcement(runStart, Schedule.digest(Map.of(instanceId, runStart))));
    }

    /** Writes the run file atomically (a temporary file, forced, then renamed) before anything runs. */
    private void writeRunFile(Plan plan) {
      ObjectNode o = Json.MAPPER.createObjectNode();
      o.put("cluster", cluster.name());
      o.put("run", plan.run());
      o.put("start", plan.start());
      o.put("instance", instanceId.toString());
      Path tmp = runFile.resolveSibling(runFile.getFileName() + ".tmp");
      try {
        try (java.nio.channels.FileChannel c = java.nio.channels.FileChannel.open(tmp,
            java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.TRUNCATE_EXISTING,
            java.nio.file.StandardOpenOption.WRITE)) {
          c.write(java.nio.ByteBuffer.wrap((Json.line(o) + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8)));
          c.force(true);
        }
        Files.move(tmp, runFile, StandardCopyOption.ATOMIC_MOVE);
      } catch (IOException e) {
        throw new UsageError("cannot write " + runFile + ": " + e.getMessage());
      }
    }

    @Override
    public int tolerated() {
      return (cluster.size() - 1) / 3;
    }

    /**
     * Opens this node's log: it must exist unless the node is new ({@code --new-log}), it must be
     * this node's (its header names the cluster, the node, its role and the protocol), and every
     * record in it must be one of the protocol's. Each refusal is one line naming the file.
     */
    private FileLog openLog(Path dir, LogOwner owner) {
      boolean exists = Files.exists(logFile);
      if (!exists && !newLog) {
        throw new UsageError("no log " + logFile + " for node " + self + ": a node that has run before must not start"
            + " without its log (it would forget its votes and decisions); if node " + self + " is new to the"
            + " cluster, start it with --new-log");
      }
      FileLog opened;
      try {
        Files.createDirectories(dir);
        opened = newLog ? FileLog.open(logFile, owner) : FileLog.openExisting(logFile, owner);
      } catch (IOException | UncheckedIOException e) {
        throw new UsageError("cannot open the log " + logFile + ": " + e.getMessage());
      } catch (IllegalStateException e) { // not this node's, corrupt, or open elsewhere: the message names the file
        throw new UsageError(e.getMessage());
      }
      try {
        if (newLog && !opened.recovered().isEmpty()) {
          throw new UsageError(logFile + " holds " + Words.plural(opened.recovered().size(), "record") + ": node "
              + self + " is not new (it recovers from its log); start it without --new-log");
        }
        for (Inspection.Entry e : FileLog.inspect(logFile).records()) {
          try {
            protocol.describeLog(List.of(e.payload()));
          } catch (IllegalArgumentException bad) {
            throw new UsageError(logFile + ": the record at byte offset " + e.offset() + " is not a " + protocol.name()
                + " log record (" + bad.getMessage() + "); the log is damaged (bgp " + protocol.name() + " log "
                + logFile + " shows it)");
          }
        }
      } catch (RuntimeException e) {
        opened.close();
        throw e;
      }
      return opened;
    }

    @Override
    public void register(LiveNode live) {
      Environment env = live.environment(instanceId, cluster.roundTimeoutMillis()).build();
      Resource resource = commit.participantIds().contains(self) ? Simulation.scripted(scenario).apply(self) : null;
      instance = live.register(instanceId, protocol.create(commit, env), log, resource);
    }

    @Override
    public int run(Plan plan, PrintWriter out, NodeMetrics metrics,
        CompletableFuture<NettyTransport.Disagreement> apart) throws Exception {
      long epoch = plan.start();
      Set<Long> txns = new TreeSet<>();
      scenario.transactions().forEach(t -> txns.add(t.transaction().id()));
      Set<Long> logged = protocol.describeLog(file.recovered()).keySet();
      instance.start(epoch);
      List<CompletableFuture<Void>> submitted = new ArrayList<>();
      boolean coordinator = self.equals(commit.coordinator());
      if (coordinator) {
        for (CommitScenario.Txn t : scenario.transactions()) {
          if (logged.contains(t.transaction().id())) {
            continue; // begun before a crash: the coordinator recovers it from its log
          }
          CompletableFuture<Void> taken = new CompletableFuture<>();
          submitted.add(taken);
          long delay = Math.max(0, epoch + t.start() - System.currentTimeMillis());
          submitter.schedule(() -> {
            instance.input(new Input.Submit(t.transaction())).whenComplete((v, e) -> {
              if (e == null) {
                taken.complete(null);
              } else {
                taken.completeExceptionally(e instanceof CompletionException ? e.getCause() : e);
              }
            });
          }, delay, TimeUnit.MILLISECONDS);
        }
      }
      long deadline = deadline(epoch);
      long quiet = TimeUnit.MILLISECONDS.toNanos(3 * scenario.timeouts().retry());
      long heard = metrics.snapshot().get("frames.in");
      // Quiet counts from the start: before it, no peer can have said anything.
      long quietSince = System.nanoTime()
          + TimeUnit.MILLISECONDS.toNanos(Math.max(0, epoch - System.currentTimeMillis()));
      boolean settled = false;
      boolean warned = false;
      long seen = -1;
      while (System.nanoTime() < deadline) {
        if (apart.isDone()) {
          unlessOutOfStep(new CompletableFuture<>(), apart, deadline);
        }
        if (!warned && contradicted(metrics) > 0) {
          warned = true;
          spec.commandLine().getErr().println("bgp node " + self + ": WARNING: told a decision that contradicts its"
              + " log; it does not acknowledge it, and the logs of the cluster disagree (bgp " + protocol.name()
              + " log DIR names where)");
        }
        for (CompletableFuture<Void> s : submitted) {
          if (s.isCompletedExceptionally()) {
            taken(s, deadline, "a transaction");
          }
        }
        if (instance.finished().isCompletedExceptionally()) {
          instance.finished().get(); // the instance stopped (its log failed): say why
        }
        long version = log.version();
        if (version != seen) {
          seen = version;
          settled = protocol.settled(commit, self, txns, log.records());
        }
        long now = metrics.snapshot().get("frames.in");
        if (now != heard) {
          heard = now;
          quietSince = System.nanoTime();
        }
        // Done with its part, a node stays while peers talk to it (a restarted coordinator may announce
        // again); a participant told a decision it refuses leaves: it never acknowledges it, so no END comes.
        boolean refused = !coordinator && contradicted(metrics) > 0;
        if (refused || (settled && System.nanoTime() - quietSince > quiet)) {
          break;
        }
        log.awaitForce(seen, Math.min(quiet, Math.max(1, deadline - System.nanoTime())));
      }
      Map<Long, List<String>> described = protocol.describeLog(log.records());
      if (json) {
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("node", self.index());
        o.put("settled", settled);
        o.put("log", logFile.toString());
        ObjectNode txnsLogged = o.putObject("transactions");
        described.forEach((txn, recs) -> recs.forEach(r -> txnsLogged.withArray(String.valueOf(txn)).add(r)));
        out.println(Json.line(o));
      } else {
        out.printf("node %s (%s), log %s:%n", self, coordinator ? "coordinator" : "participant", logFile);
        described.forEach((txn, recs) -> out.printf("  txn %d: %s%n", txn, String.join(", ", recs)));
      }
      if (contradicted(metrics) > 0) {
        spec.commandLine().getErr().println("bgp node " + self + ": told " + Words.plural(contradicted(metrics),
            "decision") + " that contradict its log (decisions.contradicted), never acknowledged");
        return CONTRADICTED;
      }
      if (!settled) {
        spec.commandLine().getErr().println("bgp node " + self + ": not settled " + timeout + " s after the start");
        return 3;
      }
      return Main.OK;
    }

    /** How many times the node was told a decision its log contradicts (the protocol counts them). */
    private long contradicted(NodeMetrics metrics) {
      return metrics.snapshot().getOrDefault("protocol.decisions.contradicted", 0L);
    }

    @Override
    public void close() {
      submitter.shutdownNow();
      file.close();
    }
  }

  /**
   * Gives slower peers a round to take in this node's last frames before it hangs up. What it sent
   * may still wait for a connection (a commander is done once it has sent, and on a loaded machine
   * its peers' handshakes may not be done by then): it first waits, up to a round (at most
   * {@value #MESH_WAIT_MILLIS} ms), for every peer to be connected (an absent one never is).
   */
  private void lingerForPeers(ClusterConfig cluster) throws InterruptedException {
    if (listening != null) {
      try {
        listening.mesh().get(Math.min(cluster.roundTimeoutMillis(), MESH_WAIT_MILLIS), TimeUnit.MILLISECONDS);
      } catch (TimeoutException | ExecutionException absent) {
        // a peer is down: it is absent, as in any run
      }
    }
    Thread.sleep(Math.min(cluster.roundTimeoutMillis(), 1_000));
  }

  private void print(PrintWriter out, int index, InstanceId instance, Scenario s, NodeReport r) {
    if (json) {
      ObjectNode o = Json.MAPPER.createObjectNode();
      o.put("instance", instance.toString());
      o.put("line", index + 1);
      o.set("report", NodeReports.toJson(r));
      out.println(Json.line(o));
      return;
    }
    String role = s.traitors().contains(r.node()) ? "traitor" : r.node().index() == 0 ? "commander" : "lieutenant";
    out.printf("instance %s (line %d): %s %s %s; sent %d messages, received %d%n", instance, index + 1,
        role, r.node(), r.decision().map(d -> "decided " + d.value()).orElse("did not decide"), r.messagesSent(),
        r.messagesReceived());
  }

  private ClusterConfig load() {
    try {
      return ClusterConfig.load(config);
    } catch (IllegalArgumentException e) {
      throw new UsageError(e.getMessage());
    }
  }

  /** The protocol asked for, checked to be of the family it says it is of. */
  private Protocol protocol() {
    try {
      Protocol p = Protocols.byName(protocol);
      return p.family() == Protocol.Family.AGREEMENT ? Protocols.agreement(p.name()) : Protocols.commit(p.name());
    } catch (IllegalArgumentException e) {
      throw usage(e.getMessage());
    }
  }

  private List<ScenarioFile.Line> agreementWorkload(ClusterConfig cluster) {
    if (scenarios == null || commitScenario != null || logDir != null) {
      throw usage("--protocol " + protocol + " runs --scenarios FILE (and takes no --scenario or --log-dir)");
    }
    List<ScenarioFile.Line> runs = new ArrayList<>();
    ScenarioFile file = ScenarioFile.read(scenarios, stdin);
    for (ScenarioFile.Line line : file.lines()) {
      if (line.scenario().generals() != cluster.size()) {
        throw new UsageError(file.name() + " line " + line.number() + ": " + line.scenario().generals()
            + " generals, but the cluster has " + cluster.size() + " nodes");
      }
      runs.add(line);
    }
    if (runs.isEmpty()) {
      throw new UsageError(file.name() + " holds no scenario");
    }
    return runs;
  }

  private CommitScenario commitWorkload(CommitProtocol commit, ClusterConfig cluster) {
    if (commitScenario == null || scenarios != null) {
      throw usage("--protocol " + protocol + " runs --scenario FILE (a commit scenario), not --scenarios");
    }
    CommitScenario s = CommitScenarioFile.load(commitScenario);
    int nodes = commit.nodes(s.spec());
    if (nodes != cluster.size()) {
      throw new UsageError(commitScenario + ": " + commit.name() + " with a coordinator and " + s.participants()
          + " participants runs " + nodes + " nodes, but the cluster has " + cluster.size());
    }
    return s;
  }

  /** The start the commit scenario file gives, if any. */
  private Long commitStart() {
    try {
      return CommitScenarioFile.start(commitScenario).orElse(null);
    } catch (IllegalArgumentException e) {
      throw new UsageError(e.getMessage());
    }
  }

  private Certificates.NodeKeys keys(ClusterConfig cluster, NodeId self) {
    if (cluster.security() != ClusterConfig.Security.TLS) {
      return null;
    }
    Path k = key != null ? key : cluster.directory().resolve(Certificates.keyFile(self));
    try {
      return Certificates.read(self, k, cluster.certificate(self), allowReadableKey);
    } catch (IllegalArgumentException e) {
      throw new UsageError(e.getMessage() + (e.getMessage().contains("others may read it")
          ? " with --allow-readable-key" : ""));
    }
  }

  /**
   * This node's key, and, if it is a traitor in {@code s} (null: in no scenario), every
   * accomplice's key it can find.
   */
  private Map<NodeId, PrivateKey> privateKeys(ClusterConfig cluster, NodeId self, Scenario s) {
    Map<NodeId, PrivateKey> keys = new TreeMap<>();
    keys.put(self, keys(cluster, self).privateKey());
    if (s != null && s.traitors().contains(self)) {
      for (NodeId accomplice : s.traitors()) {
        Path file = cluster.directory().resolve(Certificates.keyFile(accomplice));
        if (!accomplice.equals(self) && Files.exists(file)) {
          try {
            keys.put(accomplice, Certificates.readPrivateKey(file, allowReadableKey));
          } catch (IllegalArgumentException e) {
            throw new UsageError(e.getMessage());
          }
        }
      }
    }
    return keys;
  }

  private MetricsServer serveMetrics(NodeMetrics metrics) throws InterruptedException {
    int colon = metricsAddress.lastIndexOf(':');
    if (colon == 0) {
      throw usage("--metrics wants [HOST:]PORT, like 9100 or 127.0.0.1:9100; got '" + metricsAddress + "'");
    }
    String host = colon < 0 ? MetricsServer.DEFAULT_HOST : metricsAddress.substring(0, colon);
    try {
      int port = Integer.parseInt(metricsAddress.substring(colon + 1));
      if (port < 0 || port > 65535) {
        throw new NumberFormatException();
      }
      return MetricsServer.start(host, port, metrics);
    } catch (NumberFormatException e) {
      throw usage("--metrics wants [HOST:]PORT with a port of 0 to 65535; got '" + metricsAddress + "'");
    } catch (IllegalArgumentException e) {
      throw new UsageError(e.getMessage());
    }
  }

  /**
   * The size of the node's resource pool: {@code --resource-threads}, or {@link LiveNode}'s default.
   *
   * @throws ParameterException if it is outside 1 to {@value LiveNode#MAX_RESOURCE_THREADS}
   */
  int resourceThreads() {
    if (resourceThreads == null) {
      return LiveNode.DEFAULT_RESOURCE_THREADS;
    }
    String problem = resourceThreadsProblem(resourceThreads);
    if (problem != null) {
      throw usage(problem);
    }
    return resourceThreads;
  }

  /** What is wrong with {@code --resource-threads n}, or null: the pool takes 1 to 1024 threads. */
  static String resourceThreadsProblem(int n) {
    return n < 1 || n > LiveNode.MAX_RESOURCE_THREADS
        ? "--resource-threads must be 1 to " + LiveNode.MAX_RESOURCE_THREADS + ", got " + n : null;
  }

  private ParameterException usage(String message) {
    return new ParameterException(spec.commandLine(), message);
  }
}
