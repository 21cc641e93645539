package io.github.bgp.xa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.bgp.api.InstanceId;
import io.github.bgp.api.NodeId;
import io.github.bgp.api.Transaction;
import io.github.bgp.api.Vote;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import javax.sql.XAConnection;
import javax.transaction.xa.XAResource;
import javax.transaction.xa.Xid;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link XaResource} and {@link BankAccounts} against a real PostgreSQL server, one per class. */
class XaResourcePostgresTest {

  private static final String CLUSTER = "banks";
  private static final InstanceId INSTANCE = InstanceId.of(0x2bc);
  private static final NodeId BANK = NodeId.of(1);

  private static Postgres postgres;
  private String db;

  @BeforeAll
  static void startPostgres() throws Exception {
    postgres = new Postgres();
  }

  @AfterAll
  static void stopPostgres() throws Exception {
    postgres.close();
  }

  @BeforeEach
  void freshBank() throws Exception {
    db = postgres.database();
    try (Connection c = postgres.connect(db)) {
      BankAccounts.create(c, Map.of("alice", 100L, "bob", 0L, "carol", 50L, "dave", 0L, "erin", 10L));
    }
  }

  private XaResource bank() {
    return new XaResource(postgres.xa(db), BANK, BankAccounts.TRANSFER);
  }

  private static Transaction transfer(long id, String entries) {
    return new Transaction(id, entries.getBytes(StandardCharsets.UTF_8), CLUSTER, INSTANCE);
  }

  /** The balances of {@code alice} and {@code bob}. */
  private Map<String, Long> balances() throws SQLException {
    return balances("alice", "bob");
  }

  private Map<String, Long> balances(String... names) throws SQLException {
    try (Connection c = postgres.connect(db)) {
      Map<String, Long> all = BankAccounts.balances(c);
      Map<String, Long> some = new TreeMap<>();
      for (String name : names) {
        some.put(name, all.get(name));
      }
      return some;
    }
  }

  @Test
  void aPreparedTransferIsInvisibleUntilCommitted() throws Exception {
    try (XaResource bank = bank()) {
      Transaction t = transfer(1, "alice:-30,bob:+30");
      assertEquals(Vote.COMMIT, bank.prepare(t));
      assertEquals(Map.of("alice", 100L, "bob", 0L), balances(), "prepared, not committed");
      // What an operator sees in pg_prepared_xacts: the driver's format_gtrid_bqual, in Base64.
      Base64.Encoder base64 = Base64.getEncoder();
      assertEquals(List.of(BgpXid.FORMAT_ID + "_" + base64.encodeToString(t.globalId()) + "_"
          + base64.encodeToString(new byte[] {0, 0, 0, 1})), postgres.prepared(db));
      bank.commit(t);
      assertEquals(Map.of("alice", 70L, "bob", 30L), balances());
      assertEquals(List.of(), postgres.prepared(db));
    }
  }

  @Test
  void anAbortedTransferLeavesNoTrace() throws Exception {
    try (XaResource bank = bank()) {
      Transaction t = transfer(2, "alice:-30,bob:+30");
      assertEquals(Vote.COMMIT, bank.prepare(t));
      bank.abort(t);
      assertEquals(Map.of("alice", 100L, "bob", 0L), balances());
      assertEquals(List.of(), postgres.prepared(db));
    }
  }

  @Test
  void aBranchThatChangedNothingVotesReadOnlyAndKeepsNothingPrepared() throws Exception {
    try (XaResource bank = bank()) {
      Transaction t = transfer(3, "yann:-30,zoe:+30"); // another bank's accounts
      assertEquals(Vote.READ_ONLY, bank.prepare(t));
      assertEquals(List.of(), postgres.prepared(db));
      bank.commit(t); // a READ_ONLY participant hears no more, but a stray commit is harmless
      bank.abort(t);
      assertEquals(Map.of("alice", 100L, "bob", 0L), balances());
    }
  }

  @Test
  void aTransferLargerThanTheBalanceIsRefusedByTheCheckConstraint() throws Exception {
    try (XaResource bank = bank()) {
      assertEquals(Vote.ABORT, bank.prepare(transfer(4, "alice:-500,bob:+500")));
      assertEquals(List.of(), postgres.prepared(db));
      assertEquals(Map.of("alice", 100L, "bob", 0L), balances());
      bank.abort(transfer(4, "alice:-500,bob:+500")); // the participant aborts after its ABORT vote
      // The connection that saw the violation is clean again: the next transfer goes through.
      Transaction next = transfer(5, "alice:-100,bob:+100");
      assertEquals(Vote.COMMIT, bank.prepare(next));
      bank.commit(next);
      assertEquals(Map.of("alice", 0L, "bob", 100L), balances());
    }
  }

