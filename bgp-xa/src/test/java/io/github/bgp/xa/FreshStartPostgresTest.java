package io.github.bgp.xa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.bgp.api.CommitProtocol;
import io.github.bgp.api.CommitScenario;
import io.github.bgp.api.CommitSpec;
import io.github.bgp.api.InstanceId;
import io.github.bgp.api.NodeId;
import io.github.bgp.api.Protocols;
import io.github.bgp.api.Resource;
import io.github.bgp.api.Transaction;
import io.github.bgp.api.Verdict;
import io.github.bgp.api.Vote;
import io.github.bgp.net.LiveNode;
import io.github.bgp.net.LocalNetwork;
import io.github.bgp.net.NodeMetrics;
import io.github.bgp.spi.Input;
import io.github.bgp.twophase.log.FileLog;
import io.github.bgp.twophase.log.LogOwner;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.sql.XAConnection;
import javax.transaction.xa.XAResource;
import javax.transaction.xa.Xid;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A two-phase commit participant started on an empty log beside a real PostgreSQL database that
 * still holds a branch an earlier run of it prepared (and died before its READY reached a log):
 * the participant's own code path ({@code ResourceSide} on a {@link LiveNode} with a
 * {@link FileLog}, its resource an {@link XaResource}) asks the database what it holds in doubt,
 * rolls that branch back (presumed abort: the log never voted it), and leaves the branches of
 * other clusters and other transaction managers in the same database alone.
 */
class FreshStartPostgresTest {

  private static final String CLUSTER = "banks";
  private static final InstanceId INSTANCE = InstanceId.of(0x2bc);
  private static final NodeId BANK = NodeId.of(1);
  /** Generous: a timeout that passed would abort the transaction, which the test reports as a failure. */
  private static final CommitScenario.Timeouts TIMEOUTS = new CommitScenario.Timeouts(30_000, 30_000, 500);
  private static final long WAIT_SECONDS = 60;

  private static Postgres postgres;

  @TempDir
  Path logs;

  @BeforeAll
  static void startPostgres() throws Exception {
    postgres = new Postgres();
  }

  @AfterAll
  static void stopPostgres() throws Exception {
    postgres.close();
  }

  private static Transaction transfer(String cluster, long id, String entries) {
    return new Transaction(id, entries.getBytes(StandardCharsets.UTF_8), cluster, INSTANCE);
  }

  /** Another transaction manager's branch: not bgp's format, though its global id is bgp's own for txn 7. */
  private static final Xid FOREIGN = new Xid() {
    @Override
    public int getFormatId() {
      return 0x4e41;
    }

    @Override
    public byte[] getGlobalTransactionId() {
      return transfer(CLUSTER, 7, "").globalId();
    }

    @Override
    public byte[] getBranchQualifier() {
      return new byte[] {0, 0, 0, 1};
    }
  };

