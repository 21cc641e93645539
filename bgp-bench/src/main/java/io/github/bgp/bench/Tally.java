package io.github.bgp.bench;

import io.github.bgp.api.Resource;
import io.github.bgp.api.Transaction;
import io.github.bgp.api.Vote;
import io.github.bgp.xa.XaWork;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What each transaction of {@link PostgresCommitBenchmark} does at each participant: it adds one
 * to its own row of a table {@code tally(id int primary key, commits bigint)}, the row whose id is
 * the transaction's id within its batch (1 to the batch's size), so that the transactions of a
 * batch do not wait for each other's row locks. {@link #WORK} does it in SQL, in an XA branch of
 * a real database; {@link Memory} does the same in memory, as the baseline of the same workload.
 */
final class Tally {

  /** {@code update tally set commits = commits + 1 where id = txn}; a missing row is refused. */
  static final XaWork WORK = (c, t) -> {
    try (PreparedStatement s = c.prepareStatement("update tally set commits = commits + 1 where id = ?")) {
      s.setLong(1, t.id());
      if (s.executeUpdate() != 1) {
        throw new SQLException("no tally row " + t.id() + ": the table holds rows 1 to the largest batch only");
      }
    }
    return true;
  };

  private Tally() {}

  /** Creates the table with rows 1 to {@code rows}, each at 0 commits, on {@code c} (auto-commit). */
  static void create(Connection c, int rows) throws SQLException {
    if (rows < 1) {
      throw new IllegalArgumentException("a tally needs at least 1 row, got " + rows);
    }
    try (Statement s = c.createStatement()) {
      s.execute("create table tally (id int primary key, commits bigint not null)");
      s.execute("insert into tally select i, 0 from generate_series(1, " + rows + ") as i");
    }
  }

  /** Every row's commits together, on {@code c}: the transactions committed there. */
  static long commits(Connection c) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("select coalesce(sum(commits), 0) from tally")) {
      r.next();
      return r.getLong(1);
    }
  }

  /**
   * The same rows in memory: a prepare checks the row is there and votes COMMIT, a commit adds one
   * to it; safe for concurrent transactions.
   */
  static final class Memory implements Resource {
    private final Map<Long, AtomicLong> rows = new ConcurrentHashMap<>();

    Memory(int rows) {
      if (rows < 1) {
        throw new IllegalArgumentException("a tally needs at least 1 row, got " + rows);
      }
      for (long i = 1; i <= rows; i++) {
        this.rows.put(i, new AtomicLong());
      }
    }

    @Override
    public Vote prepare(Transaction t) {
      return rows.containsKey(t.id()) ? Vote.COMMIT : Vote.ABORT;
    }

    @Override
    public void commit(Transaction t) {
      AtomicLong row = rows.get(t.id());
      if (row != null) {
        row.incrementAndGet();
      }
    }

    @Override
    public void abort(Transaction t) {}

    /** Every row's commits together. */
    long commits() {
      return rows.values().stream().mapToLong(AtomicLong::get).sum();
    }
  }
}
