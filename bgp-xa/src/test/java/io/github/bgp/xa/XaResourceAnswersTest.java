package io.github.bgp.xa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.bgp.api.HeuristicException;
import io.github.bgp.api.InstanceId;
import io.github.bgp.api.NodeId;
import io.github.bgp.api.Transaction;
import io.github.bgp.api.Vote;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.util.List;
import java.util.Map;
import javax.transaction.xa.XAException;
import javax.transaction.xa.XAResource;
import org.junit.jupiter.api.Test;

/**
 * How {@link XaResource} reads the XA answers a real PostgreSQL never gives: its driver knows no
 * heuristic outcome (PostgreSQL forgets a prepared transaction once it is resolved, by bgp or by
 * hand), never answers XA_RDONLY or XA_RB*, so these run against {@link FakeStore}.
 */
class XaResourceAnswersTest {

  private static final Transaction T = new Transaction(7, new byte[0], "c", InstanceId.of(1));
  private static final XaWork CHANGES = (c, t) -> true;

  private final FakeStore store = new FakeStore();

  private XaResource resource(XaWork work) {
    return new XaResource(store::open, NodeId.of(3), work);
  }

  @Test
  void everyHeuristicAnswerIsReportedWithItsKindAndThenForgotten() throws Exception {
    Map<Integer, HeuristicException.Kind> kinds = Map.of(
        XAException.XA_HEURCOM, HeuristicException.Kind.COMMITTED,
        XAException.XA_HEURRB, HeuristicException.Kind.ROLLED_BACK,
        XAException.XA_HEURMIX, HeuristicException.Kind.MIXED,
        XAException.XA_HEURHAZ, HeuristicException.Kind.HAZARD);
    for (var e : kinds.entrySet()) {
      for (boolean commit : new boolean[] {true, false}) {
        try (XaResource r = resource(CHANGES)) {
          assertEquals(Vote.COMMIT, r.prepare(T));
          store.calls.clear();
          store.failNext(commit ? "commit" : "rollback", e.getKey());
          HeuristicException h = assertThrows(HeuristicException.class, () -> {
            if (commit) {
              r.commit(T);
            } else {
              r.abort(T);
            }
          });
          assertEquals(e.getValue(), h.kind());
          assertTrue(h.getMessage().contains(XaResource.code(e.getKey())), h.getMessage());
          assertEquals(List.of(commit ? "commit" : "rollback", "forget"), store.calls);
          store.prepared.clear();
        }
      }
    }
  }

  @Test
  void aForgetThatFailsIsAttachedToTheReport() throws Exception {
    try (XaResource r = resource(CHANGES)) {
      r.prepare(T);
      store.failNext("commit", XAException.XA_HEURMIX).failNext("forget", XAException.XAER_RMFAIL);
      HeuristicException h = assertThrows(HeuristicException.class, () -> r.commit(T));
      assertEquals(HeuristicException.Kind.MIXED, h.kind());
      assertEquals(XAException.XAER_RMFAIL, ((XAException) h.getCause().getSuppressed()[0]).errorCode);
    }
  }

  @Test
  void aCommitAnsweredWithARollbackIsAHeuristicRollbackAndAnAbortSoAnsweredIsDone() throws Exception {
    try (XaResource r = resource(CHANGES)) {
      r.prepare(T);
      store.failNext("commit", XAException.XA_RBTIMEOUT);
      HeuristicException h = assertThrows(HeuristicException.class, () -> r.commit(T));
      assertEquals(HeuristicException.Kind.ROLLED_BACK, h.kind());
      store.failNext("rollback", XAException.XA_RBTIMEOUT);
      r.abort(T);
    }
  }

  @Test
  void aFailureThatMayPassIsThrownForRetryOnAFreshConnection() throws Exception {
    try (XaResource r = resource(CHANGES)) {
      assertEquals(Vote.COMMIT, r.prepare(T));
      store.failNext("commit", XAException.XAER_RMFAIL);
      XAException e = assertThrows(XAException.class, () -> r.commit(T));
      assertEquals(XAException.XAER_RMFAIL, e.errorCode);
      assertTrue(e.getMessage().contains("commit of bgp branch c/0000000000000001/7 at node 3 failed with XAER_RMFAIL"),
          e.getMessage());
      assertEquals(1, store.opened);
      r.commit(T); // the retry
      assertEquals(2, store.opened, "the failed connection was closed, not reused");
      assertEquals(List.of(), List.copyOf(store.prepared));
      r.commit(T); // and a repeat: XAER_NOTA, done already
    }
  }

  @Test
  void theStoresOwnReadOnlyAndRollbackAnswersBecomeVotes() throws Exception {
    try (XaResource r = resource(CHANGES)) {
      store.prepareAnswer = XAResource.XA_RDONLY;
      assertEquals(Vote.READ_ONLY, r.prepare(T));
      store.prepareAnswer = XAResource.XA_OK;
      store.failNext("prepare", XAException.XA_RBDEADLOCK);
      assertEquals(Vote.ABORT, r.prepare(T));
      store.failNext("end", XAException.XA_RBINTEGRITY);
      store.calls.clear();
      assertEquals(Vote.ABORT, r.prepare(T));
      assertEquals(List.of("start", "end", "rollback"), store.calls, "rolled back by the store, then ended for good");
      assertEquals(List.of(), List.copyOf(store.prepared));
    }
  }

