package io.github.bgp.xa;

import io.github.bgp.api.HeuristicException;
import io.github.bgp.api.InstanceId;
import io.github.bgp.api.NodeId;
import io.github.bgp.api.Resource;
import io.github.bgp.api.Transaction;
import io.github.bgp.api.Vote;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collections;
import java.util.Deque;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import javax.sql.XAConnection;
import javax.sql.XADataSource;
import javax.transaction.xa.XAException;
import javax.transaction.xa.XAResource;
import javax.transaction.xa.Xid;

/**
 * A participant's {@link Resource} over a database that speaks XA: each transaction's payload runs
 * as {@link XaWork} in an XA branch named by {@link BgpXid} (the transaction's global id and this
 * participant's node), which the database prepares, then commits or rolls back as the protocol
 * decides. Any {@link XADataSource} will do (PostgreSQL's {@code PGXADataSource}, MySQL's, Oracle's,
 * H2's); PostgreSQL needs {@code max_prepared_transactions} above zero.
 *
 * <ul>
 *   <li>{@link #prepare}: {@code start}, the work, {@code end(TMSUCCESS)}, {@code prepare}: XA_OK
 *       votes COMMIT once {@code recover} lists the branch (PostgreSQL answers XA_OK for a
 *       transaction it has just rolled back, see {@link XaWork}), XA_RDONLY votes READ_ONLY, and
 *       so does a work that says it changed nothing (its branch is rolled back at once). A work
 *       that throws an {@link SQLException} (a CHECK constraint, a deadlock) or a branch the
 *       database rolled back ({@code XA_RB*}) votes ABORT.
 *       Any other failure is thrown (the participant votes ABORT); if it happened in
 *       {@code prepare} itself the branch may be prepared, and the {@code abort} that follows, or
 *       {@link #inDoubt} after a crash, removes it.
 *   <li>{@link #commit} and {@link #abort}: {@code commit(xid, false)} and {@code rollback(xid)}.
 *       Both are idempotent: {@code XAER_NOTA} (no such branch) means the branch is resolved
 *       already, see below. The heuristic answers ({@code XA_HEURCOM}, {@code XA_HEURRB},
 *       {@code XA_HEURMIX}, {@code XA_HEURHAZ}) become a {@link HeuristicException} of the same
 *       kind, after which the store is told to {@code forget} the branch (it was reported once);
 *       every other failure is thrown as an {@link XAException} (or the {@link SQLException} of a
 *       connection that could not be had), which the participant retries.
 *   <li>{@link #inDoubt}: {@code recover(TMSTARTRSCAN | TMENDRSCAN)}, keeping only bgp's branches
 *       of that cluster's instance at this node; foreign branches are not touched.
 * </ul>
 *
 * <p><b>XAER_NOTA.</b> XA cannot tell "already committed" from "never prepared": once a database
 * has committed or rolled back a prepared branch it forgets it. What tells them apart is the
 * participant's log, and that makes NOTA safe to treat as done. {@code commit} is only called for a
 * transaction this participant voted COMMIT on, which it logs only after {@code prepare} answered
 * XA_OK, so the branch was prepared and NOTA means it was committed by an earlier call (the repeat
 * after a crash); or the vote was READ_ONLY, whose branch holds nothing. The one case it cannot
 * see is an operator's {@code ROLLBACK PREPARED} behind bgp's back, which PostgreSQL does not
 * remember either (a database that does reports it as XA_HEURRB). {@code abort} may be called for
 * a transaction never prepared here, and NOTA then means exactly that; it cannot be a committed
 * branch, because the protocol never aborts where it decided to commit.
 *
 * <p><b>Connections.</b> Each call takes its own connection, so calls about different transactions
 * run side by side; up to {@value #MAX_IDLE} idle connections (or the {@code maxIdle} given) are kept
 * for the next calls, and one that failed is closed with every idle one (after a database restart they are all dead), which
 * closing this resource also does. A {@code prepare} repeated for a branch this resource still
 * holds prepared answers COMMIT again without running the work (which would wait for the locks of
 * its own prepared branch); after a restart, a participant resolves what {@link #inDoubt} reports
 * before it votes again.
 *
 * @since 0.1.0
 */
