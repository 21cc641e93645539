package io.github.bgp.xa;

import io.github.bgp.api.Transaction;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * An example store for {@link XaResource}: a bank's accounts in one SQL table, and the
 * {@link XaWork} of a money transfer. It is what the money-transfer demo runs on each bank's
 * database, and a template for a work of one's own.
 *
 * <p>The table is {@code accounts(name text primary key, balance bigint not null check (balance
 * >= 0))}. A transfer's payload is UTF-8 text such as {@code alice:-30,bob:+30}: account, colon,
 * signed amount, comma-separated. Each bank applies the entries for the accounts it holds and
 * ignores the others (a transfer that touches none of them changes nothing and votes READ_ONLY);
 * a debit larger than the balance breaks the CHECK constraint, the database refuses it and the
 * transfer aborts everywhere. The SQL is plain (PostgreSQL, H2 and MySQL 8 take it).
 *
 * <pre>{@code
 * try (Connection c = plainDataSource.getConnection()) {
 *   BankAccounts.create(c, Map.of("alice", 100L));
 * }
 * Resource bank = new XaResource(xaDataSource, NodeId.of(1), BankAccounts.TRANSFER);
 * }</pre>
 *
 * @since 0.1.0
 */
public final class BankAccounts {

  /** Applies a transfer's entries to the accounts held here; see the class comment. */
  public static final XaWork TRANSFER = BankAccounts::apply;

  private BankAccounts() {}

  /**
   * Creates the table if it is not there and opens (or resets) the given accounts with their
   * balances, in one local transaction of {@code c} (which must not be in an XA branch).
   *
   * @param c a connection to the database that holds the accounts
   * @param balances each account's opening balance, by name
   * @throws IllegalArgumentException if a name is empty or holds {@code ':'} or {@code ','}, or a balance is negative
   * @throws SQLException if the database refuses the table or the rows (the transaction is rolled back)
   */
  public static void create(Connection c, Map<String, Long> balances) throws SQLException {
    balances.forEach((name, balance) -> {
      checkName(name);
      if (balance < 0) {
        throw new IllegalArgumentException("account '" + name + "' would open with a negative balance " + balance);
      }
    });
    boolean autoCommit = c.getAutoCommit();
    c.setAutoCommit(false);
    try (Statement s = c.createStatement();
        PreparedStatement delete = c.prepareStatement("delete from accounts where name = ?");
        PreparedStatement insert = c.prepareStatement("insert into accounts (name, balance) values (?, ?)")) {
      s.execute("create table if not exists accounts"
          + " (name text primary key, balance bigint not null check (balance >= 0))");
      for (Map.Entry<String, Long> e : new TreeMap<>(balances).entrySet()) {
        delete.setString(1, e.getKey());
        delete.executeUpdate();
        insert.setString(1, e.getKey());
        insert.setLong(2, e.getValue());
        insert.executeUpdate();
      }
      c.commit();
    } catch (SQLException | RuntimeException e) {
      c.rollback();
      throw e;
    } finally {
      c.setAutoCommit(autoCommit);
    }
  }

  /**
   * Every account's balance, by name.
   *
   * @param c a connection to the database that holds the accounts
   * @return the balances, sorted by account name
   * @throws SQLException if the accounts cannot be read
   */
  public static SortedMap<String, Long> balances(Connection c) throws SQLException {
    SortedMap<String, Long> balances = new TreeMap<>();
    try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("select name, balance from accounts")) {
      while (r.next()) {
        balances.put(r.getString(1), r.getLong(2));
      }
    }
    return Collections.unmodifiableSortedMap(balances);
  }

  /**
   * A transfer's entries, by account (two entries for one account add up).
   *
   * @param payload a transaction's payload: {@code name:amount} entries separated by commas, in UTF-8
   * @return each account's amount, sorted by name; empty for a blank payload
   * @throws IllegalArgumentException if {@code payload} is not {@code name:amount} entries separated by commas
   */
  public static SortedMap<String, Long> entries(byte[] payload) {
    String text = new String(payload, StandardCharsets.UTF_8);
    SortedMap<String, Long> entries = new TreeMap<>();
    if (text.isBlank()) {
      return entries;
    }
    for (String entry : text.split(",", -1)) {
      int colon = entry.indexOf(':');
      if (colon < 0) {
        throw new IllegalArgumentException("not a transfer entry (account:amount): '" + entry + "' in '" + text + "'");
      }
      String name = entry.substring(0, colon).strip();
      checkName(name);
      long amount;
      try {
        amount = Long.parseLong(entry.substring(colon + 1).strip());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("not an amount: '" + entry.substring(colon + 1) + "' in '" + text + "'", e);
      }
      try {
        entries.merge(name, amount, Math::addExact);
      } catch (ArithmeticException e) {
        throw new IllegalArgumentException("the amounts for '" + name + "' add up past a bigint in '" + text + "'", e);
      }
    }
    return entries;
  }

  /**
   * A transfer's payload for {@code entries}, as {@link #entries} reads it.
   *
   * @param entries each account's amount, by name (negative to take money out)
   * @return the entries as {@code name:+amount} separated by commas, in name order, in UTF-8
   */
  public static byte[] payload(Map<String, Long> entries) {
    StringBuilder text = new StringBuilder();
    new TreeMap<>(entries).forEach((name, amount) -> {
      checkName(name);
      text.append(text.length() == 0 ? "" : ",").append(name).append(':').append(amount >= 0 ? "+" : "").append(amount);
    });
    return text.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static boolean apply(Connection c, Transaction t) throws SQLException {
    boolean changed = false;
    // In name order, so that two transfers over the same accounts take their locks in one order.
    try (PreparedStatement update = c.prepareStatement("update accounts set balance = balance + ? where name = ?")) {
      for (Map.Entry<String, Long> e : entries(t.payload()).entrySet()) {
        update.setLong(1, e.getValue());
        update.setString(2, e.getKey());
        changed |= update.executeUpdate() > 0;
      }
    }
    return changed;
  }

  private static void checkName(String name) {
    if (name.isEmpty() || name.indexOf(':') >= 0 || name.indexOf(',') >= 0) {
      throw new IllegalArgumentException("not an account name: '" + name + "' (non-empty, without ':' or ',')");
    }
  }
}
