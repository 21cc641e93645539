/**
 * A commit participant's {@link io.github.bgp.api.Resource} over any {@code XADataSource}: the
 * application's SQL in an XA branch that the bgp transaction names.
 *
 * @since 0.1.0
 */
module io.github.bgp.xa {
  requires transitive io.github.bgp.api;
  requires transitive java.sql;
  requires transitive java.transaction.xa;

  exports io.github.bgp.xa;
}
