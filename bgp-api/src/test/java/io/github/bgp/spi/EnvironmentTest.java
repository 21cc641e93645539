package io.github.bgp.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.bgp.api.InstanceId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EnvironmentTest {

  @Test
  void theBuilderDefaultsToTheSimulatorsRoundLength() {
    Environment e = Environment.builder(InstanceId.of(3)).build();
    assertEquals(InstanceId.of(3), e.instance());
    assertEquals(1_000, Environment.DEFAULT_ROUND_TIMEOUT);
    assertEquals(Environment.DEFAULT_ROUND_TIMEOUT, e.roundTimeout());
  }

  @Test
  void theRoundLengthCanBeSet() {
    assertEquals(1, Environment.builder(InstanceId.of(3)).roundTimeout(1).build().roundTimeout());
    assertEquals(Long.MAX_VALUE, Environment.builder(InstanceId.of(3)).roundTimeout(Long.MAX_VALUE).build().roundTimeout());
  }

  @ParameterizedTest
  @ValueSource(longs = {0, -1, Long.MIN_VALUE})
  void aRoundLengthThatIsNotPositiveIsRejected(long timeout) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Environment.builder(InstanceId.of(3)).roundTimeout(timeout).build());
    assertTrue(e.getMessage().contains(Long.toString(timeout)), e.getMessage());
  }

  @Test
  void theInstanceIsRequired() {
    assertThrows(NullPointerException.class, () -> Environment.builder(null).build());
  }
}