public final class XaResource implements Resource, AutoCloseable {

  /** How many idle connections are kept for the next calls unless the constructor is told otherwise. */
  public static final int MAX_IDLE = 8;

  /** The most idle connections a resource may be told to keep. */
  public static final int MAX_IDLE_LIMIT = 1024;

  /** One connection: the branch's steering and the handle the work runs on, taken once. */
  private record Link(XAConnection connection, XAResource xa, Connection handle) {}

  private final XaConnections connections;
  private final NodeId branch;
  private final XaWork work;
  private final int maxIdle;
  private final Deque<Link> idle = new ConcurrentLinkedDeque<>();
  private final Set<BgpXid> prepared = ConcurrentHashMap.newKeySet();
  private volatile boolean closed;

  /**
   * Runs {@code work} in branches of participant {@code branch}, on connections from {@code dataSource}.
   *
   * @param dataSource the participant's store
   * @param branch the participant, every branch's qualifier
   * @param work the application's SQL for a transaction
   */
  public XaResource(XADataSource dataSource, NodeId branch, XaWork work) {
    this(Objects.requireNonNull(dataSource, "dataSource")::getXAConnection, branch, work);
  }

  /**
   * Runs {@code work} in branches of participant {@code branch}, on connections from {@code connections}.
   *
   * @param connections where the XA connections come from (a pool, say)
   * @param branch the participant, every branch's qualifier
   * @param work the application's SQL for a transaction
   */
  public XaResource(XaConnections connections, NodeId branch, XaWork work) {
    this(connections, branch, work, MAX_IDLE);
  }

  /**
   * Runs {@code work} in branches of participant {@code branch}, on connections from {@code connections},
   * keeping up to {@code maxIdle} idle connections for the next calls. A participant that carries out k
   * calls at once (its {@code LiveNode}'s resource threads) wants {@code maxIdle} of at least k when
   * {@code connections} opens a new connection each time (as a bare {@code XADataSource} does): with
   * fewer, every call beyond them opens a connection and closes it again, a server process each in
   * PostgreSQL. Give 0 when {@code connections} is a pool of its own.
   *
   * @param connections where the XA connections come from (a pool, say)
   * @param branch the participant, every branch's qualifier
   * @param work the application's SQL for a transaction
   * @param maxIdle the idle connections kept, 0 to {@value #MAX_IDLE_LIMIT}
   * @throws IllegalArgumentException if {@code maxIdle} is out of that range
   * @since 0.1.0
   */
  public XaResource(XaConnections connections, NodeId branch, XaWork work, int maxIdle) {
    this.connections = Objects.requireNonNull(connections, "connections");
    this.branch = Objects.requireNonNull(branch, "branch");
    this.work = Objects.requireNonNull(work, "work");
    if (maxIdle < 0 || maxIdle > MAX_IDLE_LIMIT) {
      throw new IllegalArgumentException(
          "maxIdle is the idle connections kept, 0 to " + MAX_IDLE_LIMIT + ", not " + maxIdle);
    }
    this.maxIdle = maxIdle;
  }

  /**
   * The participant whose branches this resource keeps (every Xid's branch qualifier).
   *
   * @return the participant's node id
   */
  public NodeId branch() {
    return branch;
  }

