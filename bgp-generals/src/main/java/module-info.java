/**
 * The two generals problem made concrete: messenger protocols, every loss pattern searched, and
 * Monte Carlo estimates.
 *
 * @since 0.1.0
 */
module io.github.bgp.generals {
  exports io.github.bgp.generals;
}
