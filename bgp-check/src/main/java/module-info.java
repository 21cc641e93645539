/**
 * bgp's property-testing core: seeded generators with integrated shrinking and a property runner
 * that prints the seed replaying a failure.
 *
 * @since 0.1.0
 */
module io.github.bgp.check {
  exports io.github.bgp.check;
}
