package io.github.bgp.om;

import io.github.bgp.check.Gen;
import io.github.bgp.check.Property;
import io.github.bgp.spi.Entropy;
import org.junit.jupiter.api.Test;

/** The shortcut the random strategy's bulk path takes, against the one definition of the mix. */
class LiesTest {

  @Test
  void theRandomOrderIsTheTopBitOfTheWholeMix() {
    Property.forAll(Gen.longs()).tries(5_000).check(z -> Lies.mixedTopBitFirst(z) >>> 63 == Entropy.mix(z) >>> 63);
  }
}
