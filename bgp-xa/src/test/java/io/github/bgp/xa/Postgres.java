package io.github.bgp.xa;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.postgresql.xa.PGXADataSource;

/**
 * A real PostgreSQL server for one test class, from the binaries on Maven Central, with prepared
 * transactions enabled; each database it makes is fresh.
 */
final class Postgres implements AutoCloseable {

  private final EmbeddedPostgres server;
  private int databases;

  Postgres() throws IOException {
    // A lock wait that a test got wrong fails the statement instead of hanging the build.
    server = EmbeddedPostgres.builder().setServerConfig("max_prepared_transactions", "64")
        .setServerConfig("lock_timeout", "30s").start();
  }

  /** A new, empty database; its name. */
  String database() throws SQLException {
    String name = "bank" + ++databases;
    try (Connection c = admin(); Statement s = c.createStatement()) {
      s.execute("create database " + name);
    }
    return name;
  }

  /** A plain connection to {@code database}, for setting up and for looking. */
  Connection connect(String database) throws SQLException {
    return plain(database).getConnection();
  }

  DataSource plain(String database) {
    return server.getDatabase("postgres", database);
  }

  /** The driver's XA data source for {@code database}. */
  PGXADataSource xa(String database) {
    PGXADataSource ds = new PGXADataSource();
    ds.setUrl(server.getJdbcUrl("postgres", database));
    return ds;
  }

  /** The global ids of the transactions {@code database} holds prepared (pg_prepared_xacts). */
  List<String> prepared(String database) throws SQLException {
    List<String> gids = new ArrayList<>();
    try (Connection c = connect(database); Statement s = c.createStatement();
        ResultSet r = s.executeQuery(
            "select gid from pg_prepared_xacts where database = current_database() order by gid")) {
      while (r.next()) {
        gids.add(r.getString(1));
      }
    }
    return gids;
  }

  /** Drops every connection to {@code database} from the server's side, as its client's crash would; waits for each. */
  int dropConnections(String database) throws SQLException {
    try (Connection c = admin(); Statement s = c.createStatement();
        ResultSet r = s.executeQuery("select count(pg_terminate_backend(pid, 10000)) from pg_stat_activity"
            + " where datname = '" + database + "' and pid <> pg_backend_pid()")) {
      r.next();
      return r.getInt(1);
    }
  }

  private Connection admin() throws SQLException {
    return server.getPostgresDatabase().getConnection();
  }

  @Override
  public void close() throws IOException {
    server.close();
  }
}
