package io.github.bgp.bank;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.bgp.api.CommitOutcome;
import io.github.bgp.api.NodeId;
import io.github.bgp.api.Verdict;
import io.github.bgp.net.Certificates;
import io.github.bgp.net.ClusterConfig;
import io.github.bgp.twophase.log.FileLog;
import io.github.bgp.xa.BankAccounts;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The money transfer on two real databases: two PostgreSQL servers (one per bank, prepared
 * transactions enabled), a coordinator and two participants as separate processes
 * ({@link BankNode}) with durable logs, the transfers run one after another; the victim (the
 * coordinator by default) is killed with SIGKILL right after it forces its decision on (or, a
 * participant, its READY vote for) transfer {@value #VICTIM_TXN}, then restarted from its log.
 * Once every node has settled it reads the outcomes from the logs, the balances and the branches
 * left prepared ({@code pg_prepared_xacts}) from the databases, and prints them.
 */
final class BankRun {

  /** The transfer at which the victim is killed. */
  static final long VICTIM_TXN = 2;
  static final List<String> VICTIMS = List.of("coordinator", "participant-1", "participant-2");
  /** Bank 1 (participant 1) holds alice, bank 2 (participant 2) bob. */
  static final Map<String, Long> BANK_1 = Map.of("alice", 100L);
  static final Map<String, Long> BANK_2 = Map.of("bob", 100L);
  /** Two of them larger than any balance can be: the database's CHECK refuses them, and they abort. */
  static final List<Transfer> TRANSFERS = List.of(new Transfer(1, "alice", "bob", 30),
      new Transfer(2, "bob", "alice", 50), new Transfer(3, "alice", "bob", 500), new Transfer(4, "bob", "alice", 20),
      new Transfer(5, "bob", "alice", 400), new Transfer(6, "alice", "bob", 45));
  private static final long START_SECONDS = 60;
  private static final ObjectMapper JSON = new ObjectMapper();

  private BankRun() {}

  static int run(Map<String, String> options, PrintStream out, PrintStream err) throws Exception {
    String victim = options.getOrDefault("--kill", "coordinator");
    if (!VICTIMS.contains(victim)) {
      throw new IllegalArgumentException("--kill takes " + String.join(", ", VICTIMS) + "; got '" + victim + "'");
    }
    boolean json = options.containsKey("--json");
    int threads = BankMain.resourceThreads(options); // checked before any server starts
    int victimNode = VICTIMS.indexOf(victim);
    Path dir = Files.createTempDirectory("bgp-bank-");
    List<Node> nodes = new ArrayList<>();
    Thread onSignal = new Thread(() -> nodes.forEach(Node::kill), "bgp-bank-stop");
    Runtime.getRuntime().addShutdownHook(onSignal);
    boolean ok = false;
    err.println("bgp 2pc bank: starting two PostgreSQL servers (embedded binaries) ...");
    try (EmbeddedPostgres bank1 = server(); EmbeddedPostgres bank2 = server()) {
      List<EmbeddedPostgres> banks = List.of(bank1, bank2);
      open(bank1, BANK_1);
      open(bank2, BANK_2);
      long sumBefore = sum(banks);
      ClusterConfig cluster = Certificates.makeCluster(dir.resolve("cluster"), BankNode.CLUSTER, 3, "127.0.0.1", 0,
          500);
      for (int i = 0; i < 3; i++) {
        cluster = cluster.withPort(NodeId.of(i), freePort());
      }
      Path config = dir.resolve("cluster").resolve("cluster.json");
      cluster.write(config);
      String halt = (victimNode == 0 ? "DECIDED:" : "READY:") + VICTIM_TXN;
      for (int i = 0; i < 3; i++) {
        nodes.add(new Node(dir, i, args(config, dir, i, banks, i == victimNode ? halt : null, threads)));
      }
      err.println("bgp 2pc bank: a coordinator and two participants, as processes; " + victim
          + " to be killed with SIGKILL after it logs " + (victimNode == 0 ? "its decision on" : "its vote for")
          + " transfer " + VICTIM_TXN);
      for (Node n : nodes) {
        n.await("\"event\":\"ready\"", START_SECONDS);
      }
      String epoch = Long.toString(System.currentTimeMillis());
      nodes.forEach(n -> n.start(epoch));
      Node v = nodes.get(victimNode);
      v.await("\"event\":\"halted\"", BankNode.DEADLINE_SECONDS);
      v.kill();
      err.println("bgp 2pc bank: " + victim + " killed (SIGKILL, exit " + v.exit(10) + "); restarting it from its log");
      Node restarted = new Node(dir, victimNode, args(config, dir, victimNode, banks, null, threads));
      nodes.set(victimNode, restarted);
      restarted.await("\"event\":\"ready\"", START_SECONDS);
      restarted.start(epoch);
      for (Node n : nodes) {
        int exit = n.exit(BankNode.DEADLINE_SECONDS + 30);
        if (exit != 0) {
          throw new IllegalStateException("node " + n.index + " failed (exit " + exit + "): " + n.errors());
        }
      }
      CommitOutcome outcome = outcome(dir);
      SortedMap<String, Long> balances = new TreeMap<>();
      int inDoubt = 0;
      for (EmbeddedPostgres b : banks) {
        balances.putAll(balances(b));
        inDoubt += prepared(b);
      }
      long sumAfter = sum(banks);
      report(out, json, victim, sumBefore, sumAfter, inDoubt, balances, outcome);
      long commits = TRANSFERS.stream().filter(t -> verdict(outcome, t).equals("COMMIT")).count();
      long aborts = TRANSFERS.stream().filter(t -> verdict(outcome, t).equals("ABORT")).count();
      ok = sumBefore == sumAfter && inDoubt == 0 && outcome.atomic() && outcome.valid() && commits > 0 && aborts > 0;
      if (!ok) {
        err.println("bgp 2pc bank: the run broke an invariant (the logs and databases are kept in " + dir + ")");
        return 3;
      }
      return 0;
    } finally {
      nodes.forEach(Node::kill);
      try {
        Runtime.getRuntime().removeShutdownHook(onSignal);
      } catch (IllegalStateException shuttingDown) {
        // the hook is running, and stops the nodes
      }
      if (ok) {
        delete(dir);
      }
    }
  }

  private static EmbeddedPostgres server() throws IOException {
    // Prepared transactions are off by default (max_prepared_transactions = 0): every XA prepare would fail.
    return EmbeddedPostgres.builder().setServerConfig("max_prepared_transactions", "16")
        .setServerConfig("lock_timeout", "30s").start();
  }

  private static void open(EmbeddedPostgres server, Map<String, Long> accounts) throws SQLException {
    try (Connection c = server.getPostgresDatabase().getConnection()) {
      BankAccounts.create(c, accounts);
    }
  }

  private static SortedMap<String, Long> balances(EmbeddedPostgres server) throws SQLException {
    try (Connection c = server.getPostgresDatabase().getConnection()) {
      return BankAccounts.balances(c);
    }
  }

  private static long sum(List<EmbeddedPostgres> banks) throws SQLException {
    long sum = 0;
    for (EmbeddedPostgres b : banks) {
      sum += balances(b).values().stream().mapToLong(Long::longValue).sum();
    }
    return sum;
  }

  /** The branches the server holds prepared, bgp's or anyone's. */
  private static int prepared(EmbeddedPostgres server) throws SQLException {
    try (Connection c = server.getPostgresDatabase().getConnection(); Statement s = c.createStatement();
        ResultSet r = s.executeQuery("select count(*) from pg_prepared_xacts")) {
      r.next();
      return r.getInt(1);
    }
  }

  private static List<String> args(Path config, Path dir, int i, List<EmbeddedPostgres> banks, String halt,
      int resourceThreads) {
    List<String> a = new ArrayList<>(List.of("--config", config.toString(), "--id", Integer.toString(i),
        "--log-dir", dir.resolve("logs").toString(), "--transfers", Transfer.words(TRANSFERS)));
    if (i > 0) {
      a.addAll(List.of("--db", banks.get(i - 1).getJdbcUrl("postgres", "postgres")));
      a.addAll(List.of("--resource-threads", Integer.toString(resourceThreads)));
    }
    if (halt != null) {
      a.addAll(List.of("--halt-after", halt));
    }
    return a;
  }

  /** What the logs on disk say of every transfer. */
  private static CommitOutcome outcome(Path dir) {
    Map<NodeId, List<byte[]>> logs = new TreeMap<>();
    for (int i = 0; i < 3; i++) {
      logs.put(NodeId.of(i), FileLog.inspect(dir.resolve("logs").resolve("node-" + i + ".log")).records().stream()
          .map(e -> e.payload()).toList());
    }
    TreeSet<Long> expected = new TreeSet<>();
    TRANSFERS.forEach(t -> expected.add(t.id()));
    return BankNode.TPC.outcome(BankNode.SPEC, logs, java.util.Set.of(), expected);
  }

  private static String verdict(CommitOutcome outcome, Transfer t) {
    CommitOutcome.Txn txn = outcome.transactions().get(t.id());
    return txn == null ? "UNKNOWN" : txn.decision().map(Verdict::name).orElse("UNDECIDED");
  }

  /**
   * The vote each bank's participant cast, as its log records it, by participant ("1", "2"); one
   * that never voted is missing.
   */
  private static SortedMap<String, String> votes(CommitOutcome outcome, Transfer t) {
    SortedMap<String, String> votes = new TreeMap<>();
    CommitOutcome.Txn txn = outcome.transactions().get(t.id());
    if (txn != null) {
      txn.votes().forEach((node, vote) -> votes.put(Integer.toString(node.index()), vote.name()));
    }
    return votes;
  }

  private static void report(PrintStream out, boolean json, String victim, long sumBefore, long sumAfter, int inDoubt,
      SortedMap<String, Long> balances, CommitOutcome outcome) throws IOException {
    if (json) {
      ObjectNode o = JSON.createObjectNode();
      o.put("killed", victim);
      o.put("sum_before", sumBefore);
      o.put("sum_after", sumAfter);
      o.put("in_doubt", inDoubt);
      o.put("atomic", outcome.atomic());
      o.put("valid", outcome.valid());
      ObjectNode b = o.putObject("balances");
      balances.forEach(b::put);
      ArrayNode ts = o.putArray("transfers");
      for (Transfer t : TRANSFERS) {
        ObjectNode n = ts.addObject();
        n.put("id", t.id());
        n.put("from", t.from());
        n.put("to", t.to());
        n.put("amount", t.amount());
        n.put("outcome", verdict(outcome, t));
        ObjectNode votes = n.putObject("votes");
        votes(outcome, t).forEach((node, vote) -> votes.put(node, vote));
      }
      out.println(JSON.writeValueAsString(o));
      return;
    }
    out.printf("The bank: two PostgreSQL databases, %s killed with SIGKILL at transfer %d and restarted.%n", victim,
        VICTIM_TXN);
    for (Transfer t : TRANSFERS) {
      out.printf("  transfer %d: %-5s -> %-5s %4d  %-6s (votes: %s)%n", t.id(), t.from(), t.to(), t.amount(),
          verdict(outcome, t), votes(outcome, t).isEmpty() ? "none" : String.join(", ",
              votes(outcome, t).entrySet().stream().map(e -> "bank " + e.getKey() + " " + e.getValue()).toList()));
    }
    balances.forEach((name, balance) -> out.printf("  %s: %d%n", name, balance));
    out.printf("  sum: %d (before: %d)%n", sumAfter, sumBefore);
    out.printf("  prepared branches left after recovery (pg_prepared_xacts): %d%n", inDoubt);
    out.printf("  atomic: %s, valid: %s%n", outcome.atomic() ? "yes" : "NO", outcome.valid() ? "yes" : "NO");
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  private static void delete(Path dir) throws IOException {
    try (Stream<Path> all = Files.walk(dir)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  /** One node process: its standard output read line by line, its standard error in a file. */
  private static final class Node {
    final int index;
    private final Process process;
    private final Path errors;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

    Node(Path dir, int index, List<String> args) throws IOException {
      this.index = index;
      this.errors = dir.resolve("node-" + index + "-" + System.nanoTime() + ".err");
      List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx256m", "-cp", System.getProperty("java.class.path"),
          BankMain.class.getName(), "node"));
      command.addAll(args);
      process = new ProcessBuilder(command).redirectError(errors.toFile()).start();
      Thread reader = new Thread(() -> {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(),
            StandardCharsets.UTF_8))) {
          for (String l = r.readLine(); l != null; l = r.readLine()) {
            lines.add(l);
          }
        } catch (IOException e) {
          // killed mid-line: its exit status says the rest
        }
      }, "bgp-bank-node-" + index);
      reader.setDaemon(true);
      reader.start();
    }

    /** Waits for a line holding {@code text}. */
    void await(String text, long seconds) throws InterruptedException {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
      while (true) {
        String l = lines.poll(Math.max(1, Math.min(TimeUnit.MILLISECONDS.toNanos(200), deadline - System.nanoTime())),
            TimeUnit.NANOSECONDS);
        if (l != null && l.contains(text)) {
          return;
        }
        if (l == null && !process.isAlive() && lines.isEmpty()) {
          throw new IllegalStateException("node " + index + " exited (" + process.exitValue() + ") before it printed "
              + text + ": " + errors());
        }
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("node " + index + " did not print " + text + " within " + seconds + " s: "
              + errors());
        }
      }
    }

    void start(String epoch) {
      try {
        OutputStream in = process.getOutputStream();
        in.write((epoch + "\n").getBytes(StandardCharsets.UTF_8));
        in.flush();
      } catch (IOException e) {
        throw new IllegalStateException("node " + index + " took no epoch: " + e.getMessage() + "; " + errors(), e);
      }
    }

    /** SIGKILL (Process.destroyForcibly on Linux): no shutdown hook, no flush. */
    void kill() {
      process.destroyForcibly();
    }

    int exit(long seconds) throws InterruptedException {
      if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException("node " + index + " did not exit within " + seconds + " s: " + errors());
      }
      return process.exitValue();
    }

    String errors() {
      try {
        String e = Files.readString(errors).strip();
        return e.isEmpty() ? "(nothing on standard error)" : e.lines().limit(20).reduce((a, b) -> a + "\n" + b)
            .orElse("");
      } catch (IOException e) {
        return "(no standard error: " + e.getMessage() + ")";
      }
    }
  }
}