  @Test
  void aPrepareThatFailsOtherwiseIsThrownAndItsConnectionClosed() throws Exception {
    try (XaResource r = resource(CHANGES)) {
      store.failNext("prepare", XAException.XAER_RMERR);
      XAException e = assertThrows(XAException.class, () -> r.prepare(T));
      assertEquals(XAException.XAER_RMERR, e.errorCode);
      assertEquals("close", store.calls.get(store.calls.size() - 1));
    }
  }

  @Test
  void aWorkThatFailsRollsItsBranchBack() throws Exception {
    try (XaResource r = resource((c, t) -> {
      throw new SQLIntegrityConstraintViolationException("balance < 0");
    })) {
      assertEquals(Vote.ABORT, r.prepare(T));
      assertEquals(List.of("start", "end(fail)", "rollback"), store.calls);
    }
    store.calls.clear();
    try (XaResource r = resource((c, t) -> {
      throw new IllegalStateException("a bug in the work");
    })) {
      assertEquals("a bug in the work", assertThrows(IllegalStateException.class, () -> r.prepare(T)).getMessage());
      assertEquals(List.of("start", "end(fail)", "rollback"), store.calls, "rolled back, the connection kept");
    }
  }

  @Test
  void aWorkThatChangedNothingIsRolledBackWithoutPrepare() throws Exception {
    try (XaResource r = resource((c, t) -> false)) {
      assertEquals(Vote.READ_ONLY, r.prepare(T));
      assertEquals(List.of("start", "end", "rollback"), store.calls);
    }
  }

  @Test
  void aPooledConnectionThatFailsToStartIsReplacedOnce() throws Exception {
    try (XaResource r = resource(CHANGES)) {
      r.abort(T); // leaves one idle connection
      store.failNext("start", XAException.XAER_RMFAIL);
      assertEquals(Vote.COMMIT, r.prepare(T));
      assertEquals(2, store.opened);
      store.failNext("start", XAException.XAER_RMFAIL).failNext("start", XAException.XAER_RMFAIL);
      r.commit(T);
      assertEquals(XAException.XAER_RMFAIL, assertThrows(XAException.class, () -> r.prepare(T)).errorCode);
    }
  }

  @Test
  void aClosedResourceRefusesCalls() throws Exception {
    XaResource r = resource(CHANGES);
    r.prepare(T);
    r.close();
    assertEquals("close", store.calls.get(store.calls.size() - 1), "its idle connection is closed");
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> r.commit(T));
    assertTrue(e.getMessage().contains("is closed"), e.getMessage());
  }

  @Test
  void aConnectionThatCannotBeHadIsThrownAsItCame() {
    XaResource r = new XaResource(() -> {
      throw new SQLException("connection refused");
    }, NodeId.of(1), CHANGES);
    assertEquals("connection refused", assertThrows(SQLException.class, () -> r.commit(T)).getMessage());
  }

  /**
   * Work that prepares the next transaction inside its own, for the transactions of each hundred
   * up to its eleventh: a prepare of {@code 100 * h} holds 12 connections at once, as 12 resource
   * threads would.
   */
  private static XaWork twelveAtOnce(XaResource[] r) {
    return (c, t) -> {
      if (t.id() % 100 < 11) {
        try {
          assertEquals(Vote.COMMIT, r[0].prepare(txn(t.id() + 1)));
        } catch (XAException e) {
          throw new AssertionError(e);
        }
      }
      return true;
    };
  }

  private static Transaction txn(long id) {
    return new Transaction(id, new byte[0], "c", InstanceId.of(1));
  }

  @Test
  void aResourceToldToKeepKIdleConnectionsServesKCallsAtOnceWithoutOpeningMore() throws Exception {
    XaResource[] r = new XaResource[1];
    r[0] = new XaResource(store::open, NodeId.of(3), twelveAtOnce(r), 12);
    assertEquals(Vote.COMMIT, r[0].prepare(txn(100)));
    assertEquals(12, store.opened, "12 calls at once, a connection each");
    assertEquals(Vote.COMMIT, r[0].prepare(txn(200)));
    assertEquals(12, store.opened, "the second 12 reuse the first 12's connections");

    r[0] = new XaResource(store::open, NodeId.of(3), twelveAtOnce(r));
    store.opened = 0;
    assertEquals(Vote.COMMIT, r[0].prepare(txn(300)));
    assertEquals(Vote.COMMIT, r[0].prepare(txn(400)));
    assertEquals(12 + (12 - XaResource.MAX_IDLE), store.opened,
        "by default " + XaResource.MAX_IDLE + " are kept: a wave of 12 after the first opens 4");
  }

  @Test
  void aResourceToldToKeepNoIdleConnectionClosesEachAfterItsCall() throws Exception {
    XaResource r = new XaResource(store::open, NodeId.of(3), CHANGES, 0);
    r.prepare(T);
    r.commit(T);
    assertEquals(2, store.opened);
    assertEquals("close", store.calls.get(store.calls.size() - 1));
  }

  @Test
  void anIdleCountOutOfRangeIsRefused() {
    for (int bad : new int[] {-1, XaResource.MAX_IDLE_LIMIT + 1}) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> new XaResource(store::open, NodeId.of(3), CHANGES, bad));
      assertTrue(e.getMessage().contains("maxIdle") && e.getMessage().contains(String.valueOf(bad)), e.getMessage());
    }
  }
}