  @Test
  void aFreshParticipantRollsBackItsClustersLeftoverBranchAndLeavesForeignBranchesAlone() throws Exception {
    String db = postgres.database();
    try (Connection c = postgres.connect(db)) {
      BankAccounts.create(c, Map.of("alice", 100L, "bob", 0L, "carol", 50L, "dave", 0L, "erin", 10L));
    }
    // An earlier run of this participant prepared txn 7 and died before its READY reached a log.
    XaResource earlier = new XaResource(postgres.xa(db), BANK, BankAccounts.TRANSFER);
    assertEquals(Vote.COMMIT, earlier.prepare(transfer(CLUSTER, 7, "alice:-30,bob:+30")));
    // Another cluster's node 1 prepared its txn 7 of the same instance: only the global id's prefix differs.
    XaResource otherCluster = new XaResource(postgres.xa(db), BANK, BankAccounts.TRANSFER);
    assertEquals(Vote.COMMIT, otherCluster.prepare(transfer("other", 7, "carol:-20,dave:+20")));
    // Another transaction manager's branch, by plain XA.
    XAConnection plain = postgres.xa(db).getXAConnection();
    try {
      Connection handle = plain.getConnection(); // the handle first: taking one rolls back an active branch
      XAResource xa = plain.getXAResource();
      xa.start(FOREIGN, XAResource.TMNOFLAGS);
      try (Statement s = handle.createStatement()) {
        s.executeUpdate("update accounts set balance = balance - 5 where name = 'erin'");
      }
      xa.end(FOREIGN, XAResource.TMSUCCESS);
      assertEquals(XAResource.XA_OK, xa.prepare(FOREIGN));
    } finally {
      plain.close();
    }
    // The crash: every connection dropped from the server's side; the prepared branches stay.
    assertTrue(postgres.dropConnections(db) >= 1, "the earlier runs' connections are dropped");
    earlier.close();
    otherCluster.close();
    List<String> foreign = postgres.prepared(db);
    assertEquals(3, foreign.size(), foreign.toString());
    String leftover = gid(transfer(CLUSTER, 7, "").globalId());
    assertTrue(foreign.remove(leftover), leftover + " in " + foreign);

    // The participant starts on an empty log, beside a coordinator, and txn 7 is submitted again at
    // once: the participant makes its resource's calls about one transaction in order, so whether the
    // vote request comes before or after the in-doubt list, the rollback of the old branch comes
    // before the new prepare (which would otherwise wait on the old branch's row locks and abort).
    CommitProtocol tpc = Protocols.commit("2pc");
    CommitSpec spec = new CommitSpec(1, 0, TIMEOUTS);
    NodeId coordinatorId = spec.coordinator();
    LocalNetwork net = new LocalNetwork(2);
    NodeMetrics participantMetrics = new NodeMetrics(BANK);
    CompletableFuture<Long> committed = new CompletableFuture<>();
    try (FileLog coordinatorLog = FileLog.open(logs.resolve("node-0.log"),
            LogOwner.of(CLUSTER, spec, coordinatorId, tpc.name()));
        FileLog participantLog = FileLog.open(logs.resolve("node-1.log"), LogOwner.of(CLUSTER, spec, BANK, tpc.name()));
        XaResource bank = new XaResource(postgres.xa(db), BANK, BankAccounts.TRANSFER);
        LiveNode coordinator = new LiveNode(net.endpoint(coordinatorId), new NodeMetrics(coordinatorId), CLUSTER);
        LiveNode participant = new LiveNode(net.endpoint(BANK), participantMetrics, CLUSTER)) {
      LiveNode.Instance c = coordinator.register(INSTANCE,
          tpc.create(spec, coordinator.environment(INSTANCE, 100).build()), coordinatorLog, null);
      LiveNode.Instance p = participant.register(INSTANCE,
          tpc.create(spec, participant.environment(INSTANCE, 100).build()), participantLog, new Resource() {
            // The XaResource itself; the test only learns when the database has committed txn 7.
            @Override
            public Vote prepare(Transaction t) throws Exception {
              return bank.prepare(t);
            }

            @Override
            public void commit(Transaction t) throws Exception {
              bank.commit(t);
              committed.complete(t.id());
            }

            @Override
            public void abort(Transaction t) throws Exception {
              bank.abort(t);
            }

            @Override
            public Set<Long> inDoubt(String cluster, InstanceId instance) throws Exception {
              return bank.inDoubt(cluster, instance);
            }
          });
      CompletableFuture<Verdict> outcome = p.outcome(7);
      long epoch = System.currentTimeMillis();
      c.start(epoch);
      p.start(epoch);
      c.input(new Input.Submit(new Transaction(7, "alice:-10,bob:+10".getBytes(StandardCharsets.UTF_8))))
          .get(WAIT_SECONDS, TimeUnit.SECONDS);
      assertEquals(Verdict.COMMIT, outcome.get(WAIT_SECONDS, TimeUnit.SECONDS));
      // The participant tells its resource after it logged the outcome: wait for the database's commit.
      assertEquals(7L, committed.get(WAIT_SECONDS, TimeUnit.SECONDS));
      assertEquals(Set.of(), bank.inDoubt(CLUSTER, INSTANCE), "nothing of this cluster is left in doubt");
    }
    assertEquals(1L, participantMetrics.snapshot().get("protocol.recovery.unvoted.aborted"),
        "one unvoted branch rolled back: " + participantMetrics.snapshot());
    // The old branch's -30 is gone, this run's -10 committed; carol's and erin's changes are still
    // prepared, so invisible.
    assertEquals(Map.of("alice", 90L, "bob", 10L, "carol", 50L, "dave", 0L, "erin", 10L), balances(db));
    assertEquals(foreign, postgres.prepared(db), "the other cluster's and the other manager's branches are left");

    // Clean up the foreign branches: the other cluster resolves its own, the other manager its own.
    try (XaResource other = new XaResource(postgres.xa(db), BANK, BankAccounts.TRANSFER)) {
      assertEquals(Set.of(7L), other.inDoubt("other", INSTANCE));
      other.abort(transfer("other", 7, ""));
    }
    XAConnection cleanup = postgres.xa(db).getXAConnection();
    try {
      cleanup.getXAResource().rollback(FOREIGN);
    } finally {
      cleanup.close();
    }
    assertEquals(List.of(), postgres.prepared(db));
    assertEquals(Map.of("alice", 90L, "bob", 10L, "carol", 50L, "dave", 0L, "erin", 10L), balances(db));
  }

  /** How PostgreSQL's driver names bgp's branch at node 1 in pg_prepared_xacts. */
  private static String gid(byte[] globalId) {
    Base64.Encoder base64 = Base64.getEncoder();
    return BgpXid.FORMAT_ID + "_" + base64.encodeToString(globalId) + "_" + base64.encodeToString(new byte[] {0, 0, 0, 1});
  }

  private static Map<String, Long> balances(String db) throws Exception {
    try (Connection c = postgres.connect(db)) {
      return new TreeMap<>(BankAccounts.balances(c));
    }
  }
}
