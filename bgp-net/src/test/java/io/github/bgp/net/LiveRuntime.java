package io.github.bgp.net;

import io.github.bgp.api.AgreementProtocol;
import io.github.bgp.api.CommitOutcome;
import io.github.bgp.api.CommitProtocol;
import io.github.bgp.api.CommitScenario;
import io.github.bgp.api.CommitSpec;
import io.github.bgp.api.InstanceId;
import io.github.bgp.api.NodeId;
import io.github.bgp.api.Outcome;
import io.github.bgp.api.Resource;
import io.github.bgp.api.Scenario;
import io.github.bgp.runtime.NodeReport;
import io.github.bgp.runtime.Outcomes;
import io.github.bgp.runtime.Transport;
import io.github.bgp.sim.Simulation;
import io.github.bgp.spi.Environment;
import io.github.bgp.spi.Input;
import io.github.bgp.spi.Setup;
import io.github.bgp.testkit.AgreementRuntime;
import io.github.bgp.testkit.CommitRuntime;
import io.github.bgp.twophase.log.FileLog;
import io.github.bgp.twophase.log.LogOwner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The contract suites' live runtimes: real {@link LiveNode}s on the wall clock in this JVM, over
 * the in-process {@link LocalNetwork} or over Netty with mutual TLS on 127.0.0.1, with
 * {@link FileLog}s on disk for commits. Rounds and timeouts are long, so that every round closes
 * when its last frame arrives and every transaction is decided by its messages: nothing a test
 * checks depends on a deadline being met on a loaded machine.
 */
public final class LiveRuntime implements AgreementRuntime, CommitRuntime {

  /** A round lasts this long; no contract scenario waits for it (none has a silent traitor). */
  static final long ROUND_MILLIS = 60_000;
  /** Commit timeouts: long waits, quick retries. */
  static final CommitScenario.Timeouts TIMEOUTS = new CommitScenario.Timeouts(60_000, 60_000, 100);
  /** How long a test waits for a run before it fails. */
  static final long PATIENCE_SECONDS = 60;

  /** Makes the nodes of one cluster. */
  interface Network extends AutoCloseable {
    /** The transport of node {@code id}, connected to every other node's. */
    Transport endpoint(NodeId id);

    /** The name of the cluster. */
    String cluster();

    @Override
    void close();
  }

  private final String name;
  private final Function<Integer, Network> networks;

  private LiveRuntime(String name, Function<Integer, Network> networks) {
    this.name = name;
    this.networks = networks;
  }

  /** Live nodes over the in-process network: no sockets. */
  public static LiveRuntime local() {
    return new LiveRuntime("local", n -> {
      LocalNetwork net = new LocalNetwork(n);
      return new Network() {
        @Override
        public Transport endpoint(NodeId id) {
          return net.endpoint(id);
        }

        @Override
        public String cluster() {
          return "local";
        }

        @Override
        public void close() {}
      };
    });
  }