  /**
   * Runs {@code t}'s work in its branch and prepares it.
   *
   * @throws IllegalArgumentException if {@code t}'s cluster name is too long for an XA global id
   * @throws IllegalStateException if this resource is closed
   * @throws SQLException if no connection could be had
   * @throws XAException if the database failed otherwise (the participant votes ABORT)
   */
  @Override
  public Vote prepare(Transaction t) throws SQLException, XAException {
    BgpXid xid = BgpXid.of(t, branch);
    if (prepared.contains(xid)) {
      return Vote.COMMIT; // asked again: the branch is still prepared
    }
    Link link = begin(xid);
    boolean changed;
    try {
      changed = work.run(link.handle(), t);
    } catch (SQLException e) {
      rollBack(link, xid, e, false);
      return Vote.ABORT;
    } catch (RuntimeException | Error e) {
      rollBack(link, xid, e, false);
      throw e;
    }
    try {
      link.xa().end(xid, XAResource.TMSUCCESS);
    } catch (XAException e) {
      if (rolledBack(e.errorCode)) {
        rollBack(link, xid, e, true); // the database rolled it back; rollback ends the branch for good
        return Vote.ABORT;
      }
      rollBack(link, xid, e, true);
      throw failure("end", xid, e);
    }
    int answer;
    String call = changed ? "prepare" : "rollback";
    try {
      if (!changed) {
        link.xa().rollback(xid); // nothing to keep
        release(link);
        return Vote.READ_ONLY;
      }
      answer = link.xa().prepare(xid);
      call = "recover";
      if (answer == XAResource.XA_OK && !holds(link.xa(), xid)) {
        release(link); // the database rolled it back while saying XA_OK (see XaWork)
        return Vote.ABORT;
      }
    } catch (XAException e) {
      if (rolledBack(e.errorCode) && !call.equals("recover")) {
        release(link); // rolled back, and forgotten, by the database
        return Vote.ABORT;
      }
      discard(link); // it may be prepared: the abort that follows an ABORT vote, or recovery, removes it
      throw failure(call, xid, e);
    } catch (RuntimeException e) {
      discard(link);
      throw e;
    }
    release(link);
    if (answer == XAResource.XA_RDONLY) {
      return Vote.READ_ONLY;
    }
    prepared.add(xid);
    return Vote.COMMIT;
  }

  /**
   * Commits {@code t}'s branch; done already (XAER_NOTA) counts as done. Reads only {@code t}'s
   * global id, not its payload, so recovery may pass a transaction rebuilt from its id.
   *
   * @throws HeuristicException if the database resolved the branch on its own
   * @throws IllegalArgumentException if {@code t}'s cluster name is too long for an XA global id
   * @throws IllegalStateException if this resource is closed
   * @throws SQLException if no connection could be had (retry)
   * @throws XAException if the database failed otherwise (retry)
   */
  @Override
  public void commit(Transaction t) throws HeuristicException, SQLException, XAException {
    finish(t, true);
  }

  /**
   * Rolls back {@code t}'s branch; none (XAER_NOTA) counts as done. Reads only {@code t}'s global
   * id, not its payload, so recovery may pass a transaction rebuilt from its id.
   *
   * @throws HeuristicException if the database resolved the branch on its own
   * @throws IllegalArgumentException if {@code t}'s cluster name is too long for an XA global id
   * @throws IllegalStateException if this resource is closed
   * @throws SQLException if no connection could be had (retry)
   * @throws XAException if the database failed otherwise (retry)
   */
  @Override
  public void abort(Transaction t) throws HeuristicException, SQLException, XAException {
    finish(t, false);
  }

  /**
   * The transactions of {@code cluster}'s instance {@code instance} whose branch at this node the
   * database holds prepared. Other branches (other instances, other nodes, other transaction
   * managers) are left as they are.
   *
   * @throws IllegalArgumentException if {@code cluster} is too long for an XA global id
   * @throws IllegalStateException if this resource is closed
   * @throws SQLException if no connection could be had (ask again later)
   * @throws XAException if the database failed otherwise (ask again later)
   */
  @Override
  public Set<Long> inDoubt(String cluster, InstanceId instance) throws SQLException, XAException {
    BgpXid.checkCluster(Objects.requireNonNull(cluster, "cluster"));
    Objects.requireNonNull(instance, "instance");
    Link link = borrow(false);
    Xid[] found;
    try {
      found = link.xa().recover(XAResource.TMSTARTRSCAN | XAResource.TMENDRSCAN);
    } catch (XAException e) {
      discard(link);
      throw withCode(new XAException("recover at node " + branch + " failed with " + code(e.errorCode)
          + (e.getMessage() == null ? "" : ": " + e.getMessage())), e.errorCode, e);
    } catch (RuntimeException e) {
      discard(link);
      throw e;
    }
    release(link);
    Set<Long> txns = new TreeSet<>();
    for (Xid x : found == null ? new Xid[0] : found) {
      BgpXid.parse(x)
          .filter(b -> b.cluster().equals(cluster) && b.instance().equals(instance) && b.branch().equals(branch))
          .ifPresent(b -> txns.add(b.txn()));
    }
    return Collections.unmodifiableSet(txns);
  }

