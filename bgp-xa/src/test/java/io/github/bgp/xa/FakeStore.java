package io.github.bgp.xa;

import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import javax.sql.ConnectionEventListener;
import javax.sql.StatementEventListener;
import javax.sql.XAConnection;
import javax.transaction.xa.XAException;
import javax.transaction.xa.XAResource;
import javax.transaction.xa.Xid;

/**
 * A store that speaks XA from memory, for the answers PostgreSQL never gives (heuristics,
 * XA_RDONLY, XA_RB*, transient failures): each call can be scripted to fail with an XA error
 * code, and every call is recorded.
 */
final class FakeStore {

  /** What the store was asked, in order: {@code "commit"}, {@code "forget"}, {@code "close"}, ... */
  final List<String> calls = new ArrayList<>();
  final Set<Xid> prepared = new LinkedHashSet<>();
  /** What {@code prepare} answers when it does not fail. */
  int prepareAnswer = XAResource.XA_OK;
  int opened;
  private final Map<String, Queue<Integer>> failures = new HashMap<>();

  /** The next call of {@code op} (start, end, prepare, commit, rollback, recover, forget) fails with {@code code}. */
  FakeStore failNext(String op, int code) {
    failures.computeIfAbsent(op, k -> new ArrayDeque<>()).add(code);
    return this;
  }

  XAConnection open() {
    opened++;
    return new Link();
  }

  private synchronized void call(String op) throws XAException {
    calls.add(op);
    Integer code = failures.getOrDefault(op, new ArrayDeque<>()).poll();
    if (code != null) {
      throw new XAException(code);
    }
  }

  private final class Link implements XAConnection, XAResource {
    private final Connection handle = (Connection) Proxy.newProxyInstance(getClass().getClassLoader(),
        new Class<?>[] {Connection.class}, (proxy, method, args) -> {
          throw new UnsupportedOperationException("the fake store has no SQL: " + method.getName());
        });

    @Override
    public XAResource getXAResource() {
      return this;
    }

    @Override
    public Connection getConnection() {
      return handle;
    }

    @Override
    public void close() {
      calls.add("close");
    }

    @Override
    public void addConnectionEventListener(ConnectionEventListener l) {}

    @Override
    public void removeConnectionEventListener(ConnectionEventListener l) {}

    @Override
    public void addStatementEventListener(StatementEventListener l) {}

    @Override
    public void removeStatementEventListener(StatementEventListener l) {}

    @Override
    public void start(Xid xid, int flags) throws XAException {
      call("start");
    }

    @Override
    public void end(Xid xid, int flags) throws XAException {
      call(flags == TMFAIL ? "end(fail)" : "end");
    }

    @Override
    public int prepare(Xid xid) throws XAException {
      call("prepare");
      if (prepareAnswer == XA_OK) {
        prepared.add(xid);
      }
      return prepareAnswer;
    }

    @Override
    public void commit(Xid xid, boolean onePhase) throws XAException {
      call("commit");
      if (!prepared.remove(xid)) {
        throw new XAException(XAException.XAER_NOTA);
      }
    }

    @Override
    public void rollback(Xid xid) throws XAException {
      call("rollback");
      prepared.remove(xid);
    }

    @Override
    public void forget(Xid xid) throws XAException {
      call("forget");
    }

    @Override
    public Xid[] recover(int flag) throws XAException {
      call("recover");
      return prepared.toArray(new Xid[0]);
    }

    @Override
    public boolean isSameRM(XAResource other) {
      return other instanceof Link;
    }

    @Override
    public int getTransactionTimeout() {
      return 0;
    }

    @Override
    public boolean setTransactionTimeout(int seconds) {
      return false;
    }
  }
}
