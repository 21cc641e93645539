package io.github.bgp.bank;

import io.github.bgp.api.CommitProtocol;
import io.github.bgp.api.CommitScenario;
import io.github.bgp.api.CommitSpec;
import io.github.bgp.api.InstanceId;
import io.github.bgp.api.NodeId;
import io.github.bgp.api.Protocols;
import io.github.bgp.api.Resource;
import io.github.bgp.api.Transaction;
import io.github.bgp.api.Verdict;
import io.github.bgp.net.Certificates;
import io.github.bgp.net.ClusterConfig;
import io.github.bgp.net.LiveNode;
import io.github.bgp.net.NettyTransport;
import io.github.bgp.net.NodeMetrics;
import io.github.bgp.spi.Input;
import io.github.bgp.twophase.log.FileLog;
import io.github.bgp.twophase.log.WatchedLog;
import io.github.bgp.xa.BankAccounts;
import io.github.bgp.xa.XaResource;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.postgresql.xa.PGXADataSource;

/**
 * One node of the bank run, as a process of its own: the coordinator (node 0), which submits the
 * transfers one after another, or a bank's participant (nodes 1 and 2), which votes through an
 * {@link XaResource} on its bank's PostgreSQL database. Every node has its durable log in the run's
 * directory and runs 2PC on a {@link LiveNode} over mutual TLS. It prints
 * {@code {"event":"ready"}} once it listens, reads the run's epoch (ms) from standard input, and
 * exits 0 once its part is settled (its log says every transfer ended here; the coordinator also
 * waits until no peer has talked to it for three retry intervals).
 */
final class BankNode {

  /** The cluster's name: it names every XA branch (see {@code BgpXid}). */
  static final String CLUSTER = "bank";
  /** The run's one commit instance. */
  static final InstanceId INSTANCE = InstanceId.of(1);
  /**
   * Timeouts (ms): votes, prepare request, retry. Generous for a database's prepare on a loaded
   * machine; a vote that misses them only turns a commit into an abort. The retry is a second: a
   * READY participant asks its peers every retry, and a peer still preparing (an XA prepare and
   * recover, a few hundred ms here) then aborts on its own, as cooperative termination must.
   */
  static final CommitScenario.Timeouts TIMEOUTS = new CommitScenario.Timeouts(10_000, 10_000, 1_000);
  /** Two banks, two participants. */
  static final CommitSpec SPEC = new CommitSpec(2, 0, TIMEOUTS);
  static final CommitProtocol TPC = Protocols.commit("2pc");
  /** How long a node runs at most before it gives up (exit 3). */
  static final long DEADLINE_SECONDS = 120;

  private BankNode() {}