  /** Closes the idle connections, and each busy one when its call ends; calls after this are refused. */
  @Override
  public void close() {
    closed = true;
    drain();
  }

  private void finish(Transaction t, boolean commit) throws HeuristicException, SQLException, XAException {
    BgpXid xid = BgpXid.of(t, branch);
    Link link = borrow(false);
    try {
      if (commit) {
        link.xa().commit(xid, false);
      } else {
        link.xa().rollback(xid);
      }
    } catch (XAException e) {
      HeuristicException.Kind kind = heuristic(e.errorCode);
      if (kind != null) {
        forget(link, xid, e);
        settle(link, xid);
        throw new HeuristicException(kind, xid + ", told to " + (commit ? "commit" : "roll back") + ", answered "
            + code(e.errorCode), e);
      }
      if (rolledBack(e.errorCode)) {
        settle(link, xid);
        if (commit) {
          throw new HeuristicException(HeuristicException.Kind.ROLLED_BACK, xid + ", told to commit, answered "
              + code(e.errorCode) + ": the database rolled it back", e);
        }
        return; // rolled back, as asked
      }
      if (e.errorCode == XAException.XAER_NOTA) {
        settle(link, xid); // resolved already (see the class comment)
        return;
      }
      discard(link);
      throw failure(commit ? "commit" : "rollback", xid, e);
    } catch (RuntimeException e) {
      discard(link);
      throw e;
    }
    settle(link, xid);
  }

  /** A connection with {@code xid}'s branch started on it; a pooled connection that fails is replaced once. */
  private Link begin(BgpXid xid) throws SQLException, XAException {
    for (boolean fresh = false; ; fresh = true) {
      Link link = borrow(fresh);
      try {
        link.xa().start(xid, XAResource.TMNOFLAGS);
        return link;
      } catch (XAException e) {
        discard(link);
        if (fresh || e.errorCode == XAException.XAER_DUPID) {
          throw failure("start", xid, e);
        }
      } catch (RuntimeException e) {
        discard(link);
        throw e;
      }
    }
  }

  /**
   * Ends (unless {@code ended}) and rolls back the branch after {@code why}; a connection that fails
   * at that is closed, which rolls the branch back too (it was never prepared).
   */
  private void rollBack(Link link, BgpXid xid, Throwable why, boolean ended) {
    try {
      try {
        if (!ended) {
          link.xa().end(xid, XAResource.TMFAIL);
        }
      } catch (XAException e) {
        if (!rolledBack(e.errorCode)) {
          throw e;
        }
      }
      try {
        link.xa().rollback(xid);
      } catch (XAException e) {
        if (!rolledBack(e.errorCode) && e.errorCode != XAException.XAER_NOTA) {
          throw e;
        }
      }
      release(link);
    } catch (XAException | RuntimeException e) {
      why.addSuppressed(e);
      discard(link);
    }
  }

  /** Whether the database holds {@code xid} prepared: XA_OK is not enough (see XaWork on PostgreSQL). */
  private static boolean holds(XAResource xa, BgpXid xid) throws XAException {
    Xid[] found = xa.recover(XAResource.TMSTARTRSCAN | XAResource.TMENDRSCAN);
    for (Xid x : found == null ? new Xid[0] : found) {
      if (BgpXid.parse(x).filter(xid::equals).isPresent()) {
        return true;
      }
    }
    return false;
  }

  private void forget(Link link, BgpXid xid, XAException heuristic) {
    try {
      link.xa().forget(xid);
    } catch (XAException | RuntimeException e) {
      heuristic.addSuppressed(e); // it stays in doubt and is reported again
    }
  }

  private void settle(Link link, BgpXid xid) {
    prepared.remove(xid);
    release(link);
  }

