package io.github.bgp.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.bgp.api.AgreementProtocol;
import io.github.bgp.api.CommitProtocol;
import io.github.bgp.api.CommitScenario;
import io.github.bgp.api.CommitSpec;
import io.github.bgp.api.InstanceId;
import io.github.bgp.api.NodeId;
import io.github.bgp.api.Protocol;
import io.github.bgp.api.Protocols;
import io.github.bgp.api.Resource;
import io.github.bgp.api.Scenario;
import io.github.bgp.net.Certificates;
import io.github.bgp.net.ClusterConfig;
import io.github.bgp.net.LiveNode;
import io.github.bgp.net.MetricsServer;
import io.github.bgp.net.NettyTransport;
import io.github.bgp.net.NodeMetrics;
import io.github.bgp.runtime.NodeReport;
import io.github.bgp.sim.Simulation;
import io.github.bgp.spi.Environment;
import io.github.bgp.spi.Input;
import io.github.bgp.twophase.log.FileLog;
import io.github.bgp.twophase.log.Inspection;
import io.github.bgp.twophase.log.LogOwner;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.util.ArrayList;
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
 * other node (mutual TLS), agrees with them on when the run starts, runs its part of every
 * instance it was given, prints what it decided and its metrics, and exits.
 */
@Command(
    name = "node",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    sortOptions = false,
    description = {
      "Run one node of a cluster (see bgp keys). Start every node of the cluster the same way, each with its"
          + " own --id; they connect to each other over mutual TLS 1.3, node 0 starts the run once all are"
          + " connected, and each node runs its part of every scenario and exits.",
      "",
      "Traitors are the scenario's (the scenarios file is a test harness): a node whose id is a traitor in a"
          + " scenario lies as the scenario's strategy says, and the commander's node proposes the scenario's"
          + " order. Under a protocol that signs (sm), traitors collude: a traitor also signs with any other"
          + " traitor's key found beside the configuration file.",
      "",
      "Under a commit protocol (2pc), node 0 is the coordinator and submits each transaction of the scenario"
          + " at its start (in milliseconds from the run's start), and participant i's resource votes as the"
          + " scenario says. A node starts on a new log only with --new-log; restarted with its log, it recovers"
          + " from it (the coordinator then submits only the transactions its log does not hold), and a log that is"
          + " not its own (another cluster's, node's, role's or protocol's, by its header) is refused.",
      "",
      "While it runs, the node's metrics (messages and bytes in and out, frames dropped by reason, round deadline"
          + " misses, decisions) are served with --metrics at /metrics (Prometheus) and /metrics.txt; they are"
          + " printed when it exits."
    },
    descriptionHeading = "%n",
    optionListHeading = "%nOptions:%n",
    footerHeading = "%n",
    footer = {
      "Example (in four terminals, i = 0..3):",
      "  bgp keys --generals 4 --out cluster",
      "  echo '{\"generals\":4,\"traitors\":[2],\"strategy\":\"split\"}' > runs.jsonl",
      "  bgp node --config cluster/cluster.json --id i --protocol om --scenarios runs.jsonl"
    })
final class NodeCommand implements Callable<Integer> {

  /** How long node 0 waits, once everyone is connected, for a START from a run already going. */
  private static final long START_GRACE_MILLIS = 150;
  /** The exit status of a commit node that was told a decision its log contradicts. */
  static final int CONTRADICTED = 4;

