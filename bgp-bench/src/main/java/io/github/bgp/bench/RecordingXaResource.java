package io.github.bgp.bench;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import javax.transaction.xa.XAException;
import javax.transaction.xa.XAResource;
import javax.transaction.xa.Xid;

/**
 * An XA resource in memory that votes to commit and counts what it is told: the participant side
 * of {@link NarayanaBenchmark}, costing nothing, so that what is measured is the transaction
 * manager. Safe for concurrent transactions; each instance is its own resource manager, so two
 * enlisted in one transaction make it two-phase.
 */
final class RecordingXaResource implements XAResource {

  final AtomicLong started = new AtomicLong();
  final AtomicLong prepared = new AtomicLong();
  final AtomicLong committed = new AtomicLong();
  final AtomicLong rolledBack = new AtomicLong();
  /** When set, the next prepare votes to roll back (XA_RBROLLBACK), and the flag clears. */
  final AtomicBoolean refuseNext = new AtomicBoolean();

  @Override
  public void start(Xid xid, int flags) {
    started.incrementAndGet();
  }

  @Override
  public void end(Xid xid, int flags) {}

  @Override
  public int prepare(Xid xid) throws XAException {
    if (refuseNext.compareAndSet(true, false)) {
      throw new XAException(XAException.XA_RBROLLBACK);
    }
    prepared.incrementAndGet();
    return XA_OK;
  }

  @Override
  public void commit(Xid xid, boolean onePhase) {
    committed.incrementAndGet();
  }

  @Override
  public void rollback(Xid xid) {
    rolledBack.incrementAndGet();
  }

  @Override
  public void forget(Xid xid) {}

  @Override
  public Xid[] recover(int flag) {
    return new Xid[0]; // it keeps nothing across a crash
  }

  @Override
  public boolean isSameRM(XAResource other) {
    return other == this;
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