  private Link borrow(boolean fresh) throws SQLException {
    if (closed) {
      throw new IllegalStateException("this XaResource (node " + branch + ") is closed");
    }
    Link link = fresh ? null : idle.pollFirst();
    if (link != null) {
      return link;
    }
    XAConnection c = Objects.requireNonNull(connections.get(), "the XaConnections gave no connection");
    try {
      // The handle first: PostgreSQL's driver rolls back an active branch when a handle is taken.
      Connection handle = c.getConnection();
      return new Link(c, c.getXAResource(), handle);
    } catch (SQLException | RuntimeException e) {
      closeQuietly(c, e);
      throw e;
    }
  }

  private void release(Link link) {
    if (closed || idle.size() >= maxIdle) {
      closeQuietly(link.connection(), null);
    } else {
      idle.offerFirst(link);
      if (closed) {
        drain();
      }
    }
  }

  private void discard(Link link) {
    closeQuietly(link.connection(), null);
    drain();
  }

  private void drain() {
    for (Link l; (l = idle.pollFirst()) != null; ) {
      closeQuietly(l.connection(), null);
    }
  }

  private static void closeQuietly(XAConnection c, Throwable primary) {
    try {
      c.close();
    } catch (SQLException | RuntimeException e) {
      if (primary != null) {
        primary.addSuppressed(e);
      }
    }
  }

  private static boolean rolledBack(int code) {
    return code >= XAException.XA_RBBASE && code <= XAException.XA_RBEND;
  }

  private static HeuristicException.Kind heuristic(int code) {
    return switch (code) {
      case XAException.XA_HEURCOM -> HeuristicException.Kind.COMMITTED;
      case XAException.XA_HEURRB -> HeuristicException.Kind.ROLLED_BACK;
      case XAException.XA_HEURMIX -> HeuristicException.Kind.MIXED;
      case XAException.XA_HEURHAZ -> HeuristicException.Kind.HAZARD;
      default -> null;
    };
  }

  private static XAException failure(String call, BgpXid xid, XAException e) {
    return withCode(new XAException(call + " of " + xid + " failed with " + code(e.errorCode)
        + (e.getMessage() == null ? "" : ": " + e.getMessage())), e.errorCode, e);
  }

  private static XAException withCode(XAException x, int code, Throwable cause) {
    x.errorCode = code;
    x.initCause(cause);
    return x;
  }

  /** XA's name for an error code, for messages. */
  static String code(int code) {
    return switch (code) {
      case XAException.XA_RBROLLBACK -> "XA_RBROLLBACK";
      case XAException.XA_RBCOMMFAIL -> "XA_RBCOMMFAIL";
      case XAException.XA_RBDEADLOCK -> "XA_RBDEADLOCK";
      case XAException.XA_RBINTEGRITY -> "XA_RBINTEGRITY";
      case XAException.XA_RBOTHER -> "XA_RBOTHER";
      case XAException.XA_RBPROTO -> "XA_RBPROTO";
      case XAException.XA_RBTIMEOUT -> "XA_RBTIMEOUT";
      case XAException.XA_RBTRANSIENT -> "XA_RBTRANSIENT";
      case XAException.XA_NOMIGRATE -> "XA_NOMIGRATE";
      case XAException.XA_HEURHAZ -> "XA_HEURHAZ";
      case XAException.XA_HEURCOM -> "XA_HEURCOM";
      case XAException.XA_HEURRB -> "XA_HEURRB";
      case XAException.XA_HEURMIX -> "XA_HEURMIX";
      case XAException.XA_RETRY -> "XA_RETRY";
      case XAException.XA_RDONLY -> "XA_RDONLY";
      case XAException.XAER_ASYNC -> "XAER_ASYNC";
      case XAException.XAER_RMERR -> "XAER_RMERR";
      case XAException.XAER_NOTA -> "XAER_NOTA";
      case XAException.XAER_INVAL -> "XAER_INVAL";
      case XAException.XAER_PROTO -> "XAER_PROTO";
      case XAException.XAER_RMFAIL -> "XAER_RMFAIL";
      case XAException.XAER_DUPID -> "XAER_DUPID";
      case XAException.XAER_OUTSIDE -> "XAER_OUTSIDE";
      default -> "XA error " + code;
    };
  }
}
