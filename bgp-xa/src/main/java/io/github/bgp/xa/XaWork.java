package io.github.bgp.xa;

import io.github.bgp.api.Transaction;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * What a transaction asks of one database: the application's SQL for a transaction's payload, run
 * by {@link XaResource#prepare} inside the transaction's XA branch.
 *
 * <p>The work issues its statements on the connection it is given and neither commits, rolls
 * back nor changes the connection's auto-commit (the branch does that). It lets every
 * {@link SQLException} out: one means the store refuses the transaction (a CHECK constraint, a
 * lock timeout), and the branch is rolled back and votes ABORT. Swallowing one is a bug that
 * PostgreSQL would hide: {@code PREPARE TRANSACTION} in a failed transaction rolls it back
 * without an error. Any other exception (a payload it cannot read) rolls the branch back too and
 * is thrown on from {@code prepare}, which the participant counts as an ABORT.
 *
 * <p>The result says whether the work changed anything here. A branch that changed nothing is
 * rolled back at once and votes READ_ONLY, so it takes no part in phase two (PostgreSQL's driver
 * never answers XA's {@code XA_RDONLY} itself). Answer {@code false} only when nothing was
 * written: what a READ_ONLY branch did is not kept.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface XaWork {

  /**
   * Runs {@code t}'s share of the work on {@code c}.
   *
   * @param c the connection, inside {@code t}'s XA branch (neither commit nor roll it back)
   * @param t the transaction, whose payload says what to do
   * @return whether it changed anything in this database
   * @throws SQLException if the database refused it; the transaction then aborts
   */
  boolean run(Connection c, Transaction t) throws SQLException;
}