  @Test
  void aPayloadTheWorkCannotReadRollsBackAndIsThrown() throws Exception {
    try (XaResource bank = bank()) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> bank.prepare(transfer(6, "alice:-30,bob:lots")));
      assertTrue(e.getMessage().contains("not an amount: 'lots'"), e.getMessage());
      assertEquals(List.of(), postgres.prepared(db));
      Transaction next = transfer(7, "alice:-1,bob:+1");
      assertEquals(Vote.COMMIT, bank.prepare(next));
      bank.commit(next);
      assertEquals(Map.of("alice", 99L, "bob", 1L), balances());
    }
  }

  @Test
  void afterACrashInDoubtFindsThePreparedBranchesAndAFreshResourceResolvesThem() throws Exception {
    XaResource before = bank();
    assertEquals(Vote.COMMIT, before.prepare(transfer(11, "alice:-10,bob:+10")));
    // Other accounts: a prepared branch keeps its row locks, so a transfer from alice would wait.
    assertEquals(Vote.COMMIT, before.prepare(transfer(12, "carol:-20,dave:+20")));
    assertEquals(Vote.ABORT, before.prepare(transfer(13, "erin:-900")));
    assertEquals(Vote.READ_ONLY, before.prepare(transfer(14, "zoe:+1")));
    assertTrue(postgres.dropConnections(db) >= 1, "the resource's connections are dropped");
    before.close();

    try (XaResource after = bank()) {
      assertEquals(Set.of(11L, 12L), after.inDoubt(CLUSTER, INSTANCE));
      assertEquals(Set.of(), after.inDoubt(CLUSTER, InstanceId.of(0x2bd)), "another instance holds nothing");
      assertEquals(Set.of(), after.inDoubt("other", INSTANCE), "another cluster holds nothing");
      // Recovery knows only the ids: the payload is not needed to resolve a branch.
      after.commit(new Transaction(11, new byte[0], CLUSTER, INSTANCE));
      after.abort(new Transaction(12, new byte[0], CLUSTER, INSTANCE));
      assertEquals(Set.of(), after.inDoubt(CLUSTER, INSTANCE));
      Map<String, Long> resolved = Map.of("alice", 90L, "bob", 10L, "carol", 50L, "dave", 0L, "erin", 10L);
      assertEquals(resolved, balances("alice", "bob", "carol", "dave", "erin"));
      // The participant repeats its last instruction after a crash of its own: nothing changes.
      after.commit(transfer(11, "alice:-10,bob:+10"));
      after.abort(transfer(12, "carol:-20,dave:+20"));
      after.abort(transfer(13, "erin:-900"));
      after.abort(transfer(99, "alice:-1")); // never prepared here at all
      assertEquals(resolved, balances("alice", "bob", "carol", "dave", "erin"));
      assertEquals(List.of(), postgres.prepared(db));
    }
  }

  @Test
  void repeatedCommitsAndAbortsChangeNothing() throws Exception {
    try (XaResource bank = bank()) {
      Transaction c = transfer(21, "alice:-5,bob:+5");
      Transaction a = transfer(22, "carol:-7,dave:+7");
      assertEquals(Vote.COMMIT, bank.prepare(c));
      assertEquals(Vote.COMMIT, bank.prepare(c), "a repeated prepare repeats the vote");
      assertEquals(Vote.COMMIT, bank.prepare(a));
      for (int i = 0; i < 3; i++) {
        bank.commit(c);
        bank.abort(a);
      }
      assertEquals(Map.of("alice", 95L, "bob", 5L, "carol", 50L, "dave", 0L),
          balances("alice", "bob", "carol", "dave"));
      assertEquals(List.of(), postgres.prepared(db));
    }
  }

  @Test
  void inDoubtLeavesForeignBranchesAndOtherNodesBranchesAlone() throws Exception {
    // A hand-made prepared transaction, another transaction manager's XA branch, and bgp's branch
    // of the same transaction at another node (two banks in one database).
    try (Connection c = postgres.connect(db); Statement s = c.createStatement()) {
      s.execute("begin");
      s.execute("insert into accounts values ('zed', 1)"); // no lock on alice's or bob's row
      s.execute("prepare transaction 'by-hand'");
    }
    Xid foreign = new Xid() {
      @Override
      public int getFormatId() {
        return 0x4e41; // not bgp's
      }

      @Override
      public byte[] getGlobalTransactionId() {
        return transfer(31, "").globalId(); // even bgp's global id: the format tells them apart
      }

      @Override
      public byte[] getBranchQualifier() {
        return new byte[] {0, 0, 0, 1};
      }
    };
    XAConnection other = postgres.xa(db).getXAConnection();
    try {
      XAResource xa = other.getXAResource();
      xa.start(foreign, XAResource.TMNOFLAGS);
      xa.end(foreign, XAResource.TMSUCCESS);
      assertEquals(XAResource.XA_OK, xa.prepare(foreign));
    } finally {
      other.close();
    }
    try (XaResource bank = bank();
        XaResource second = new XaResource(postgres.xa(db), NodeId.of(2), BankAccounts.TRANSFER)) {
      assertEquals(Vote.COMMIT, bank.prepare(transfer(32, "alice:-1")));
      assertEquals(Vote.COMMIT, second.prepare(transfer(32, "bob:+1")));
      assertEquals(4, postgres.prepared(db).size());
      assertEquals(Set.of(32L), bank.inDoubt(CLUSTER, INSTANCE));
      assertEquals(Set.of(32L), second.inDoubt(CLUSTER, INSTANCE));
      bank.commit(transfer(32, ""));
      assertEquals(Set.of(), bank.inDoubt(CLUSTER, INSTANCE));
      assertEquals(Set.of(32L), second.inDoubt(CLUSTER, INSTANCE), "the other node's branch is its own");
      second.commit(transfer(32, ""));
      assertEquals(2, postgres.prepared(db).size(), "the foreign branches are untouched");
      assertTrue(postgres.prepared(db).contains("by-hand"));
    }
    try (Connection c = postgres.connect(db); Statement s = c.createStatement()) {
      s.execute("rollback prepared 'by-hand'");
    }
    XAConnection cleanup = postgres.xa(db).getXAConnection();
    try {
      cleanup.getXAResource().rollback(foreign);
    } finally {
      cleanup.close();
    }
    assertEquals(List.of(), postgres.prepared(db));
    assertEquals(Map.of("alice", 99L, "bob", 1L), balances());
  }

  @Test
  void aClusterNameTooLongForAnXaGlobalIdIsRefused() throws Exception {
    String fits = "é".repeat(BgpXid.MAX_CLUSTER_BYTES / 2) + "x"; // 47 bytes of UTF-8
    String tooLong = "é".repeat(BgpXid.MAX_CLUSTER_BYTES / 2 + 1); // 48
    try (XaResource bank = bank()) {
      Transaction ok = new Transaction(41, "alice:-1".getBytes(StandardCharsets.UTF_8), fits, INSTANCE);
      assertEquals(Vote.COMMIT, bank.prepare(ok));
      assertEquals(Set.of(41L), bank.inDoubt(fits, INSTANCE));
      bank.commit(ok);
      Transaction bad = new Transaction(42, "alice:-1".getBytes(StandardCharsets.UTF_8), tooLong, INSTANCE);
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> bank.prepare(bad));
      assertTrue(e.getMessage().contains("is 48 bytes in UTF-8") && e.getMessage().contains("at most 47"),
          e.getMessage());
      assertThrows(IllegalArgumentException.class, () -> bank.inDoubt(tooLong, INSTANCE));
      assertThrows(IllegalArgumentException.class, () -> bank.commit(bad));
    }
    assertEquals(Map.of("alice", 99L, "bob", 0L), balances());
  }

  @Test
  void aWorkThatSwallowsTheDatabasesRefusalDoesNotVoteCommit() throws Exception {
    XaWork swallowing = (c, t) -> {
      try (Statement s = c.createStatement()) {
        s.executeUpdate("update accounts set balance = balance - 500 where name = 'alice'");
      } catch (SQLException ignored) {
        // the bug XaWork's contract warns about
      }
      return true;
    };
    try (XaResource bank = new XaResource(postgres.xa(db), BANK, swallowing)) {
      // PostgreSQL's PREPARE TRANSACTION rolls the failed transaction back without an error, and
      // the driver answers XA_OK: only a look at what the database holds prepared tells.
      assertEquals(Vote.ABORT, bank.prepare(transfer(51, "")));
      assertEquals(List.of(), postgres.prepared(db));
      assertEquals(Map.of("alice", 100L, "bob", 0L), balances());
    }
  }
}