  /** How far ahead of now node 0 sets the start, so that every node hears of it in time. */
  private static final long START_LEAD_MILLIS = 300;

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
      description = "Agreement: the scenarios to run, JSON Lines as for bgp om --scenarios; each line is one"
          + " instance, all in flight at once.")
  String scenarios;

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

  @Option(names = "--metrics", paramLabel = "HOST:PORT",
      description = "Serve metrics over HTTP while running, e.g. 127.0.0.1:9100.")
  String metricsAddress;

  @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "120",
      description = "Give up if the run has not finished by then (exit 3; a commit node told a decision its log"
          + " contradicts exits 4). Default: ${DEFAULT-VALUE}.")
  int timeout;

  @Option(names = "--json", description = "Print each instance's report, then the metrics, as JSON lines.")
  boolean json;

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
    ClusterConfig cluster = load();
    if (id < 0 || id >= cluster.size()) {
      throw usage("--id " + id + " is not a node of " + config + ", which has nodes 0 to " + (cluster.size() - 1));
    }
    NodeId self = NodeId.of(id);
    Protocol p = protocol();
    Certificates.NodeKeys keys = keys(cluster, self);
    Workload work = p.family() == Protocol.Family.AGREEMENT
        ? new Agreements((AgreementProtocol) p, agreementWorkload(cluster), cluster, self)
        : new Commits((CommitProtocol) p, commitWorkload(cluster), cluster, self);
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (cluster.security() == ClusterConfig.Security.PLAINTEXT_INSECURE) {
      err.println("bgp node " + self + ": WARNING: security is plaintext-insecure: no encryption, and any process"
          + " that can reach this port can claim to be any node");
    }
    NodeMetrics metrics = new NodeMetrics(self);
    MetricsServer server = null;
    NettyTransport transport = null;
    try {
      server = metricsAddress == null ? null : serveMetrics(metrics);
      transport = NettyTransport.start(cluster, self, keys, metrics);
    } catch (IllegalArgumentException e) {
      throw new UsageError(e.getMessage());
    } finally {
      if (transport == null) {
        work.close();
        if (server != null) {
          server.close();
        }
      }
    }
    LiveNode live = new LiveNode(transport, metrics);
    AtomicBoolean done = new AtomicBoolean();
    Thread onSignal = new Thread(() -> {
      if (!done.get()) {
        System.err.print(metrics.toText());
      }
    }, "bgp-node-exit");
    Runtime.getRuntime().addShutdownHook(onSignal);
    try {
      work.register(live);
      long epoch = agreeOnStart(transport, self);
      if (json) {
        ObjectNode started = Json.MAPPER.createObjectNode();
        started.put("event", "start");
        started.put("epoch", epoch);
        out.println(Json.line(started));
        out.flush();
      }
      return work.run(epoch, out, metrics);
    } catch (TimeoutException e) {
      err.println("bgp node " + self + ": " + e.getMessage());
      return 3;
    } finally {
      done.set(true);
      live.close();
      work.close();
      if (server != null) {
        server.close();
      }
      if (json) {
        ObjectNode m = Json.MAPPER.createObjectNode();
        ObjectNode figures = m.putObject("metrics");
        metrics.snapshot().forEach(figures::put);
        out.println(Json.line(m));
      } else {
        out.print(metrics.toText());
      }
      out.flush();
      try {
        Runtime.getRuntime().removeShutdownHook(onSignal);
      } catch (IllegalStateException shuttingDown) {
        // the hook is running or has run
      }
    }
  }

  /** What a node runs: set up before the start is known, run from it. */
  private interface Workload extends AutoCloseable {
    /** Sets up every instance, so that frames a faster peer sends are kept for them. */
    void register(LiveNode live);

    /** Runs from {@code epoch} to the end; prints what this node did; returns the exit code. */
    int run(long epoch, PrintWriter out, NodeMetrics metrics) throws Exception;

    @Override
    default void close() {}
  }

  /**
   * When the run starts: node 0 proposes a moment just ahead once every node is connected to
   * every other (unless
   * a run is already going, as when it restarts); every node keeps the first start it hears.
   */
  private long agreeOnStart(NettyTransport transport, NodeId self) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeout);
    if (self.index() == 0) {
      CompletableFuture.anyOf(transport.ready(), transport.epoch()).get(timeout, TimeUnit.SECONDS);
      if (!transport.epoch().isDone()) {
        Thread.sleep(START_GRACE_MILLIS);
        transport.advertise(System.currentTimeMillis() + START_LEAD_MILLIS);
      }
    }
    try {
      return transport.epoch().get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      throw new TimeoutException("the run did not start within " + timeout + " s: connected both ways to "
          + transport.connected() + " of the cluster's other nodes");
    }
  }

  /**
   * Agreement instances, one per scenario, all in flight at once. Each node sets its instance up
   * with the whole scenario's adversary (the file is a test harness: a traitor's own node reads
   * what it is to do); the commander's node is given the scenario's order once the run starts.
   */
  private final class Agreements implements Workload {
    private final AgreementProtocol protocol;
    private final List<Scenario> runs;
    private final ClusterConfig cluster;
    private final NodeId self;
    private final List<LiveNode.Instance> instances = new ArrayList<>();

    Agreements(AgreementProtocol protocol, List<Scenario> runs, ClusterConfig cluster, NodeId self) {
      this.protocol = protocol;
      this.runs = runs;
      this.cluster = cluster;
      this.self = self;
    }

    @Override
    public void register(LiveNode live) {
      boolean signs = protocol.capabilities().contains(Protocol.Capability.SIGNATURES);
      Map<NodeId, PrivateKey> ownKey = signs ? privateKeys(cluster, self, null) : Map.of();
      for (int i = 0; i < runs.size(); i++) {
        Scenario s = runs.get(i);
        Environment.Builder env = Environment.builder(instance(s, i)).roundTimeout(cluster.roundTimeoutMillis());
        if (signs) {
          env.keys(Certificates.ring(cluster, s.traitors().contains(self) ? privateKeys(cluster, self, s) : ownKey));
        }
        instances.add(live.register(instance(s, i), protocol.create(s.spec(), env.build(), s.adversary())));
      }
    }

    @Override
    public int run(long epoch, PrintWriter out, NodeMetrics metrics) throws Exception {
      List<CompletableFuture<Void>> proposed = new ArrayList<>();
      for (int i = 0; i < instances.size(); i++) {
        LiveNode.Instance in = instances.get(i);
        in.start(epoch);
        if (self.equals(runs.get(i).spec().commander())) {
          proposed.add(in.input(new Input.Propose(runs.get(i).order())));
        }
      }
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeout);
      for (CompletableFuture<Void> p : proposed) {
        taken(p, deadline, "the commander's order");
      }
      for (int i = 0; i < instances.size(); i++) {
        LiveNode.Instance in = instances.get(i);
        NodeReport r;
        try {
          r = in.finished().get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
          throw new TimeoutException("instance " + in.id() + " had not finished after " + timeout + " s");
        }
        print(out, i, runs.get(i), r);
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
   * One commit instance over the transactions of a scenario, logged in a {@link FileLog}: the
   * coordinator is given each transaction its log does not hold yet at its start (milliseconds
   * from the run's start), each participant calls a resource that votes as the scenario says. The
   * node runs until its log shows it settled (see {@link CommitProtocol#settled}); a participant
   * then stays as long as peers still talk to it, so that the coordinator hears its last
   * acknowledgements.
   */
  private final class Commits implements Workload {
    private final CommitProtocol protocol;
    private final CommitScenario scenario;
    private final CommitSpec commit;
    private final ClusterConfig cluster;
    private final NodeId self;
    private final Path logFile;
    private final FileLog log;
    private final ScheduledExecutorService submitter = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "bgp-node-submit");
      t.setDaemon(true);
      return t;
    });
    private LiveNode.Instance instance;

    Commits(CommitProtocol protocol, CommitScenario scenario, ClusterConfig cluster, NodeId self) {
      this.protocol = protocol;
      this.scenario = scenario;
      this.commit = scenario.spec();
      this.cluster = cluster;
      this.self = self;
      Path dir = logDir != null ? logDir : cluster.directory();
      this.logFile = dir.resolve("node-" + self + ".log");
      try {
        this.log = openLog(dir, LogOwner.of(cluster.name(), commit, self, protocol.name()));
      } catch (RuntimeException e) {
        submitter.shutdownNow();
        throw e;
      }
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
      Environment env = Environment.builder(InstanceId.fromSeed(scenario.seed()))
          .roundTimeout(cluster.roundTimeoutMillis()).build();
      Resource resource = commit.participantIds().contains(self) ? Simulation.scripted(scenario).apply(self) : null;
      instance = live.register(env.instance(), protocol.create(commit, env), log, resource);
    }

    @Override
    public int run(long epoch, PrintWriter out, NodeMetrics metrics) throws Exception {
      Set<Long> txns = new TreeSet<>();
      scenario.transactions().forEach(t -> txns.add(t.transaction().id()));
      Set<Long> logged = protocol.describeLog(log.recovered()).keySet();
      instance.start(epoch);
      List<CompletableFuture<Void>> submitted = new ArrayList<>();
      if (self.equals(commit.coordinator())) {
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
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeout);
      long quiet = 3 * scenario.timeouts().retry();
      long heard = metrics.snapshot().get("frames.in");
      // Quiet counts from the start: before it, no peer can have said anything.
      long quietSince = System.nanoTime()
          + TimeUnit.MILLISECONDS.toNanos(Math.max(0, epoch - System.currentTimeMillis()));
      boolean settled = false;
      boolean warned = false;
      while (System.nanoTime() < deadline) {
        Thread.sleep(20);
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
        settled = protocol.settled(commit, self, txns, records());
        long now = metrics.snapshot().get("frames.in");
        if (now != heard) {
          heard = now;
          quietSince = System.nanoTime();
        }
        // Done with its part, a participant stays while peers talk to it, unless all it hears is a
        // decision it refuses.
        boolean peersDone = self.equals(commit.coordinator()) || contradicted(metrics) > 0
            || System.nanoTime() - quietSince > TimeUnit.MILLISECONDS.toNanos(quiet);
        if (settled && peersDone) {
          break;
        }
      }
      Map<Long, List<String>> described = protocol.describeLog(records());
      if (json) {
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("node", self.index());
        o.put("settled", settled);
        o.put("log", logFile.toString());
        ObjectNode txnsLogged = o.putObject("transactions");
        described.forEach((txn, recs) -> recs.forEach(r -> txnsLogged.withArray(String.valueOf(txn)).add(r)));
        out.println(Json.line(o));
      } else {
        out.printf("node %s (%s), log %s:%n", self, self.equals(commit.coordinator()) ? "coordinator" : "participant",
            logFile);
        described.forEach((txn, recs) -> out.printf("  txn %d: %s%n", txn, String.join(", ", recs)));
      }
      if (contradicted(metrics) > 0) {
        spec.commandLine().getErr().println("bgp node " + self + ": told " + Words.plural(contradicted(metrics),
            "decision") + " that contradict its log (decisions.contradicted), never acknowledged");
        return CONTRADICTED;
      }
      if (!settled) {
        spec.commandLine().getErr().println("bgp node " + self + ": not settled after " + timeout + " s");
        return 3;
      }
      return Main.OK;
    }

    /** How many times the node was told a decision its log contradicts (the protocol counts them). */
    private long contradicted(NodeMetrics metrics) {
      return metrics.snapshot().getOrDefault("protocol.decisions.contradicted", 0L);
    }

    private List<byte[]> records() {
      return FileLog.inspect(logFile).records().stream().map(e -> e.payload()).toList();
    }

    @Override
    public void close() {
      submitter.shutdownNow();
      log.close();
    }
  }

  /** The instance id of line {@code index}: the simulator's for the scenario's seed, told apart by line. */
  static InstanceId instance(Scenario s, int index) {
    return InstanceId.of(InstanceId.fromSeed(s.seed()).value() + index);
  }

  /** Gives slower peers a round to take in this node's last frames before it hangs up. */
  private static void lingerForPeers(ClusterConfig cluster) throws InterruptedException {
    Thread.sleep(Math.min(cluster.roundTimeoutMillis(), 1_000));
  }

  private void print(PrintWriter out, int index, Scenario s, NodeReport r) {
    if (json) {
      ObjectNode o = Json.MAPPER.createObjectNode();
      o.put("instance", instance(s, index).toString());
      o.put("line", index + 1);
      o.set("report", NodeReports.toJson(r));
      out.println(Json.line(o));
      return;
    }
    String role = s.traitors().contains(r.node()) ? "traitor" : r.node().index() == 0 ? "commander" : "lieutenant";
    out.printf("instance %s (line %d): %s %s %s; sent %d messages, received %d%n", instance(s, index), index + 1,
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

  private List<Scenario> agreementWorkload(ClusterConfig cluster) {
    if (scenarios == null || commitScenario != null || logDir != null) {
      throw usage("--protocol " + protocol + " runs --scenarios FILE (and takes no --scenario or --log-dir)");
    }
    List<Scenario> runs = new ArrayList<>();
    ScenarioFile file = ScenarioFile.read(scenarios, stdin);
    for (ScenarioFile.Line line : file.lines()) {
      if (line.scenario().generals() != cluster.size()) {
        throw new UsageError(file.name() + " line " + line.number() + ": " + line.scenario().generals()
            + " generals, but the cluster has " + cluster.size() + " nodes");
      }
      runs.add(line.scenario());
    }
    if (runs.isEmpty()) {
      throw new UsageError(file.name() + " holds no scenario");
    }
    return runs;
  }

  private CommitScenario commitWorkload(ClusterConfig cluster) {
    if (commitScenario == null || scenarios != null) {
      throw usage("--protocol " + protocol + " runs --scenario FILE (a commit scenario), not --scenarios");
    }
    CommitScenario s = CommitScenarioFile.load(commitScenario);
    if (s.nodes() != cluster.size()) {
      throw new UsageError(commitScenario + ": a coordinator and " + s.participants() + " participants are "
          + s.nodes() + " nodes, but the cluster has " + cluster.size());
    }
    return s;
  }

  private Certificates.NodeKeys keys(ClusterConfig cluster, NodeId self) {
    if (cluster.security() != ClusterConfig.Security.TLS) {
      return null;
    }
    Path k = key != null ? key : cluster.directory().resolve(Certificates.keyFile(self));
    try {
      return Certificates.read(self, k, cluster.certificate(self));
    } catch (IllegalArgumentException e) {
      throw new UsageError(e.getMessage());
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
          keys.put(accomplice, Certificates.readPrivateKey(file));
        }
      }
    }
    return keys;
  }

  private MetricsServer serveMetrics(NodeMetrics metrics) throws InterruptedException {
    int colon = metricsAddress.lastIndexOf(':');
    if (colon <= 0) {
      throw usage("--metrics wants HOST:PORT, like 127.0.0.1:9100; got '" + metricsAddress + "'");
    }
    try {
      return MetricsServer.start(metricsAddress.substring(0, colon), Integer.parseInt(metricsAddress.substring(colon + 1)),
          metrics);
    } catch (NumberFormatException e) {
      throw usage("--metrics wants HOST:PORT with a numeric port; got '" + metricsAddress + "'");
    } catch (IllegalArgumentException e) {
      throw new UsageError(e.getMessage());
    }
  }

  private ParameterException usage(String message) {
    return new ParameterException(spec.commandLine(), message);
  }
}