  /**
   * {@code --config FILE --id I --log-dir DIR --transfers LIST [--db JDBC-URL] [--halt-after KIND:TXN]
   * [--resource-threads N]}.
   */
  static int run(Map<String, String> args, PrintStream out, PrintStream err) throws Exception {
    Path config = Path.of(BankMain.required(args, "--config"));
    NodeId self = NodeId.of(Integer.parseInt(BankMain.required(args, "--id")));
    Path logDir = Path.of(BankMain.required(args, "--log-dir"));
    List<Transfer> transfers = Transfer.parse(BankMain.required(args, "--transfers"));
    Optional<Halt> halt = Optional.ofNullable(args.get("--halt-after")).map(Halt::parse);
    int resourceThreads = BankMain.resourceThreads(args);
    boolean coordinator = self.equals(SPEC.coordinator());
    if (!coordinator && !args.containsKey("--db")) {
      throw new IllegalArgumentException("participant " + self + " needs --db JDBC-URL, its bank's database");
    }
    ClusterConfig cluster = ClusterConfig.load(config);
    Certificates.NodeKeys keys = Certificates.read(self, cluster.directory().resolve(Certificates.keyFile(self)),
        cluster.certificate(self));
    Files.createDirectories(logDir);
    Set<Long> txns = new TreeSet<>();
    transfers.forEach(t -> txns.add(t.id()));
    NodeMetrics metrics = new NodeMetrics(self);
    XaResource bank = null;
    Path logFile = logDir.resolve("node-" + self.index() + ".log");
    try (WatchedLog log = new WatchedLog(FileLog.open(logFile,
        io.github.bgp.twophase.log.LogOwner.of(cluster.name(), SPEC, self, TPC.name())),
        halt.map(h -> h.afterForce(TPC::describeLog, out)).orElse(forced -> {}))) {
      Set<Long> logged = TPC.describeLog(log.recovered()).keySet();
      NettyTransport transport = NettyTransport.listen(cluster, self, keys, metrics);
      try (LiveNode live = new LiveNode(transport, metrics, cluster.name(), resourceThreads)) {
        Resource resource = null;
        if (!coordinator) {
          PGXADataSource db = new PGXADataSource();
          db.setUrl(args.get("--db"));
          // As many idle connections as calls at once: beyond them, each call would open a server process and close it.
          bank = new XaResource(db::getXAConnection, self, BankAccounts.TRANSFER,
              Math.max(XaResource.MAX_IDLE, resourceThreads));
          resource = bank;
        }
        LiveNode.Instance instance = live.register(INSTANCE,
            TPC.create(SPEC, live.environment(INSTANCE, cluster.roundTimeoutMillis()).build()), log, resource);
        transport.connect(cluster);
        // Every peer connected before the first transfer: a PREPARE sent into a half-built mesh waits for a redial.
        transport.mesh().get(60, TimeUnit.SECONDS);
        out.println("{\"event\":\"ready\",\"node\":" + self.index() + "}");
        out.flush();
        String epoch = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        if (epoch == null) {
          throw new IllegalStateException("node " + self + ": standard input closed before the run's epoch came");
        }
        instance.start(Long.parseLong(epoch.strip()));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(DEADLINE_SECONDS);
        if (coordinator) {
          for (Transfer t : transfers) {
            if (logged.contains(t.id())) {
              continue; // begun before a crash: the coordinator recovers it from its log
            }
            instance.input(new Input.Submit(new Transaction(t.id(), t.payload()))).get(10, TimeUnit.SECONDS);
            Verdict v = instance.outcome(t.id()).get(remaining(deadline), TimeUnit.NANOSECONDS);
            out.println("{\"event\":\"outcome\",\"txn\":" + t.id() + ",\"outcome\":\"" + v + "\"}");
            out.flush();
          }
        }
        if (!awaitSettled(log, self, txns, metrics, coordinator, deadline)) {
          err.println("bank node " + self + ": not settled " + DEADLINE_SECONDS + " s after the start");
          return 3;
        }
        out.println("{\"event\":\"settled\",\"node\":" + self.index() + "}");
        out.flush();
        return 0;
      }
    } catch (ExecutionException e) {
      throw new IllegalStateException("node " + self + ": " + e.getCause(), e.getCause());
    } catch (TimeoutException e) {
      err.println("bank node " + self + ": a transfer was not decided within " + DEADLINE_SECONDS + " s");
      return 3;
    } finally {
      if (bank != null) {
        bank.close();
      }
    }
  }

  private static long remaining(long deadline) {
    return Math.max(1, deadline - System.nanoTime());
  }

  /** Waits, by the node's forces, until its log says its part is done; false at the deadline. */
  private static boolean awaitSettled(WatchedLog log, NodeId self, Set<Long> txns, NodeMetrics metrics,
      boolean coordinator, long deadline) throws InterruptedException {
    long quiet = TimeUnit.MILLISECONDS.toNanos(3 * TIMEOUTS.retry());
    long heard = metrics.snapshot().get("frames.in");
    long quietSince = System.nanoTime();
    long seen = -1;
    boolean settled = false;
    while (System.nanoTime() < deadline) {
      long version = log.version();
      if (version != seen) {
        seen = version;
        settled = TPC.settled(SPEC, self, txns, log.records());
      }
      long now = metrics.snapshot().get("frames.in");
      if (now != heard) {
        heard = now;
        quietSince = System.nanoTime();
      }
      if (settled && (!coordinator || System.nanoTime() - quietSince > quiet)) {
        return true;
      }
      log.awaitForce(seen, Math.min(quiet, remaining(deadline)));
    }
    return false;
  }
}