  /** Live nodes over Netty with mutual TLS 1.3 on 127.0.0.1, fresh keys in a temporary directory. */
  public static LiveRuntime tls() {
    return new LiveRuntime("tls", n -> {
      try {
        Path dir = Files.createTempDirectory("bgp-tls-");
        LocalCluster c = LocalCluster.start(dir, n, ROUND_MILLIS);
        return new Network() {
          @Override
          public Transport endpoint(NodeId id) {
            return c.transports.get(id.index());
          }

          @Override
          public String cluster() {
            return c.config.name();
          }

          @Override
          public void close() {
            for (NettyTransport t : c.transports) {
              t.close();
            }
            Dirs.delete(dir);
          }
        };
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    });
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public int budget() {
    return name.equals("tls") ? 12 : 24;
  }

  /** Every scenario of one size at once, as many instances over the same nodes. */
  @Override
  public List<Outcome> run(AgreementProtocol protocol, List<Scenario> scenarios) throws Exception {
    Map<Integer, List<Integer>> bySize = new TreeMap<>();
    for (int i = 0; i < scenarios.size(); i++) {
      bySize.computeIfAbsent(scenarios.get(i).generals(), k -> new ArrayList<>()).add(i);
    }
    Outcome[] outcomes = new Outcome[scenarios.size()];
    for (Map.Entry<Integer, List<Integer>> size : bySize.entrySet()) {
      int n = size.getKey();
      try (Network net = networks.apply(n)) {
        List<LiveNode> nodes = new ArrayList<>();
        for (int i = 0; i < n; i++) {
          nodes.add(new LiveNode(net.endpoint(NodeId.of(i)), new NodeMetrics(NodeId.of(i)), net.cluster()));
        }
        try {
          List<List<LiveNode.Instance>> instances = new ArrayList<>();
          for (int index : size.getValue()) {
            Scenario s = scenarios.get(index);
            Environment env = Environment.builder(InstanceId.of(index + 1)).cluster(net.cluster())
                .roundTimeout(ROUND_MILLIS).build();
            List<LiveNode.Instance> on = new ArrayList<>();
            for (LiveNode node : nodes) { // each node its own setup, as separate processes would have
              Setup<?> setup = protocol.create(s.spec(), env, s.adversary());
              on.add(node.register(env.instance(), setup));
            }
            instances.add(on);
          }
          long epoch = System.currentTimeMillis(); // every node registered first: no frame finds one that is not
          for (int k = 0; k < instances.size(); k++) {
            instances.get(k).forEach(i -> i.start(epoch));
            instances.get(k).get(0).input(new Input.Propose(scenarios.get(size.getValue().get(k)).order()));
          }
          for (int k = 0; k < instances.size(); k++) {
            Scenario s = scenarios.get(size.getValue().get(k));
            List<NodeReport> reports = new ArrayList<>();
            for (LiveNode.Instance i : instances.get(k)) {
              reports.add(i.finished().get(PATIENCE_SECONDS, TimeUnit.SECONDS));
            }
            outcomes[size.getValue().get(k)] = Outcomes.of(protocol.name(), s, protocol.guarantee(s), reports);
          }
        } finally {
          nodes.forEach(LiveNode::close);
        }
      }
    }
    return List.of(outcomes);
  }

  @Override
  public CommitOutcome run(CommitProtocol protocol, CommitScenario scenario) throws Exception {
    Path dir = Files.createTempDirectory("bgp-commit-");
    try {
      runOnce(protocol, scenario, dir, false);
      return fromDisk(protocol, scenario, dir);
    } finally {
      Dirs.delete(dir);
    }
  }

  @Override
  public Recovered runAndRecover(CommitProtocol protocol, CommitScenario scenario) throws Exception {
    Path dir = Files.createTempDirectory("bgp-commit-");
    try {
      runOnce(protocol, scenario, dir, false);
      CommitOutcome before = fromDisk(protocol, scenario, dir);
      runOnce(protocol, scenario, dir, true);
      return new Recovered(before, fromDisk(protocol, scenario, dir));
    } finally {
      Dirs.delete(dir);
    }
  }

  /**
   * One life of the cluster over the logs in {@code dir}: the first submits the workload and waits
   * until every node holds every outcome; a second recovers every node from its log and waits until
   * each has released the outcomes it logged.
   */
  private void runOnce(CommitProtocol protocol, CommitScenario scenario, Path dir, boolean recovering)
      throws Exception {
    CommitSpec spec = scenario.spec().withTimeouts(TIMEOUTS);
    Function<NodeId, Resource> resources = Simulation.scripted(scenario);
    int nodeCount = protocol.nodes(spec);
    try (Network net = networks.apply(nodeCount)) {
      Environment env = Environment.builder(InstanceId.of(scenario.seed())).cluster(net.cluster()).build();
      List<LiveNode> nodes = new ArrayList<>();
      List<FileLog> logs = new ArrayList<>();
      List<LiveNode.Instance> instances = new ArrayList<>();
      try {
        for (int i = 0; i < nodeCount; i++) {
          NodeId id = NodeId.of(i);
          LiveNode node = new LiveNode(net.endpoint(id), new NodeMetrics(id), net.cluster());
          nodes.add(node);
          FileLog log = FileLog.open(dir.resolve("node-" + i + ".log"),
              LogOwner.of(net.cluster(), spec, id, protocol.name()));
          logs.add(log);
          boolean participant = i >= 1 && i <= spec.participants(); // the others (coordinator, acceptors) have none
          instances.add(node.register(env.instance(), protocol.create(spec, env), log,
              participant ? resources.apply(id) : null));
        }
        long epoch = System.currentTimeMillis();
        instances.forEach(i -> i.start(epoch));
        if (!recovering) {
          for (CommitScenario.Txn t : scenario.transactions()) {
            instances.get(0).input(new Input.Submit(t.transaction())).get(PATIENCE_SECONDS, TimeUnit.SECONDS);
          }
        }
        for (CommitScenario.Txn t : scenario.transactions()) {
          for (LiveNode.Instance i : instances.subList(1, spec.participants() + 1)) {
            i.outcome(t.transaction().id()).get(PATIENCE_SECONDS, TimeUnit.SECONDS);
          }
        }
      } finally {
        nodes.forEach(LiveNode::close);
        logs.forEach(FileLog::close);
      }
    }
  }

  private static CommitOutcome fromDisk(CommitProtocol protocol, CommitScenario scenario, Path dir) {
    Map<NodeId, List<byte[]>> records = new TreeMap<>();
    for (int i = 0; i < protocol.nodes(scenario.spec()); i++) {
      records.put(NodeId.of(i), FileLog.inspect(dir.resolve("node-" + i + ".log")).records().stream()
          .map(r -> r.payload()).toList());
    }
    Set<Long> expected = new HashSet<>();
    scenario.transactions().forEach(t -> expected.add(t.transaction().id()));
    return protocol.outcome(scenario.spec(), records, Set.of(), expected);
  }
}
