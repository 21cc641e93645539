package io.github.bgp.xa;

import java.sql.SQLException;
import javax.sql.XAConnection;

/**
 * Where an {@link XaResource} gets its connections: each one brings the
 * {@link javax.transaction.xa.XAResource} that steers a branch and the JDBC connection the work
 * runs on. {@code XADataSource::getXAConnection} is one; a connection pool that hands out
 * {@link XAConnection}s is another.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface XaConnections {

  /**
   * A new or pooled connection that the caller closes when it is done with it.
   *
   * @return an XA connection to the participant's store
   * @throws SQLException if the store cannot be reached
   */
  XAConnection get() throws SQLException;
}
