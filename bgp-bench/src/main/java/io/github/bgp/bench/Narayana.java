package io.github.bgp.bench;

import com.arjuna.ats.arjuna.common.CoordinatorEnvironmentBean;
import com.arjuna.ats.arjuna.common.CoreEnvironmentBean;
import com.arjuna.ats.arjuna.common.CoreEnvironmentBeanException;
import com.arjuna.ats.arjuna.common.ObjectStoreEnvironmentBean;
import com.arjuna.ats.arjuna.coordinator.TransactionReaper;
import com.arjuna.ats.arjuna.coordinator.TxControl;
import com.arjuna.ats.arjuna.objectstore.StoreManager;
import com.arjuna.ats.internal.arjuna.objectstore.hornetq.HornetqJournalEnvironmentBean;
import com.arjuna.ats.internal.arjuna.objectstore.hornetq.HornetqObjectStoreAdaptor;
import com.arjuna.common.internal.util.propertyservice.BeanPopulator;
import jakarta.transaction.Transaction;
import jakarta.transaction.TransactionManager;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.transaction.xa.XAResource;

/**
 * Narayana's JTA transaction manager in this JVM, what Java applications use for two-phase
 * commit, with its journal object store (an Artemis journal, as WildFly configures it, NIO and
 * synced writes) in a fresh temporary directory. Narayana's configuration is global to the JVM,
 * so it starts once per JVM ({@code Fork} gives each JMH trial its own) and {@link #close} ends it
 * for good. No recovery manager runs: nothing here outlives the JVM.
 */
final class Narayana implements AutoCloseable {

  private static boolean started;

  final Path dir;
  final TransactionManager tm;

  private Narayana(Path dir, TransactionManager tm) {
    this.dir = dir;
    this.tm = tm;
  }

  /**
   * Configures and starts Narayana with its log in a new directory under {@code java.io.tmpdir}.
   *
   * @throws IllegalStateException if it was started before in this JVM
   */
  static synchronized Narayana start() throws IOException, CoreEnvironmentBeanException {
    if (started) {
      throw new IllegalStateException("Narayana was started in this JVM already: its configuration is global");
    }
    started = true;
    Path dir = Files.createTempDirectory("bgp-bench-narayana-");
    try {
      BeanPopulator.getDefaultInstance(CoreEnvironmentBean.class).setNodeIdentifier("bgp-bench");
      // No socket for recovery's status queries: nothing here is recovered.
      BeanPopulator.getDefaultInstance(CoordinatorEnvironmentBean.class).setTransactionStatusManagerEnable(false);
      for (String store : new String[] {null, "communicationStore", "stateStore"}) {
        ObjectStoreEnvironmentBean bean = store == null
            ? BeanPopulator.getDefaultInstance(ObjectStoreEnvironmentBean.class)
            : BeanPopulator.getNamedInstance(ObjectStoreEnvironmentBean.class, store);
        bean.setObjectStoreDir(dir.resolve("store").toString());
      }
      BeanPopulator.getDefaultInstance(ObjectStoreEnvironmentBean.class)
          .setObjectStoreType(HornetqObjectStoreAdaptor.class.getName());
      HornetqJournalEnvironmentBean journal = BeanPopulator.getDefaultInstance(HornetqJournalEnvironmentBean.class);
      journal.setStoreDir(dir.resolve("journal").toString());
      journal.setAsyncIO(false); // NIO: libaio is not on every machine
      journal.setSyncWrites(true);
      journal.setSyncDeletes(true);
      return new Narayana(dir, com.arjuna.ats.jta.TransactionManager.transactionManager());
    } catch (CoreEnvironmentBeanException | RuntimeException | Error e) {
      CommitCluster.delete(dir);
      throw e;
    }
  }

  /** One transaction over {@code a} and {@code b}: two-phase commit, the decision in the journal. */
  void commit(XAResource a, XAResource b) throws Exception {
    tm.begin();
    Transaction t = tm.getTransaction();
    t.enlistResource(a);
    t.enlistResource(b);
    tm.commit();
  }

  /** One transaction over {@code a} and {@code b} that the application rolls back. */
  void rollback(XAResource a, XAResource b) throws Exception {
    tm.begin();
    Transaction t = tm.getTransaction();
    t.enlistResource(a);
    t.enlistResource(b);
    tm.rollback();
  }

  /**
   * Commits {@code n} transactions over {@code a} and {@code b} at once, one per worker (a
   * transaction is bound to its thread), and returns when all are committed.
   */
  static int commitAll(Narayana narayana, ExecutorService workers, int n, XAResource a, XAResource b)
      throws InterruptedException, ExecutionException {
    List<Future<?>> done = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      done.add(workers.submit(() -> {
        narayana.commit(a, b);
        return null;
      }));
    }
    for (Future<?> f : done) {
      f.get();
    }
    return n;
  }

  /** A pool of {@code n} workers for {@link #commitAll}. */
  static ExecutorService workers(int n) {
    return Executors.newFixedThreadPool(n, r -> {
      Thread t = new Thread(r, "narayana-worker");
      t.setDaemon(true);
      return t;
    });
  }

  /** Stops new transactions, the reaper and the journal, and deletes the directory. */
  @Override
  public void close() {
    TxControl.disable(true); // waits for the transactions in flight
    TransactionReaper.terminate(false);
    StoreManager.shutdown();
    CommitCluster.delete(dir);
  }
}
